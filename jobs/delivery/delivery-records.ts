import type { Cluster, Redis } from 'ioredis';
import type { MessageRef } from '../../src/ports/chat-gateway.js';
import type { SchedulerKeys } from '../scheduler-keys.js';

/** Long enough to outlive any retry and the week a digest is counted in. */
const RECORD_TTL_SECONDS = 40 * 86_400;

export interface DeliveryRecord {
  /** Posts made so far: the parent is step 0, its thread replies steps 1… */
  steps: number;
  parent?: MessageRef;
  done: boolean;
}

/**
 * What has been posted for one delivery key. Each step is written the moment its post returns, before
 * the job is acknowledged, so that a job run again (retry, stalled worker, second worker) skips what
 * went out already.
 */
export class DeliveryRecords {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keys: SchedulerKeys,
  ) {}

  async read(deliveryKey: string): Promise<DeliveryRecord> {
    const hash = await this.redis.hgetall(this.keys.delivery(deliveryKey));
    return {
      steps: Number(hash.steps ?? 0),
      parent: hash.parent ? (JSON.parse(hash.parent) as MessageRef) : undefined,
      done: hash.done === '1',
    };
  }

  async isDone(deliveryKey: string): Promise<boolean> {
    return (await this.redis.hget(this.keys.delivery(deliveryKey), 'done')) === '1';
  }

  async stepPosted(deliveryKey: string, steps: number, parent?: MessageRef): Promise<void> {
    const key = this.keys.delivery(deliveryKey);
    const fields: Record<string, string> = { steps: String(steps) };
    if (parent) fields.parent = JSON.stringify(parent);
    await this.redis.multi().hset(key, fields).expire(key, RECORD_TTL_SECONDS).exec();
  }

  /** Done without a post, and why: a channel that was quiet when it fell due. */
  async skipped(deliveryKey: string, at: Date, reason: string): Promise<void> {
    const key = this.keys.delivery(deliveryKey);
    await this.redis
      .multi()
      .hset(key, { done: '1', doneAt: at.toISOString(), skipped: reason })
      .expire(key, RECORD_TTL_SECONDS)
      .exec();
  }

  async finished(deliveryKey: string, at: Date): Promise<void> {
    const key = this.keys.delivery(deliveryKey);
    await this.redis
      .multi()
      .hset(key, { done: '1', doneAt: at.toISOString() })
      .expire(key, RECORD_TTL_SECONDS)
      .exec();
  }
}
