import { describe, expect, it } from 'vitest';
import { CommitmentCounts } from '../../src/store/commitment-counts.js';
import { useTestRedis } from '../support/test-redis.js';
import { draft, historyEvent, newCommitmentStore } from './store-fixtures.js';

const { redis, prefix } = useTestRedis();
const created = historyEvent('created', '2026-03-02T01:00:00.000Z');

describe('open and overdue commitments per agency, for monitoring', () => {
  it('counts each owning agency’s open items and those past their deadline, leaving closed ones out', async () => {
    const store = newCommitmentStore(redis, prefix);
    // Read at noon UTC on 1 June 2026: 31 May is past everywhere, 30 June is ahead.
    await store.create(draft({ owners: ['MITI'], deadline: { kind: 'date', date: '2026-05-31' } }), created);
    await store.create(
      draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-06-30' } }),
      created,
    );
    await store.create(draft({ owners: ['MEITY'] }), created);
    await store.create(
      draft({ owners: ['MEITY'], deadline: { kind: 'date', date: '2026-05-01' }, status: 'done' }),
      created,
    );

    const counts = await new CommitmentCounts({ redis, prefix }).byAgency(
      ['MITI', 'MEITY', 'MOD'],
      new Date('2026-06-01T12:00:00Z'),
    );
    expect(Object.fromEntries(counts)).toEqual({
      MITI: { open: 2, overdue: 1 },
      MEITY: { open: 2, overdue: 0 },
      MOD: { open: 0, overdue: 0 },
    });
  });

  it('leaves restricted commitments out: /metrics is on the public port, where a count of them must not be read', async () => {
    const own = `${prefix}restricted:`;
    const store = newCommitmentStore(redis, own);
    await store.create(
      draft({ owners: ['MINDEF'], deadline: { kind: 'date', date: '2026-05-31' } }),
      created,
    );
    for (const deadline of ['2026-05-30', '2026-07-01']) {
      await store.create(
        draft({
          owners: ['MINDEF', 'MITI'],
          visibility: 'restricted',
          person: { platform: 'slack', userId: 'UOWN' },
          deadline: { kind: 'date', date: deadline },
        }),
        created,
      );
    }

    const counts = await new CommitmentCounts({ redis, prefix: own }).byAgency(
      ['MINDEF', 'MITI'],
      new Date('2026-06-01T12:00:00Z'),
    );
    expect(Object.fromEntries(counts)).toEqual({
      MINDEF: { open: 1, overdue: 1 },
      MITI: { open: 0, overdue: 0 },
    });
  });

  it('answers with no figures for no agency', async () => {
    expect((await new CommitmentCounts({ redis, prefix }).byAgency([], new Date())).size).toBe(0);
  });
});
