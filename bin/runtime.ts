import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { InteractiveSide } from '../jobs/create-scheduler.js';
import { unfinishedRestore, unfinishedRestoreText } from '../src/backup/restore-marker.js';
import type { Config } from '../src/config/config.js';
import { redactUrl } from '../src/config/redact-url.js';
import { Metrics } from '../src/metrics/metrics.js';
import { type Clock, systemClock } from '../src/ports/clock.js';
import { type PrivateRedis, startPrivateRedis } from '../src/redis/private-redis.js';
import { createRedisConnection, type RedisConnection } from '../src/redis/redis-connection.js';
import { RedisOutages } from '../src/redis/redis-outages.js';
import { RedisAgencyStore } from '../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../src/store/redis-holiday-store.js';
import { DEFAULT_KEY_PREFIX } from '../src/store/redis-keys.js';
import { migrateStore } from '../src/store/store-migration.js';
import { EVERYONE } from '../src/tracker/permissions.js';

export const DATA_DIR = resolve('.data/redis');

/** What every role of the program shares: Redis, the stores on it, the clock and the metrics. */
export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  metrics: Metrics;
  /** The patient connection, for the jobs floor and the command line: an outage pauses what uses it. */
  redis: RedisConnection;
  /** For the banner: which Redis this process uses. */
  redisDescription: string;
  commitments: RedisCommitmentStore;
  agencies: RedisAgencyStore;
  holidays: RedisHolidayStore;
  channelSettings: RedisChannelSettingsStore;
  checkins: RedisCheckinStore;
  /** A fail-fast connection and stores on it, for what answers people and for health checks. */
  interactive: InteractiveSide & {
    commitments: RedisCommitmentStore;
    agencies: RedisAgencyStore;
    holidays: RedisHolidayStore;
    channelSettings: RedisChannelSettingsStore;
    checkins: RedisCheckinStore;
  };
  /** Says once when Redis goes and once when it is back; tells listeners when it is back. */
  outages: RedisOutages;
  close(): Promise<void>;
  /** Drops the Redis connection without waiting for it, and stops the private server: the last resort. */
  abandon(): Promise<void>;
}

export interface RuntimeOptions {
  /** Opens a store whose restore did not finish: only for `restore`, which refuses it or starts it again. */
  allowUnfinishedRestore?: boolean;
}

/**
 * Connects to Redis (or starts the private one) and builds the stores on it. A store whose restore did
 * not finish holds only part of a backup: every role but `restore` says so and exits 1 rather than work
 * on it.
 */
export async function openRuntime(
  config: Config,
  log: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
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
  const failFast = createRedisConnection(config.redis, { failFast: true });
  const failFastQueues = createRedisConnection(config.redis, { failFast: true });
  const outages = new RedisOutages(log);
  for (const connection of [redis, failFast, failFastQueues]) outages.watch(connection);
  warnIfEveryoneAdministers(config, log);
  const stores = (connection: RedisConnection) => {
    const agencies = new RedisAgencyStore({ redis: connection, defaultTimeZone: config.trackerTimeZone });
    const commitments = new RedisCommitmentStore({
      redis: connection,
      timeZoneOf: agencies.timeZoneOf,
      trackerTimeZone: config.trackerTimeZone,
    });
    return {
      agencies,
      commitments,
      holidays: new RedisHolidayStore(connection),
      channelSettings: new RedisChannelSettingsStore(connection),
      checkins: new RedisCheckinStore(connection),
    };
  };
  const patient = stores(redis);
  const unfinished = options.allowUnfinishedRestore
    ? undefined
    : await unfinishedRestore(redis, DEFAULT_KEY_PREFIX);
  if (unfinished) {
    process.stderr.write(`followthrough: ${unfinishedRestoreText(unfinished)}\n`);
    outages.stop();
    await Promise.all([redis.quit(), failFast.quit()]);
    await privateRedis?.stop();
    process.exit(1);
  }
  // Before anything reads the store: the zones, then a store written by an earlier version converted once.
  await patient.agencies.snapshot();
  await migrateStore({
    redis,
    prefix: DEFAULT_KEY_PREFIX,
    timeZoneOf: patient.agencies.timeZoneOf,
    trackerTimeZone: config.trackerTimeZone,
    log: (message, details) => log.info(details ?? {}, message),
  });
  return {
    config,
    log,
    clock: systemClock,
    metrics: new Metrics(),
    redis,
    redisDescription,
    ...patient,
    interactive: { connection: failFast, queueConnection: failFastQueues, ...stores(failFast) },
    outages,
    close: async () => {
      // QUIT waits for Redis to answer; while it is away there is nothing to wait for.
      const gracefully = outages.available;
      outages.stop();
      await Promise.all(
        [redis, failFast, failFastQueues].map((connection) =>
          gracefully ? connection.quit().catch(() => undefined) : connection.disconnect(),
        ),
      );
      await privateRedis?.stop();
    },
    abandon: async () => {
      outages.stop();
      for (const connection of [redis, failFast, failFastQueues]) connection.disconnect();
      await privateRedis?.stop();
    },
  };
}

/** Said at every start of every role, so that an open pilot is never forgotten into production. */
function warnIfEveryoneAdministers(config: Config, log: Logger): void {
  if (config.trackerAdmins.includes(EVERYONE)) {
    log.warn(
      'TRACKER_ADMINS=*: everyone may run agency and channel commands, change any commitment and read every restricted one in their private answers (an open pilot)',
    );
  } else if (config.trackerAdmins.length === 0 && (config.slack || config.teams)) {
    log.warn(
      'TRACKER_ADMINS is empty: everyone is an administrator, and reads every restricted commitment in their private answers. Allowed only in development; production refuses to start without it',
    );
  }
}
