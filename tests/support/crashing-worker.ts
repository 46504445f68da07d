/**
 * A worker process for the crash test: it runs the scheduler's workers against the test Redis (or
 * cluster) and kills itself (SIGKILL, no clean-up at all) the moment it starts posting a thread reply,
 * after its parent post went out. Its posts are recorded in a Redis list, since the process does not live to report them.
 * Run with tsx; configured through the environment by the test.
 */
import { pino } from 'pino';
import { createScheduler } from '../../jobs/create-scheduler.js';
import type { SchedulerSettings, SchedulerTuning } from '../../jobs/scheduler-settings.js';
import type { ChatGateway } from '../../src/ports/chat-gateway.js';
import { systemClock } from '../../src/ports/clock.js';
import { createRedisConnection } from '../../src/redis/redis-connection.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const redis = createRedisConnection(
  process.env.REDIS_CLUSTER_NODES
    ? {
        clusterNodes: process.env.REDIS_CLUSTER_NODES.split(',').map((node) => {
          const [host, port] = node.split(':');
          return { host: host!, port: Number(port) };
        }),
      }
    : { url: env('REDIS_URL') },
);
const prefix = env('KEY_PREFIX');
const postsKey = env('POSTS_KEY');
const settings = JSON.parse(env('SCHEDULER_SETTINGS')) as SchedulerSettings;
const agencies = new RedisAgencyStore({ redis, prefix, defaultTimeZone: settings.trackerTimeZone });
const commitments = new RedisCommitmentStore({ redis, prefix, timeZoneOf: agencies.timeZoneOf });

let posted = 0;
const gateway: ChatGateway = {
  platform: 'slack',
  async post(channelId, message) {
    const messageId = `crashed-${++posted}`;
    await redis.rpush(postsKey, JSON.stringify({ channelId, messageId, text: message.text }));
    return { platform: 'slack', channelId, messageId };
  },
  async reply() {
    process.kill(process.pid, 'SIGKILL');
    return new Promise(() => {});
  },
  async update() {},
};

const scheduler = createScheduler({
  connection: redis,
  prefix,
  commitments,
  agencies,
  holidays: new RedisHolidayStore(redis, prefix),
  channelSettings: new RedisChannelSettingsStore(redis, prefix),
  checkins: new RedisCheckinStore(redis, prefix),
  gateways: { slack: gateway },
  clock: systemClock,
  settings,
  tuning: JSON.parse(env('SCHEDULER_TUNING')) as Partial<SchedulerTuning>,
  log: pino({ level: 'silent' }),
});
await scheduler.startWorkers();
process.stdout.write('ready\n');
