import { describe, expect, it } from 'vitest';
import { backfillAgencyHistory } from '../../src/store/agency-history-backfill.js';
import { commitmentKeys } from '../../src/store/redis-keys.js';
import { useTestRedis } from '../support/test-redis.js';
import { draft, historyEvent, newCommitmentStore, timeZoneOf } from './store-fixtures.js';

const { redis, prefix } = useTestRedis();

describe('backfillAgencyHistory', () => {
  it('puts commitments stored before the per-agency week indexes into them, page by page, once per store', async () => {
    const storePrefix = `${prefix}b1:`;
    const keys = commitmentKeys(storePrefix);
    const store = newCommitmentStore(redis, storePrefix);
    const made = [];
    for (let i = 0; i < 250; i += 1) {
      made.push(
        await store.create(
          draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-12-15' } }),
          historyEvent('created', '2026-03-02T01:00:00Z'),
        ),
      );
    }
    const first = made[0]!;
    await store.save(
      first,
      { ...first, status: 'done', closedAt: '2026-03-05T00:00:00.000Z', closedBy: 'slack:U1' },
      historyEvent('done', '2026-03-05T00:00:00.000Z'),
    );
    // As stored by an older version: no per-agency week indexes at all.
    await redis.del(
      keys.dueForAgency('MITI'),
      keys.dueForAgency('MEITY'),
      keys.doneForAgency('MITI'),
      keys.doneForAgency('MEITY'),
    );

    expect(await backfillAgencyHistory({ redis, prefix: storePrefix, timeZoneOf })).toBe(250 * 2 + 2);
    expect(await redis.zcard(keys.dueForAgency('MITI'))).toBe(250);
    expect(await redis.zscore(keys.doneForAgency('MEITY'), first.id)).toBe(
      String(Date.parse('2026-03-05T00:00:00.000Z')),
    );
    expect(await redis.get(keys.agencyHistoryIndexed)).toBe('1');

    await redis.zrem(keys.dueForAgency('MITI'), made[1]!.id);
    expect(await backfillAgencyHistory({ redis, prefix: storePrefix, timeZoneOf })).toBe(0);
    expect(await redis.zscore(keys.dueForAgency('MITI'), made[1]!.id)).toBeNull();
  });
});
