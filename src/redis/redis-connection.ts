import { Cluster, Redis } from 'ioredis';

export type RedisConnection = Redis | Cluster;

export interface RedisTarget {
  url?: string;
  clusterNodes?: { host: string; port: number }[];
}

/**
 * A connection suitable for the store and for BullMQ alike: BullMQ's workers need
 * `maxRetriesPerRequest: null`, so that a Redis restart pauses them instead of failing jobs.
 */
export function createRedisConnection(target: RedisTarget): RedisConnection {
  if (target.clusterNodes && target.clusterNodes.length > 0) {
    return new Cluster(target.clusterNodes, { redisOptions: { maxRetriesPerRequest: null } });
  }
  if (!target.url) throw new Error('createRedisConnection needs a URL or cluster nodes');
  return new Redis(target.url, { maxRetriesPerRequest: null });
}
