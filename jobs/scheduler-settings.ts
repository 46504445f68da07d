import type { Duration } from '../src/dates/duration.js';
import type { ChannelRef, Platform } from '../src/model/platform.js';

/** What the configuration decides (see DESIGN.md's table of variables). */
export interface SchedulerSettings {
  reminderOffsets: readonly Duration[];
  /** Default weekly digest schedule, read in each agency's zone; an agency's own `digestCron` wins. */
  digestCron: string;
  /** Weekly check-in day and time, read in each agency's zone (CHECKIN_CRON). */
  checkinCron: string;
  escalateAfter: Duration;
  /** Scoreboard, escalations, delivery failures and schedule problems; unset: those are only logged. */
  coordinationChannel?: ChannelRef;
  /** The coordination unit's zone: its daily run, its scoreboard week, its escalation week. */
  trackerTimeZone: string;
  /** The coordination unit's country (or state) for its working days; unset: Saturday–Sunday weekends. */
  coordinationCountry?: string;
}

/** Timings with production defaults; tests shorten them. */
export interface SchedulerTuning {
  /** When the daily routines run (overdue roll-ups, escalations, failure report), in each one's zone. */
  dailyCron: string;
  /** The smallest gap between two posts to one channel: Slack allows about one message a second. */
  channelPaceMs: Record<Platform, number>;
  deliveryAttempts: number;
  /** First retry delay of a failed post; doubled on each attempt (with jitter). */
  deliveryBackoffMs: number;
  /** How many 429s a delivery waits out (without using up attempts) before they count as failures. */
  maxRateLimitDeferrals: number;
  /** A post that has not answered by then is treated as failed, so that a hung request cannot pin a worker. */
  postTimeoutMs: number;
  /** How often the watchdog checks that every schedule still has a next run. */
  watchdogEveryMs: number;
  /** How often each worker checks that the routine schedules are still in Redis (one read). */
  scheduleCheckEveryMs: number;
  /** How long one replica holds the right to reconcile the schedules. */
  reconcileLockMs: number;
  /** BullMQ lock of an active job: a worker that dies loses its jobs to another after this long. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  deliveryConcurrency: number;
  /** How long `close()` lets running jobs finish before it hands them back to the queue. */
  closeGraceMs: number;
}

export const DEFAULT_TUNING: SchedulerTuning = {
  dailyCron: '0 9 * * *',
  channelPaceMs: { slack: 1100, teams: 1000, console: 0 },
  deliveryAttempts: 8,
  deliveryBackoffMs: 5_000,
  maxRateLimitDeferrals: 100,
  postTimeoutMs: 60_000,
  watchdogEveryMs: 10 * 60_000,
  scheduleCheckEveryMs: 15_000,
  reconcileLockMs: 60_000,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  deliveryConcurrency: 8,
  closeGraceMs: 25_000,
};
