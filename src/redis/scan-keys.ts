import type { Cluster, Redis } from 'ioredis';

/** Keys asked for per SCAN step: a step stays short for Redis, and a page small for the caller. */
const SCAN_COUNT = 1000;

/** Text matched as it is in a Redis glob pattern (`*`, `?`, `[`, `]` and `\` escaped). */
export function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * The keys that match a glob pattern, a batch at a time, by SCAN: for the tools that go through a key
 * family on purpose (a backup, a restore), never for a request. On a cluster every master is scanned.
 * SCAN may give a key twice; callers that mind keep their own set.
 */
export async function* scanKeys(redis: Redis | Cluster, pattern: string): AsyncGenerator<string[]> {
  const nodes: Redis[] = redis.isCluster ? (redis as Cluster).nodes('master') : [redis as Redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/** Whether any key matches: stops at the first batch that has one. */
export async function anyKey(redis: Redis | Cluster, pattern: string): Promise<boolean> {
  for await (const _ of scanKeys(redis, pattern)) return true;
  return false;
}
