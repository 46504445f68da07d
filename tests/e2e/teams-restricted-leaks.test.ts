import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import {
  ALICE,
  CHANNEL_ID,
  cardsOf,
  cardText,
  channelMessage,
  executeInvoke,
  personalMessage,
  startTeamsHarness,
  type TeamsHarness,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { CONSOLE } from '../support/test-tracker.js';

/**
 * Restricted commitments through the real CloudAdapter: what a Teams channel's thread, which everyone in
 * the channel reads, shows of commitments linked to one it may not see.
 */

const { redis, prefix } = useTestRedis();
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T04:00:00Z', admins: ['teams:aad-admin'] });
  h.connector.members.set(ALICE.id, ALICE);
  await h.tracker.execute('agency add MITI "Trade" tz:Asia/Kuala_Lumpur country:MY', CONSOLE);
  await h.tracker.execute('agency add MINDEF "Defence" tz:Asia/Kuala_Lumpur country:MY', CONSOLE);
  await h.tracker.execute('channel link MITI', {
    actor: CONSOLE.actor,
    channel: { platform: 'teams', id: CHANNEL_ID },
  });
});
afterAll(async () => h.close());

/** Sends a command the way Teams would, in MITI's channel or a personal chat, and reads the answer. */
async function command(text: string, where: 'channel' | 'personal' = 'channel'): Promise<string> {
  const before = h.connector.calls.length;
  const activity =
    where === 'personal'
      ? personalMessage(h.connector.serviceUrl, text)
      : channelMessage(h.connector.serviceUrl, text);
  expect((await h.send(activity)).status).toBe(200);
  const calls = h.connector.calls.slice(before).filter((call) => call.kind !== 'member');
  return calls
    .flatMap((call) => cardsOf(call.body))
    .map(cardText)
    .join('\n');
}

describe('a recurring commitment whose neighbour in the series is restricted', () => {
  it('show names neither the restricted occurrence nor its link in a thread of a channel that may not see it, nor does closing the occurrence again after a reopen', async () => {
    const added = await command('add Defence trade review owner:MITI due:2026-06-30 every month');
    const first = /(C-\d+)/.exec(added)![1]!;
    const closed = await command(`done ${first} minutes filed`);
    const next = /Next occurrence: (C-\d+)/.exec(closed)![1]!;
    // The next occurrence is made restricted and given to MINDEF, which MITI's channel may not see.
    expect(await command(`update ${next} visibility:restricted owner:MINDEF`)).toContain(`Updated ${next}`);
    expect(await command(`show ${next}`)).toContain(`There is no commitment ${next}`);

    const shown = await command(`show ${first}`);
    expect(shown).toContain('Defence trade review');
    expect(shown).not.toContain(next);
    expect(shown).not.toContain('Next occurrence');

    // Closed again, the occurrence finds the next one its first close made: now MINDEF's, restricted.
    await command(`reopen ${first}`);
    const again = await command(`done ${first} minutes corrected`);
    expect(again).toContain(`${first} is done`);
    expect(again).not.toContain(next);

    // Someone who may see both sees the link.
    await h.tracker.execute(`update ${next} owner:MITI`, CONSOLE);
    expect(await command(`show ${first}`)).toContain(next);
  });

  it('show of the open next occurrence does not name its restricted previous one', async () => {
    const added = await command('add Arms export licensing report owner:MITI due:2026-06-30 every quarter');
    const first = /(C-\d+)/.exec(added)![1]!;
    const next = /Next occurrence: (C-\d+)/.exec(await command(`done ${first} sent`))![1]!;
    await h.tracker.execute(`reopen ${first}`, CONSOLE);
    await h.tracker.execute(`update ${first} visibility:restricted owner:MINDEF`, CONSOLE);
    await h.tracker.execute(`done ${first} sent again`, CONSOLE);

    const shown = await command(`show ${next}`);
    expect(shown).toContain('Arms export licensing report');
    expect(shown).not.toContain(first);
    expect(shown).not.toContain('Previous occurrence');
    expect(shown).not.toContain('as the next occurrence of');
  });
});

describe('a weekly check-in card answered in a Teams channel', () => {
  it('comes back without, and without counting, a restricted commitment given to another agency since it was asked', async () => {
    const member = {
      actor: { platform: 'teams' as const, userId: ALICE.aadObjectId },
      channel: { platform: 'teams' as const, id: CHANNEL_ID },
    };
    const hidden = (
      await h.tracker.execute('add Frigate maintenance plan owner:MITI visibility:restricted', member)
    ).commitment!.id;
    const asked = (await h.tracker.execute('add Halal export standard owner:MITI', member)).commitment!.id;
    await new RedisCheckinStore(redis, prefix).open({
      agency: 'MITI',
      week: '2026-W23',
      at: '2026-06-03T01:00:00.000Z',
      ids: [hidden, asked],
    });
    await h.tracker.execute(`update ${hidden} owner:MINDEF`, member);

    const value = `${asked}|MITI|2026-W23`;
    const response = await h.send(
      executeInvoke(h.connector.serviceUrl, ACTION_IDS.checkinOnTrack, {
        action: ACTION_IDS.checkinOnTrack,
        value,
      }),
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { statusCode: number; type: string; value: unknown };
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const text = cardText(answer.value);
    expect(text).toContain('Halal export standard');
    expect(text).toMatch(/✅ On track · answered by/);
    expect(text).not.toContain('Frigate maintenance plan');
    expect(text).not.toContain(hidden);
    expect(text).toContain('1 open commitment of MITI has had no progress note');
  });
});
