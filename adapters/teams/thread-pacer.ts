import type { Clock } from '../../src/ports/clock.js';

export interface RateLimit {
  count: number;
  windowMs: number;
}

/** Teams' limits per bot per thread for sending, replying and updating (Teams platform docs, "Rate limiting"). */
export const TEAMS_THREAD_LIMITS: readonly RateLimit[] = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1_800, windowMs: 3_600_000 },
];

export interface ThreadPacerOptions {
  clock: Clock;
  /** How to wait; tests pass one that moves a FixedClock forward. */
  sleep?: (ms: number) => Promise<void>;
  limits?: readonly RateLimit[];
}

/**
 * Spaces the operations on each thread so that none of Teams' sliding windows overflows: an operation
 * waits until the oldest one that would break a limit has left its window. Per process; Teams still
 * answers 429 when several processes crowd one thread, and the delivery queue retries after Retry-After.
 */
export class ThreadPacer {
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limits: readonly RateLimit[];
  private readonly longestWindow: number;
  private readonly history = new Map<string, number[]>();
  /** Operations on one thread take their turn in order, so concurrent posts cannot both take the last slot. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(options: ThreadPacerOptions) {
    this.clock = options.clock;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.limits = options.limits ?? TEAMS_THREAD_LIMITS;
    this.longestWindow = Math.max(...this.limits.map((limit) => limit.windowMs));
  }

  /** Resolves when an operation on `thread` may start now, and counts it. */
  acquire(thread: string): Promise<void> {
    const turn = (this.queues.get(thread) ?? Promise.resolve()).then(() => this.take(thread));
    const tail = turn.catch(() => undefined);
    this.queues.set(thread, tail);
    void tail.then(() => {
      if (this.queues.get(thread) === tail) this.queues.delete(thread);
    });
    return turn;
  }

  private async take(thread: string): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const recent = (this.history.get(thread) ?? []).filter((at) => at > now - this.longestWindow);
      const wait = Math.max(0, ...this.limits.map((limit) => waitFor(limit, recent, now)));
      if (wait === 0) {
        recent.push(now);
        this.history.set(thread, recent);
        this.forgetIdleThreads(now);
        return;
      }
      await this.sleep(wait);
    }
  }

  private forgetIdleThreads(now: number): void {
    for (const [thread, times] of this.history) {
      if ((times.at(-1) ?? 0) <= now - this.longestWindow) this.history.delete(thread);
    }
  }
}

/** How long until `limit` allows one more operation, given the operation times of its thread. */
function waitFor(limit: RateLimit, times: readonly number[], now: number): number {
  const inWindow = times.filter((at) => at > now - limit.windowMs);
  if (inWindow.length < limit.count) return 0;
  const freeing = inWindow[inWindow.length - limit.count]!;
  return freeing + limit.windowMs - now;
}
