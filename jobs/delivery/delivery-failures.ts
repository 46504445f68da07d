import type { Cluster, Redis } from 'ioredis';
import type { DeliveryFailure } from '../../src/messages/delivery-failure-report.js';
import type { SchedulerKeys } from '../scheduler-keys.js';

const FAILURE_TTL_SECONDS = 30 * 86_400;

/** Deliveries that failed for good, kept for the coordination channel's daily report. */
export class DeliveryFailures {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keys: SchedulerKeys,
  ) {}

  async record(failure: DeliveryFailure): Promise<void> {
    const key = this.keys.failure(failure.key);
    await this.redis
      .multi()
      .hset(key, {
        channel: failure.channel,
        reason: failure.reason,
        at: failure.at,
        ...(failure.about ? { about: failure.about } : {}),
      })
      .expire(key, FAILURE_TTL_SECONDS)
      .zadd(this.keys.failures, 'NX', Date.parse(failure.at), failure.key)
      .exec();
  }

  /** Failures recorded after `afterMs` and up to `untilMs`, oldest first. */
  async between(afterMs: number, untilMs: number): Promise<DeliveryFailure[]> {
    const keys = await this.redis.zrangebyscore(this.keys.failures, `(${afterMs}`, untilMs);
    const failures = await Promise.all(
      keys.map(async (key) => {
        const hash = await this.redis.hgetall(this.keys.failure(key));
        if (!hash.at) return undefined;
        const failure: DeliveryFailure = {
          key,
          channel: hash.channel ?? '',
          reason: hash.reason ?? '',
          at: hash.at,
        };
        if (hash.about) failure.about = hash.about;
        return failure;
      }),
    );
    return failures.filter((failure): failure is DeliveryFailure => failure !== undefined);
  }

  async prune(beforeMs: number): Promise<void> {
    await this.redis.zremrangebyscore(this.keys.failures, '-inf', `(${beforeMs}`);
  }
}
