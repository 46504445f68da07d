import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../src/config/config.js';
import { Metrics } from '../src/metrics/metrics.js';
import { type Clock, systemClock } from '../src/ports/clock.js';
import { type PrivateRedis, startPrivateRedis } from '../src/redis/private-redis.js';
import { createRedisConnection, type RedisConnection } from '../src/redis/redis-connection.js';
import { backfillAgencyHistory } from '../src/store/agency-history-backfill.js';
import { RedisAgencyStore } from '../src/store/redis-agency-store.js';
import { RedisCommitmentStore } from '../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../src/store/redis-holiday-store.js';

export const DATA_DIR = resolve('.data/redis');

/** What every role of the program shares: Redis, the stores on it, the clock and the metrics. */
export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  metrics: Metrics;
  redis: RedisConnection;
  /** For the banner: which Redis this process uses. */
  redisDescription: string;
  commitments: RedisCommitmentStore;
  agencies: RedisAgencyStore;
  holidays: RedisHolidayStore;
  close(): Promise<void>;
  /** Drops the Redis connection without waiting for it, and stops the private server: the last resort. */
  abandon(): Promise<void>;
}

/** Connects to Redis (or starts the private one) and builds the stores on it. */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  let privateRedis: PrivateRedis | undefined;
  let redisDescription: string;
  if (config.redis.url || config.redis.clusterNodes) {
    redisDescription = config.redis.clusterNodes
      ? `Redis Cluster ${config.redis.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}`
      : `Redis at ${redactUrl(config.redis.url!)}`;
  } else {
    privateRedis = await startPrivateRedis({ dataDir: DATA_DIR });
    config = { ...config, redis: { url: privateRedis.url } };
    redisDescription = `private redis-server on 127.0.0.1:${privateRedis.port} (data in .data/redis, AOF on)`;
  }
  const redis = createRedisConnection(config.redis);
  reportOutages(redis, log);
  const agencies = new RedisAgencyStore({ redis, defaultTimeZone: config.trackerTimeZone });
  const commitments = new RedisCommitmentStore({ redis, timeZoneOf: agencies.timeZoneOf });
  // The zones must be known before deadlines are read; then the one-time pass, done at most once per store.
  await agencies.list();
  const backfilled = await backfillAgencyHistory({ redis, timeZoneOf: agencies.timeZoneOf });
  if (backfilled > 0)
    log.info({ entries: backfilled }, 'older commitments added to the per-agency week indexes');
  return {
    config,
    log,
    clock: systemClock,
    metrics: new Metrics(),
    redis,
    redisDescription,
    commitments,
    agencies,
    holidays: new RedisHolidayStore(redis),
    close: async () => {
      await redis.quit().catch(() => undefined);
      await privateRedis?.stop();
    },
    abandon: async () => {
      redis.disconnect();
      await privateRedis?.stop();
    },
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/** One line when Redis goes away and one when it is back, not one per reconnection attempt. */
function reportOutages(redis: RedisConnection, log: Logger): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log.error({ reason: error.message }, 'Redis is unreachable; retrying until it is back');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info('Redis is reachable again');
  });
}
