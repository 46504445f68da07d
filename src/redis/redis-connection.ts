import { Cluster, Redis, type RedisOptions } from 'ioredis';

export type RedisConnection = Redis | Cluster;

export interface RedisTarget {
  url?: string;
  clusterNodes?: { host: string; port: number }[];
}

/** Long enough for any one command of a healthy server, short enough to answer a person within Slack's 3 s. */
export const FAIL_FAST_COMMAND_TIMEOUT_MS = 2_000;

/**
 * Two kinds of connection. The patient one (the default) suits the jobs floor and BullMQ's workers, which
 * need `maxRetriesPerRequest: null`: a Redis restart pauses them and every command is sent once Redis is
 * back. The fail-fast one (`failFast`) suits what answers a person: while Redis is unreachable a command
 * fails at once instead of waiting in a queue to run minutes later, a command cut off by a lost
 * connection fails instead of being sent again, and one that gets no answer fails after a short timeout.
 */
export function createRedisConnection(
  target: RedisTarget,
  options: { failFast?: boolean } = {},
): RedisConnection {
  const redisOptions: RedisOptions = options.failFast
    ? {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
        commandTimeout: FAIL_FAST_COMMAND_TIMEOUT_MS,
      }
    : { maxRetriesPerRequest: null };
  if (target.clusterNodes && target.clusterNodes.length > 0) {
    return new Cluster(target.clusterNodes, {
      redisOptions,
      ...(options.failFast ? { enableOfflineQueue: false } : {}),
    });
  }
  if (!target.url) throw new Error('createRedisConnection needs a URL or cluster nodes');
  return new Redis(target.url, redisOptions);
}
