import { describe, expect, it } from 'vitest';
import { ConversationStore } from '../../adapters/teams/conversation-store.js';
import { unfinishedRestore } from '../../src/backup/restore-marker.js';
import { RestoreRefusedError } from '../../src/errors/restore-refused-error.js';
import { restoreFromFile } from '../support/backup-fixtures.js';
import { addAgency, TEAMS_MEITY, useSchedulerHarness } from '../support/scheduler-harness.js';
import { dumpStore } from '../support/store-dump.js';
import { useTestRedis } from '../support/test-redis.js';
import {
  NOW,
  pendingReminders,
  replanned,
  run,
  schedules,
  storeKeys,
  target,
  useBackedUpTracker,
  views,
} from './backup-tracker.js';

/**
 * A tracker with every kind of state, backed up to a file and restored into other stores (prefixes of
 * their own) with the real BullMQ planner: the restored tracker answers every command the same, keeps
 * the same keys (indexes and counts rebuilt through the store), and plans the same reminders and
 * schedules; a store that holds data is refused unless the restore replaces it.
 */

const test = useTestRedis();
const { redis } = test;
const newHarness = useSchedulerHarness(test);
const tracker = useBackedUpTracker(test);

describe('backup, then restore into an empty store', () => {
  it('shows, lists and digests the same, keeps the same keys, and plans the same reminders and schedules', async () => {
    const copy = await newHarness({ now: NOW });
    const restored = await restoreFromFile(tracker.file, target(redis, copy), {
      replace: false,
      replan: replanned(copy),
    });
    expect(restored.counts).toMatchObject({ agency: 3, commitment: 8, checkin: 1, 'teams-conversation': 1 });

    const shown = await views(redis, copy);
    expect(shown).toEqual(tracker.views);
    // Not two empty trackers alike: the notes, the moved deadline's reason, the series and the check-in.
    for (const text of [
      'Draft shared with MEITY; line 2 of the note',
      'waiting for the state cabinet',
      'next occurrence C-8 opened',
      '0 of 2 without news this week',
      'Holi (office closed)',
    ]) {
      expect(JSON.stringify(shown)).toContain(text);
    }
    // Commitments, histories, indexes, week counts, deadline moves, import keys, the id counter, holidays,
    // channel settings, check-ins, Teams references and the jobs floor's records: key for key.
    expect(await storeKeys(redis, copy)).toEqual(await storeKeys(redis, tracker.source));
    const reminders = await pendingReminders(copy);
    expect(reminders.length).toBeGreaterThan(3);
    expect(reminders).toEqual(await pendingReminders(tracker.source));
    expect(await schedules(copy)).toEqual(await schedules(tracker.source));

    // Kept as long as the original would have been, not 120 days from the restore.
    const checkin = `${copy.prefix}checkin:MITI:2026-W10`;
    const ttl = await redis.pttl(checkin);
    expect(Math.abs(ttl - (await redis.pttl(`${tracker.source.prefix}checkin:MITI:2026-W10`)))).toBeLessThan(
      60_000,
    );
    // The next id is the one after the last given, never one given before.
    expect(await run(copy, 'add Next one owner:MITI')).toContain('C-9');
    expect(await unfinishedRestore(redis, copy.prefix)).toBeUndefined();
  });

  it('carries the Teams conversation references and people met, through the adapter’s own store', async () => {
    const copy = await newHarness({ now: NOW });
    await restoreFromFile(tracker.file, target(redis, copy));
    const reference = await new ConversationStore({ redis, prefix: copy.prefix }).get(TEAMS_MEITY.id);
    expect(reference).toMatchObject({
      serviceUrl: 'https://smba.trafficmanager.net/apac/',
      conversation: { id: TEAMS_MEITY.id, tenantId: 'tenant-1' },
    });
    expect(await redis.smembers(`${copy.prefix}teams:team:19:meity-team@thread.tacv2:conversations`)).toEqual(
      [TEAMS_MEITY.id],
    );
    expect(await redis.hget(`${copy.prefix}teams:people`, '29:ravi')).toBe('Ravi Kumar');
  });
});

describe('a store that already holds data', () => {
  it('is refused, and left exactly as it was', async () => {
    const other = await newHarness({ now: NOW });
    await addAgency(other, { code: 'DOF', name: 'Finance', timeZone: 'UTC' }, []);
    await run(other, 'add Other tracker item owner:DOF due:2026-04-15');
    const before = await dumpStore(redis, other.prefix);
    const refused = restoreFromFile(tracker.file, target(redis, other));
    await expect(refused).rejects.toThrow(RestoreRefusedError);
    await expect(refused).rejects.toThrow(/not empty: it holds agencies, commitments.*--replace/);
    expect(await dumpStore(redis, other.prefix)).toEqual(before);
  });

  it('with --replace is emptied, restored from the backup, and its own reminders and schedules are gone', async () => {
    const other = await newHarness({ now: NOW });
    await addAgency(other, { code: 'DOF', name: 'Finance', timeZone: 'UTC' }, [
      { platform: 'slack', id: 'C-DOF' },
    ]);
    await run(other, 'add Other tracker item owner:DOF due:2026-04-15');
    await run(other, 'add Another one owner:DOF due:2026-04-20');
    await run(other, 'add And a third owner:DOF due:2026-04-21');
    await run(other, 'add Fourth owner:DOF due:2026-04-22');
    await run(other, 'add Fifth owner:DOF due:2026-04-23');
    await run(other, 'add Sixth owner:DOF due:2026-04-24');
    await run(other, 'add Seventh owner:DOF due:2026-04-25');
    await run(other, 'add Eighth owner:DOF due:2026-04-26');
    await run(other, 'add Ninth owner:DOF due:2026-04-27');
    expect((await pendingReminders(other)).length).toBeGreaterThan(0);

    await restoreFromFile(tracker.file, target(redis, other), { replace: true, replan: replanned(other) });
    expect(await views(redis, other)).toEqual(tracker.views);
    expect(await storeKeys(redis, other)).toEqual(await storeKeys(redis, tracker.source));
    expect(await pendingReminders(other)).toEqual(await pendingReminders(tracker.source));
    expect(await schedules(other)).toEqual(await schedules(tracker.source));
    expect(await other.agencies.get('DOF')).toBeUndefined();
  });
});
