import type { RedisConnection } from '../src/redis/redis-connection.js';
import type { SchedulerLog } from './scheduler-log.js';

/**
 * BullMQ keeps jobs, locks and schedules in Redis: a server that evicts keys under memory pressure, or
 * forgets everything on restart, silently loses reminders and digests. Warns about both at start and
 * returns the warnings. Managed servers often refuse CONFIG; that is said once, not treated as an error.
 */
export async function checkRedisSettings(redis: RedisConnection, log: SchedulerLog): Promise<string[]> {
  let config: Record<string, string>;
  try {
    config = {
      ...(await readConfig(redis, 'maxmemory-policy')),
      ...(await readConfig(redis, 'appendonly')),
      ...(await readConfig(redis, 'save')),
    };
  } catch (error) {
    log.info(
      { reason: error instanceof Error ? error.message : String(error) },
      'could not read the Redis configuration',
    );
    return [];
  }
  const warnings: string[] = [];
  const policy = config['maxmemory-policy'];
  if (policy !== undefined && policy !== 'noeviction') {
    warnings.push(
      `Redis maxmemory-policy is "${policy}": under memory pressure it may evict queued jobs and schedules. Set it to "noeviction".`,
    );
  }
  if (config.appendonly === 'no' && !config.save?.trim()) {
    warnings.push(
      'Redis persistence is off (no AOF, no RDB snapshots): a restart loses every pending reminder and schedule. Turn on appendonly.',
    );
  }
  for (const warning of warnings) log.warn(warning);
  return warnings;
}

async function readConfig(redis: RedisConnection, name: string): Promise<Record<string, string>> {
  const flat = (await redis.config('GET', name)) as string[];
  const result: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) result[flat[i]!] = flat[i + 1]!;
  return result;
}
