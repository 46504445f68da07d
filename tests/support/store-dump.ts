import type { Redis } from 'ioredis';
import { globLiteral, scanKeys } from '../../src/redis/scan-keys.js';

/**
 * Every key under a prefix whose name (after the prefix) `keep` accepts, with its value read by type
 * (a set sorted, a sorted set as member/score pairs in order), for comparing two stores key by key.
 */
export async function dumpStore(
  redis: Redis,
  prefix: string,
  keep: (name: string) => boolean = () => true,
): Promise<Record<string, unknown>> {
  const dump: Record<string, unknown> = {};
  for (const name of (await keysUnder(redis, prefix)).filter(keep)) {
    const key = `${prefix}${name}`;
    const type = await redis.type(key);
    if (type === 'string') dump[name] = await redis.get(key);
    else if (type === 'hash') dump[name] = await redis.hgetall(key);
    else if (type === 'set') dump[name] = (await redis.smembers(key)).sort();
    else if (type === 'zset') dump[name] = await redis.zrange(key, 0, -1, 'WITHSCORES');
    else if (type === 'list') dump[name] = await redis.lrange(key, 0, -1);
    else dump[name] = `<${type}>`;
  }
  return dump;
}

/** The keys under a prefix, without it, sorted. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  for await (const batch of scanKeys(redis, `${globLiteral(prefix)}*`)) {
    for (const key of batch) names.add(key.slice(prefix.length));
  }
  return [...names].sort();
}
