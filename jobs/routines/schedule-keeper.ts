import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { RedisConnection } from '../../src/redis/redis-connection.js';
import { isRedisUnavailable } from '../../src/redis/redis-errors.js';
import type { AgencyStore, CommitmentStore } from '../../src/store/commitment-store.js';
import { eachPage } from '../../src/store/each-page.js';
import type { RoutineJobData } from '../job-types.js';
import type { ReminderPlanner } from '../reminders/reminder-planner.js';
import { SCHEDULER_IDS, type SchedulerKeys } from '../scheduler-keys.js';
import type { SchedulerLog } from '../scheduler-log.js';
import type { SchedulerTuning } from '../scheduler-settings.js';
import type { ReconcileReport, RoutineSchedules } from './routine-schedules.js';

export interface ScheduleKeeperDeps {
  redis: RedisConnection;
  keys: SchedulerKeys;
  routines: Queue<RoutineJobData>;
  schedules: RoutineSchedules;
  reminders: ReminderPlanner;
  agencies: AgencyStore;
  commitments: CommitmentStore;
  tuning: SchedulerTuning;
  log: SchedulerLog;
}

export type RebuildReport = ReconcileReport & { replanned: number };

/**
 * Keeps the jobs in Redis matching the store: at start-up, after Redis comes back from an outage (a plan
 * cut short by it is finished), and whenever the routine schedules are found gone, as after a Redis that
 * restarted empty or was flushed. Then every schedule is made again and every open commitment's
 * reminders replanned, by one worker at a time, without a restart.
 */
export class ScheduleKeeper {
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly deps: ScheduleKeeperDeps) {}

  /**
   * At start-up, in one replica: the start-up lock is kept for its whole time, so that replicas starting
   * together replan once. Undefined when another replica holds it.
   */
  async reconcileAtStart(): Promise<RebuildReport | undefined> {
    const { redis, keys, tuning } = this.deps;
    const won = await redis.set(keys.reconcileLock, randomUUID(), 'PX', tuning.reconcileLockMs, 'NX');
    if (won !== 'OK') return undefined;
    const report = await this.rebuild();
    this.deps.log.info(report, 'job schedulers reconciled and reminders replanned');
    return report;
  }

  /** Makes the schedules and reminders again; false when another worker is doing it right now. */
  async repair(reason: string): Promise<boolean> {
    const { redis, keys, tuning } = this.deps;
    const token = randomUUID();
    if ((await redis.set(keys.repairLock, token, 'PX', tuning.reconcileLockMs, 'NX')) !== 'OK') return false;
    try {
      const report = await this.rebuild();
      this.deps.log.info({ ...report, reason }, 'job schedulers re-created and reminders replanned');
      return true;
    } finally {
      if ((await redis.get(keys.repairLock)) === token) await redis.del(keys.repairLock);
    }
  }

  /** Every `scheduleCheckEveryMs`: the watchdog's schedule exists whenever the schedules were made. */
  startChecking(): void {
    this.timer ??= setInterval(() => void this.check(), this.deps.tuning.scheduleCheckEveryMs);
    this.timer.unref();
  }

  stopChecking(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (await this.deps.routines.getJobScheduler(SCHEDULER_IDS.watchdog)) return;
      await this.repair('the routine schedules were missing from Redis');
    } catch (error) {
      // An outage is reported once by the process; the next check tries again.
      if (!isRedisUnavailable(error))
        this.deps.log.error({ err: error }, 'could not check the job schedulers');
    } finally {
      this.checking = false;
    }
  }

  private async rebuild(): Promise<RebuildReport> {
    const report = await this.deps.schedules.reconcile(await this.deps.agencies.list());
    let replanned = 0;
    for await (const page of eachPage(this.deps.commitments, { kind: 'open' })) {
      await this.deps.reminders.planMany(page, { force: true });
      replanned += page.length;
    }
    return { ...report, replanned };
  }
}
