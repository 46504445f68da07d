// redis_bytes_per_commitment: Redis's used memory grown by N commitments of the benchmark's shape, each
// with a short history (created, then changed once), divided by N; against a budget of 1,500 bytes.
import { Redis } from 'ioredis';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { seedAgencies, seedCommitments } from '../bench-data.js';
import { log, type Row, row } from '../measure.js';

export async function redisBytesRow(options: { quick: boolean; redisUrl: string }): Promise<Row> {
  const count = options.quick ? 5_000 : 20_000;
  const redis = new Redis(options.redisUrl, { db: 3 });
  try {
    await redis.flushdb();
    const agencies = new RedisAgencyStore({ redis });
    await seedAgencies(agencies);
    await agencies.snapshot();
    const store = new RedisCommitmentStore({ redis, timeZoneOf: agencies.timeZoneOf });
    // One commitment first, so that scripts are loaded and every index exists before measuring.
    await seedCommitments(store, 1, Date.now(), { seed: 5, concurrency: 1 });
    const before = await usedMemory(redis);
    await seedCommitments(store, count, Date.now(), { seed: 3 });
    const perCommitment = ((await usedMemory(redis)) - before) / count;
    log(`redis_bytes_per_commitment: ${perCommitment.toFixed(0)} B over ${count} commitments`);
    return row('redis_bytes_per_commitment', perCommitment, 1500, 'B', { atMost: 1 });
  } finally {
    await redis.flushdb();
    redis.disconnect();
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}
