import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commitment } from '../../src/model/commitment.js';
import { type Audience, SEES_UNRESTRICTED } from '../../src/model/visibility.js';
import { type PrivateRedis, startPrivateRedis } from '../../src/redis/private-redis.js';
import { draft, historyEvent, newCommitmentStore } from './store-fixtures.js';

/**
 * `list all` for a reader who may not see every restricted commitment steps over a run of restricted
 * ids it may not see: its page must cost what it shows, not what it steps over. Counted on a
 * redis-server of this test's own, where no other suite's commands are counted with it.
 */

let server: PrivateRedis;
let redis: Redis;

beforeAll(async () => {
  server = await startPrivateRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

/** 25 open commitments, then `run` restricted ones of MEITY, then 5 open ones: the newest come first. */
async function storeWithRun(run: number) {
  const store = newCommitmentStore(redis, `{run${run}}:`);
  const made: Commitment[] = [];
  const create = (restricted: boolean) =>
    store.create(
      draft(restricted ? { owners: ['MEITY'], visibility: 'restricted' } : {}),
      historyEvent('created', '2026-03-02T01:00:00.000Z'),
    );
  for (let i = 0; i < 25; i += 1) made.push(await create(false));
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < run) {
        next += 1;
        await create(true);
      }
    }),
  );
  for (let i = 0; i < 5; i += 1) made.push(await create(false));
  return { store, open: made.map((c) => c.id).reverse() };
}

/** The Redis commands a page of `list all` ran, the script's own calls included, and what it held. */
async function pageCost(run: number, audience: Audience) {
  const { store, open } = await storeWithRun(run);
  await store.pageIds({ kind: 'all' }, { offset: 0, limit: 1 }, audience); // the script loaded
  await redis.config('RESETSTAT');
  const page = await store.pageIds({ kind: 'all' }, { offset: 0, limit: 20 }, audience);
  const stats = await redis.info('commandstats');
  const calls = [...stats.matchAll(/cmdstat_(\w+):calls=(\d+)/g)]
    .filter(([, name]) => name !== 'info' && name !== 'config')
    .reduce((sum, [, , n]) => sum + Number(n), 0);
  return { calls, items: page.items, open };
}

describe('a page of every commitment, for a reader who may not see the restricted ones', () => {
  it('costs the same few commands whether it steps over 100 restricted ids or 5,000', async () => {
    const short = await pageCost(100, SEES_UNRESTRICTED);
    const long = await pageCost(5_000, SEES_UNRESTRICTED);
    expect(short.items).toEqual(short.open.slice(0, 20));
    expect(long.items).toEqual(long.open.slice(0, 20));
    // A binary search over the run's ranks: log2(5,000) − log2(100) ≈ 6 more steps, no more.
    expect(long.calls).toBeLessThanOrEqual(short.calls + 10);
    expect(long.calls).toBeLessThan(100);
  }, 60_000);
});
