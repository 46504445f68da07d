import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';

export interface TestRedis {
  /**
   * A connection to the run's redis-server, or to its Redis Cluster when the suite runs in the
   * `cluster` project: a Cluster answers the same commands, so the suite uses it as it is.
   */
  redis: Redis;
  /** This suite's key prefix, a `{hash tag}` of its own, so suites share a server without meeting. */
  prefix: string;
  /** The server's URL; unset on a cluster. */
  url: string | undefined;
  /** `host:port,…` of the cluster, when on one. */
  clusterNodes: string | undefined;
  newConnection(): Redis;
}

/**
 * A connection to the run's redis-server (or cluster) and a key prefix of this suite's own, so suites
 * can run in parallel against one server without seeing each other's keys. Closed after the suite.
 */
export function useTestRedis(): TestRedis {
  const clusterNodes = inject('redisCluster');
  const url = clusterNodes ? undefined : inject('redisUrl');
  const connections: (Redis | Cluster)[] = [];
  const newConnection = (): Redis => {
    const connection = clusterNodes
      ? new Cluster(
          clusterNodes.split(',').map((node) => {
            const [host, port] = node.split(':');
            return { host: host!, port: Number(port) };
          }),
          { redisOptions: { maxRetriesPerRequest: null } },
        )
      : new Redis(url!, { maxRetriesPerRequest: null, lazyConnect: false });
    connections.push(connection);
    return connection as Redis;
  };
  const redis = newConnection();
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
  });
  return { redis, prefix: `{t-${randomUUID().slice(0, 8)}}:`, url, clusterNodes, newConnection };
}
