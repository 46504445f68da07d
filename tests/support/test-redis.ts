import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';

/**
 * A connection to the run's redis-server and a key prefix of this suite's own, so suites can run in
 * parallel against one server without seeing each other's keys. Closed after the suite.
 */
export function useTestRedis(): { redis: Redis; prefix: string; url: string; newConnection(): Redis } {
  const url = inject('redisUrl');
  const connections: Redis[] = [];
  const newConnection = () => {
    const connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    connections.push(connection);
    return connection;
  };
  const redis = newConnection();
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
  });
  return { redis, prefix: `{t-${randomUUID().slice(0, 8)}}:`, url, newConnection };
}
