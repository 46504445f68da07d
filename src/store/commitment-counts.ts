import type { Cluster, Redis } from 'ioredis';
import { commitmentKeys, DEFAULT_KEY_PREFIX } from './redis-keys.js';

export interface AgencyCounts {
  open: number;
  /** Open and past its deadline. */
  overdue: number;
}

/**
 * Figures for monitoring, read from the per-agency open index alone (its size, and how many scores lie
 * before now). Restricted commitments are left out, uncounted: `/metrics` is served on the web role's
 * public port, where anyone who can reach the bot may read it. One pipeline for every agency, whatever
 * the number of commitments.
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
      // The index itself holds the open-visibility commitments; restricted ones are in its counterparts.
      const key = this.keys.openForAgency(code);
      pipeline.zcard(key).zcount(key, '-inf', `(${now.getTime()}`);
    }
    const replies = (await pipeline.exec()) ?? [];
    const numbers = replies.map(([error, value]) => {
      if (error) throw error;
      return Number(value);
    });
    return new Map(codes.map((code, i) => [code, { open: numbers[2 * i]!, overdue: numbers[2 * i + 1]! }]));
  }
}
