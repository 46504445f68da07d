import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { notice } from '../../src/messages/commitment-messages.js';
import type { Message } from '../../src/messages/message.js';
import { backupSectionsOf, backupToFile, restoreFromFile } from '../support/backup-fixtures.js';
import {
  ALICE,
  BOT,
  CHANNEL_ID,
  cardsOf,
  cardText,
  channelMessage,
  startTeamsHarness,
  TEAM_ID,
  TENANT_ID,
  type TeamsHarness,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker } from '../support/test-tracker.js';

/**
 * A Teams conversation reference through a backup: the bot, added to a team and linked to a channel by
 * the real CloudAdapter, is backed up; a tracker restored from that file under another prefix posts
 * proactively to the team and the channel, through the Bot Framework service the reference names,
 * and names the people it had met.
 */

const { redis, prefix } = useTestRedis();
const NOW = '2026-06-01T12:00:00Z';
const folder = mkdtempSync(join(tmpdir(), 'ft-teams-backup-'));
const file = join(folder, 'teams.jsonl');
let original: TeamsHarness;
let restored: TeamsHarness;

function sections(at: string) {
  return backupSectionsOf(redis, at, buildTestTracker(redis, at, { now: NOW }));
}

beforeAll(async () => {
  original = await startTeamsHarness({ redis, prefix: `${prefix}a:`, now: NOW });
  restored = await startTeamsHarness({ redis, prefix: `${prefix}b:`, now: NOW });
});

afterAll(async () => {
  await Promise.all([original?.close(), restored?.close()]);
  rmSync(folder, { recursive: true, force: true });
});

describe('a Teams conversation reference restored from a backup', () => {
  it('lets the restored tracker post to the team and the linked channel, naming the people it met', async () => {
    const added = await original.send({
      type: 'conversationUpdate',
      id: 'f:added-to-team',
      channelId: 'msteams',
      serviceUrl: original.connector.serviceUrl,
      from: ALICE,
      recipient: BOT,
      conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID }, eventType: 'teamMemberAdded', team: { id: TEAM_ID } },
      membersAdded: [BOT],
    });
    expect(added.status).toBe(200);
    const serviceUrl = original.connector.serviceUrl;
    await original.send(
      channelMessage(serviceUrl, 'agency add MITI "Ministry of Trade" tz:Asia/Kuala_Lumpur'),
    );
    await original.send(channelMessage(serviceUrl, 'channel link MITI'));

    // Before the restore the other tracker has never met the team.
    const before = await restored.adapter.gateway.post(TEAM_ID, notice('x')).catch((error: unknown) => error);
    expect(before).toBeInstanceOf(DeliveryError);
    expect(before).toMatchObject({ code: 'teams_no_conversation_reference' });

    await backupToFile(sections(`${prefix}a:`), file, original.clock);
    const contents = await restoreFromFile(file, {
      redis,
      prefix: `${prefix}b:`,
      sections: sections(`${prefix}b:`),
      clock: restored.clock,
    });
    expect(contents.counts).toMatchObject({ 'teams-conversation': 2, 'teams-person': 1, agency: 1 });
    original.connector.clear();
    restored.connector.clear();

    await restored.adapter.gateway.post(TEAM_ID, notice('MITI weekly delivery digest'));
    const mention: Message = {
      text: 'Reminder for Alice',
      blocks: [
        {
          type: 'section',
          content: [
            { kind: 'text', text: 'Reminder for ' },
            { kind: 'mention', person: { platform: 'teams', userId: ALICE.aadObjectId } },
          ],
        },
      ],
    };
    const linked = (await restored.agencies.get('MITI'))!.channels;
    expect(linked).toEqual([{ platform: 'teams', id: CHANNEL_ID }]);
    await restored.adapter.gateway.post(CHANNEL_ID, mention);

    // Through the Bot Framework service the reference names, as the original would have posted.
    expect(original.connector.calls.map((call) => [call.kind, call.conversationId])).toEqual([
      ['send', TEAM_ID],
      ['send', CHANNEL_ID],
    ]);
    expect(restored.connector.calls).toEqual([]);
    expect(cardText(cardsOf(original.connector.calls[0]!.body)[0])).toContain('MITI weekly delivery digest');
    expect(cardText(cardsOf(original.connector.calls[1]!.body)[0])).toContain('Alice Tan');
  });
});
