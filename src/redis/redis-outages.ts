import type { Logger } from 'pino';
import type { RedisConnection } from './redis-connection.js';

type OutageLog = Pick<Logger, 'error' | 'info'>;

/**
 * Watches a process's Redis connections and says, once, when Redis went away and, once, when it is back
 * and after how long: ioredis reports every reconnection attempt, which would fill the log with one
 * identical stack trace per attempt. Listeners hear when Redis is back, to catch up what the outage
 * interrupted.
 */
export class RedisOutages {
  private readonly down = new Set<RedisConnection>();
  private since = 0;
  private stopped = false;
  private readonly listeners: ((downMs: number) => void)[] = [];

  constructor(
    private readonly log: OutageLog,
    private readonly now: () => number = Date.now,
  ) {}

  watch(connection: RedisConnection): void {
    connection.on('error', (error: Error) => this.lost(connection, error.message));
    connection.on('close', () => this.lost(connection, 'the connection was closed'));
    connection.on('ready', () => this.back(connection));
  }

  /** False from the moment one connection is lost until every one is back. */
  get available(): boolean {
    return this.down.size === 0;
  }

  /** Called with the outage's length each time Redis is back for every connection. */
  onRestored(listener: (downMs: number) => void): void {
    this.listeners.push(listener);
  }

  /** The process is closing its connections on purpose: that is no outage. */
  stop(): void {
    this.stopped = true;
  }

  private lost(connection: RedisConnection, reason: string): void {
    if (this.stopped || this.down.has(connection)) return;
    const first = this.down.size === 0;
    this.down.add(connection);
    if (!first) return;
    this.since = this.now();
    this.log.error({ reason }, 'Redis is unreachable; retrying until it is back');
  }

  private back(connection: RedisConnection): void {
    if (!this.down.delete(connection) || this.down.size > 0 || this.stopped) return;
    const downMs = this.now() - this.since;
    this.log.info({ downMs }, `Redis is reachable again after ${durationText(downMs)}`);
    for (const listener of this.listeners) listener(downMs);
  }
}

function durationText(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  if (seconds < 60) return `${seconds} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
