import type { Cluster, Redis } from 'ioredis';
import { EVERY_READER } from '../model/visibility.js';
import { commitmentKeys, DEFAULT_KEY_PREFIX } from './redis-keys.js';

export interface AgencyCounts {
  open: number;
  /** Open and past its deadline. */
  overdue: number;
}

/**
 * Figures for monitoring, read from the per-agency open index alone (its size, and how many scores lie
 * before now), restricted commitments included: they are the operator's, not a channel's. One pipeline
 * for every agency, whatever the number of commitments.
 */
export class CommitmentCounts {
  private readonly redis: Redis | Cluster;
  private readonly keys: ReturnType<typeof commitmentKeys>;

  constructor(options: { redis: Redis | Cluster; prefix?: string }) {
    this.redis = options.redis;
    this.keys = commitmentKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
  }

  async byAgency(codes: readonly string[], now: Date): Promise<Map<string, AgencyCounts>> {
    if (codes.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    for (const code of codes) {
      const key = this.keys.openForAgency(code);
      for (const index of [key, this.keys.restricted(key, EVERY_READER)]) {
        pipeline.zcard(index).zcount(index, '-inf', `(${now.getTime()}`);
      }
    }
    const replies = (await pipeline.exec()) ?? [];
    const numbers = replies.map(([error, value]) => {
      if (error) throw error;
      return Number(value);
    });
    const at = (i: number, n: number) => numbers[4 * i + n]!;
    return new Map(
      codes.map((code, i) => [code, { open: at(i, 0) + at(i, 2), overdue: at(i, 1) + at(i, 3) }]),
    );
  }
}
