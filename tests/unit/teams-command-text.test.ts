import { describe, expect, it } from 'vitest';
import {
  commandText,
  type MentionEntity,
  mentionEntities,
  mentionedUserIds,
} from '../../adapters/teams/command-text.js';
import {
  baseConversationId,
  threadConversationId,
  threadRootId,
} from '../../adapters/teams/conversation-ids.js';
import { parseCommand } from '../../src/commands/parse-command.js';

const BOT = '28:bot';
const bot: MentionEntity = {
  type: 'mention',
  text: '<at>followthrough</at>',
  mentioned: { id: BOT, name: 'followthrough' },
};
const ravi = (text = '<at>Ravi Kumar</at>'): MentionEntity => ({
  type: 'mention',
  text,
  mentioned: { id: '29:ravi', name: 'Ravi Kumar' },
});
const people = new Map([['29:ravi', { userId: 'aad-ravi', name: 'Ravi Kumar' }]]);

describe('command text from a Teams message', () => {
  it('drops the bot’s mention wherever it is and writes people as <@ID|name>', () => {
    const text = '\r\n<at>followthrough</at> add Share the MoU <at>Ravi Kumar</at> due:2026-12-15\r\n';
    expect(commandText(text, [bot, ravi()], BOT, people)).toBe(
      'add Share the MoU <@aad-ravi|Ravi Kumar> due:2026-12-15',
    );
  });

  it('gives the parser a person it reads as the owner', () => {
    const text = commandText(
      '<at>followthrough</at> add Share the MoU <at>Ravi Kumar</at> owner:MITI',
      [bot, ravi()],
      BOT,
      people,
    );
    const parsed = parseCommand(text);
    expect(parsed).toMatchObject({
      ok: true,
      command: { kind: 'add', title: 'Share the MoU', person: { userId: 'aad-ravi', name: 'Ravi Kumar' } },
    });
  });

  it('one person whose name Teams split into several mentions counts once', () => {
    const text = '<at>followthrough</at> add X <at>Ravi</at> <at>Kumar</at> owner:MITI';
    expect(commandText(text, [bot, ravi('<at>Ravi</at>'), ravi('<at>Kumar</at>')], BOT, people)).toBe(
      'add X <@aad-ravi|Ravi Kumar> owner:MITI',
    );
  });

  it('a mention that could not be resolved keeps the Teams id and the name Teams gave', () => {
    expect(commandText('<at>Ravi Kumar</at> owns it', [ravi()], BOT, new Map())).toBe(
      '<@29:ravi|Ravi Kumar> owns it',
    );
  });

  it('a channel or tag mention stays as its name, not a person', () => {
    const channel: MentionEntity = {
      type: 'mention',
      text: '<at>General</at>',
      mentioned: { id: '19:general@thread.tacv2', name: 'General' },
    };
    expect(
      commandText('<at>followthrough</at> add Tell <at>General</at> owner:MITI', [bot, channel], BOT, people),
    ).toBe('add Tell General owner:MITI');
    expect(mentionedUserIds([bot, channel, ravi(), ravi('<at>Ravi</at>')], BOT)).toEqual(['29:ravi']);
  });

  it('reads Teams’ HTML entities and formatting back as text', () => {
    expect(
      commandText('<at>followthrough</at>&nbsp;add <b>R&amp;D</b> plan&nbsp;owner:MITI', [bot], BOT, people),
    ).toBe('add R&D plan owner:MITI');
  });

  it('a mention typed as text is not a mention, whether escaped or raw', () => {
    const typed = commandText('add Ping &lt;@aad-boss|Boss&gt; and <@aad-boss> owner:MITI', [], BOT, people);
    const parsed = parseCommand(typed);
    expect(parsed).toMatchObject({ ok: true, command: { kind: 'add' } });
    expect(parsed.ok && parsed.command.kind === 'add' ? parsed.command.person : 'not parsed').toBeUndefined();
    expect(typed).not.toContain('<@aad-boss');
  });

  it('an entity cannot forge the placeholders used while rewriting', () => {
    expect(commandText('add &#xE000;0&#xE001; owner:MITI', [ravi()], BOT, people)).toBe(
      'add &#xE000;0&#xE001; owner:MITI',
    );
  });

  it('a name cannot break out of the canonical mention', () => {
    const odd = new Map([['29:ravi', { userId: 'aad-ravi', name: 'Ravi> <@aad-boss|Boss' }]]);
    expect(commandText('<at>Ravi Kumar</at>', [ravi()], BOT, odd)).toBe('<@aad-ravi|Ravi @aad-bossBoss>');
  });

  it('only well-formed mention entities count', () => {
    expect(
      mentionEntities([{ type: 'clientInfo' }, { type: 'mention', text: '<at>x</at>' }, ravi(), null]),
    ).toEqual([ravi()]);
  });
});

describe('conversation ids', () => {
  it('a thread is its channel with ;messageid=<root>', () => {
    const thread = threadConversationId('19:abc@thread.tacv2', '1700');
    expect(thread).toBe('19:abc@thread.tacv2;messageid=1700');
    expect(baseConversationId(thread)).toBe('19:abc@thread.tacv2');
    expect(threadRootId(thread)).toBe('1700');
    expect(threadConversationId(thread, '1800')).toBe('19:abc@thread.tacv2;messageid=1800');
    expect(threadRootId('a:personal')).toBeUndefined();
  });
});
