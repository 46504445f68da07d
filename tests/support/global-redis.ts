import type { TestProject } from 'vitest/node';
import { startPrivateRedis } from '../../src/redis/private-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** One redis-server for the whole run, on a free port; each suite works in its own key prefix or db. */
export default async function setup(project: TestProject) {
  const redis = await startPrivateRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
