import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redis-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `host:port,…` of the run's Redis Cluster, for the suites run on one. */
    redisCluster: string;
  }
}

/** One three-master Redis Cluster for the suites the `cluster` project runs again on it. */
export default async function setup(project: TestProject) {
  const cluster = await startRedisCluster(3);
  project.provide('redisCluster', cluster.nodes.map((node) => `${node.host}:${node.port}`).join(','));
  return () => cluster.stop();
}
