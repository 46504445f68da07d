import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  fromSlackText,
  mentionedUsers,
  subcommandOf,
} from '../../adapters/slack/slack-text.js';
import { parseCommand } from '../../src/commands/parse-command.js';

describe('reading Slack command text back into what was typed', () => {
  it('keeps user mentions in the form the parser reads, in add', () => {
    const text = fromSlackText('add Pilot owner:MITI <@U2|bob> due:2026-12-15');
    expect(text).toBe('add Pilot owner:MITI <@U2|bob> due:2026-12-15');
    const parsed = parseCommand(text);
    expect(parsed.ok && parsed.command.kind === 'add' && parsed.command.person).toEqual({
      userId: 'U2',
      name: 'bob',
    });
  });

  it('writes mentions as @name text where they are just words', () => {
    expect(
      fromSlackText('done C-1 thanks <@U2|bob> and <@U3>', {
        keepMentions: false,
        nameOf: (id) => (id === 'U3' ? 'carol' : undefined),
      }),
    ).toBe('done C-1 thanks @bob and @carol');
  });

  it('turns links, channels and special mentions into the text they were typed as', () => {
    expect(
      fromSlackText(
        'see <https://gov.example/mou|gov.example/mou> in <#C9|trade> cc <!here> <!subteam^S1|@ops>',
      ),
    ).toBe('see gov.example/mou in #trade cc @here @ops');
    expect(fromSlackText('mail <mailto:a@b.gov|a@b.gov> or <https://x.example>')).toBe(
      'mail a@b.gov or https://x.example',
    );
  });

  it('decodes entities last, so markup a person typed literally stays text', () => {
    const text = fromSlackText('add Tell &lt;!channel&gt; &amp; &lt;https://x|y&gt; owner:MITI');
    expect(text).toBe('add Tell <!channel> & <https://x|y> owner:MITI');
    const parsed = parseCommand(text);
    expect(parsed.ok && parsed.command.kind === 'add' && parsed.command.title).toBe(
      'Tell <!channel> & <https://x|y>',
    );
  });

  it('decodes only the three entities Slack uses', () => {
    expect(decodeEntities('&amp;lt; &quot; &lt;&gt;')).toBe('&lt; &quot; <>');
  });

  it('lists every mentioned user once', () => {
    expect(mentionedUsers('<@U1|a> <@U2> <@U1> <#C1|x>')).toEqual([
      { userId: 'U1', name: 'a' },
      { userId: 'U2' },
    ]);
  });

  it('finds the subcommand', () => {
    expect(subcommandOf('  ADD x')).toBe('add');
    expect(subcommandOf('')).toBe('');
  });
});
