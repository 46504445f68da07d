import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors/conflict-error.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { HistoryEvent } from '../../src/model/history-event.js';
import { FixedClock } from '../../src/ports/clock.js';
import { noopPlanner } from '../../src/ports/planner.js';
import type { CommitmentStore } from '../../src/store/commitment-store.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { readAll } from '../support/read-store.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, CHANNEL_DEFAULTS, CONSOLE } from '../support/test-tracker.js';

const { newConnection, prefix } = useTestRedis();

/** Holds every save until `parties` of them are waiting, so that both writers have read the same version. */
function withSaveBarrier(store: CommitmentStore, parties: number): CommitmentStore {
  let waiting = 0;
  let release!: () => void;
  const allArrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  return Object.assign(Object.create(store) as CommitmentStore, {
    save: async (previous: Commitment, next: Commitment, event: HistoryEvent) => {
      if (++waiting === parties) release();
      await allArrived;
      return store.save(previous, next, event);
    },
  });
}

/** One tracker per simulated process, each with its own Redis connection. */
function trackerProcess(store: (s: CommitmentStore) => CommitmentStore = (s) => s) {
  const redis = newConnection();
  const agencies = new RedisAgencyStore({ redis, prefix });
  const commitments = new RedisCommitmentStore({ redis, prefix, timeZoneOf: agencies.timeZoneOf });
  const tracker = new Tracker({
    commitments: store(commitments),
    agencies,
    holidays: new RedisHolidayStore(redis, prefix),
    channelSettings: new RedisChannelSettingsStore(redis, prefix),
    checkins: new RedisCheckinStore(redis, prefix),
    clock: new FixedClock('2026-11-26T02:00:00Z'),
    planner: noopPlanner,
    settings: { trackerTimeZone: 'UTC', trackerAdmins: [], channelDefaults: CHANNEL_DEFAULTS },
  });
  return { tracker, commitments };
}

describe('two people changing one commitment at once', () => {
  it('lets exactly one win; the other is told it changed meanwhile, and nothing is half-saved', async () => {
    const setup = trackerProcess();
    await addAgencies(setup.tracker);
    await setup.tracker.execute('add Counter-terrorism working group owner:MITI due:2027-01-15', CONSOLE);

    const barrier = (s: CommitmentStore) => withSaveBarrier(s, 2);
    const shared = barrier(setup.commitments);
    const closer = trackerProcess(() => shared);
    const mover = trackerProcess(() => shared);
    const outcomes = await Promise.allSettled([
      closer.tracker.execute('done C-1 first meeting held', CONSOLE),
      mover.tracker.execute('update C-1 due:2027-03-01 reason:"venue"', CONSOLE),
    ]);

    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(String((rejected[0] as PromiseRejectedResult).reason.message)).toContain('changed meanwhile');

    const stored = await setup.commitments.get('C-1');
    const { events: history } = await setup.commitments.history('C-1');
    expect(stored?.version).toBe(2);
    expect(history).toHaveLength(2);
    // The stored state is wholly the winner's: closed with the old deadline, or open with the new one.
    const closedWon = stored?.status === 'done';
    expect(stored?.deadline).toEqual({ kind: 'date', date: closedWon ? '2027-01-15' : '2027-03-01' });
    expect(history[1]?.type).toBe(closedWon ? 'done' : 'deadline-moved');
    const open = await readAll(setup.commitments, { kind: 'open' });
    expect(open.map((c) => c.id)).toEqual(closedWon ? [] : ['C-1']);
  });
});
