import type { JobSchedulerJson, Queue } from 'bullmq';
import { dailyAtTimeOf } from '../../src/checkins/checkin-day.js';
import type { Agency } from '../../src/model/agency.js';
import { type ChannelSettings, DIGEST_OFF } from '../../src/model/channel-settings.js';
import { channelKey } from '../../src/model/platform.js';
import { isRedisUnavailable } from '../../src/redis/redis-errors.js';
import type { ChannelSettingsStore } from '../../src/store/channel-settings-store.js';
import type { RoutineJobData, RoutineName } from '../job-types.js';
import { SCHEDULER_IDS } from '../scheduler-keys.js';
import type { SchedulerSettings, SchedulerTuning } from '../scheduler-settings.js';
import type { SchedulerProblems } from './scheduler-problems.js';

const PENDING_STATES = new Set(['delayed', 'waiting', 'active', 'prioritized']);

export interface ReconcileReport {
  upserted: string[];
  removed: string[];
  failed: string[];
}

interface Wanted {
  id: string;
  name: RoutineName;
  data: RoutineJobData;
  pattern?: string;
  every?: number;
  timeZone?: string;
}

/**
 * The BullMQ job schedulers behind the routines: per agency a weekly digest (its own cron or
 * `DIGEST_CRON`), one more per channel that set a digest time of its own, a daily overdue roll-up and a
 * daily check-in run at CHECKIN_CRON's time (which posts on the agency's check-in day), all in its zone;
 * for the coordination unit a weekly scoreboard and a daily escalation and failure report; and a
 * watchdog. A schedule with no next run (a cron that never matches, or one cron-parser cannot step
 * across a DST gap) is reported.
 */
export class RoutineSchedules {
  constructor(
    private readonly queue: Queue<RoutineJobData>,
    private readonly settings: SchedulerSettings,
    private readonly tuning: SchedulerTuning,
    private readonly problems: SchedulerProblems,
    private readonly channelSettings: ChannelSettingsStore,
  ) {}

  /**
   * The agency's schedules, created or brought up to date, and those of channels that no longer have a
   * digest time of their own removed; false when one has no next run.
   */
  async upsertAgency(agency: Agency): Promise<boolean> {
    const settings = await this.channelSettings.getMany(agency.channels);
    const wanted = this.agencySchedules(agency, settings);
    const results = [];
    for (const schedule of wanted) results.push(await this.ensure(schedule));
    await this.removeChannelDigests(agency.code, new Set(wanted.map((schedule) => schedule.id)));
    return results.every((result) => result !== 'failed');
  }

  async removeAgency(code: string): Promise<void> {
    await this.queue.removeJobScheduler(SCHEDULER_IDS.digest(code));
    await this.queue.removeJobScheduler(SCHEDULER_IDS.overdue(code));
    await this.queue.removeJobScheduler(SCHEDULER_IDS.checkin(code));
    await this.removeChannelDigests(code, new Set());
  }

  private async removeChannelDigests(code: string, kept: ReadonlySet<string>): Promise<void> {
    const prefix = SCHEDULER_IDS.channelDigestPrefix(code);
    for (const scheduler of await this.queue.getJobSchedulers()) {
      if (scheduler.key.startsWith(prefix) && !kept.has(scheduler.key)) {
        await this.queue.removeJobScheduler(scheduler.key);
      }
    }
  }

  /**
   * Makes the schedulers exactly the wanted ones for these agencies: at start-up and by the watchdog.
   * Two runs at once agree; one that read the agencies just before one was added may remove its
   * schedules, which the next watchdog run puts back. The schedulers are listed before the channels'
   * settings are read, so that a channel's digest schedule made meanwhile (its settings are saved
   * first) is never taken for a stale one.
   */
  async reconcile(agencies: readonly Agency[]): Promise<ReconcileReport> {
    const existing = await this.queue.getJobSchedulers();
    const settings = await this.channelSettings.getMany(agencies.flatMap((agency) => agency.channels));
    const wanted = [
      ...agencies.flatMap((agency) => this.agencySchedules(agency, settings)),
      ...this.sharedSchedules(),
    ];
    const report: ReconcileReport = { upserted: [], removed: [], failed: [] };
    for (const schedule of wanted) {
      const result = await this.ensure(schedule);
      if (result !== 'unchanged') report[result].push(schedule.id);
    }
    const wantedIds = new Set(wanted.map((schedule) => schedule.id));
    for (const scheduler of existing) {
      if (wantedIds.has(scheduler.key)) continue;
      await this.queue.removeJobScheduler(scheduler.key);
      report.removed.push(scheduler.key);
    }
    return report;
  }

  private agencySchedules(agency: Agency, settings: ReadonlyMap<string, ChannelSettings>): Wanted[] {
    const data = { agency: agency.code };
    const channelDigests = agency.channels.flatMap((channel): Wanted[] => {
      const key = channelKey(channel);
      const cron = settings.get(key)?.digest;
      if (cron === undefined || cron === DIGEST_OFF) return [];
      return [
        {
          id: SCHEDULER_IDS.channelDigest(agency.code, key),
          name: 'digest',
          data: { agency: agency.code, channel: key },
          pattern: cron,
          timeZone: agency.timeZone,
        },
      ];
    });
    return [
      ...channelDigests,
      {
        id: SCHEDULER_IDS.digest(agency.code),
        name: 'digest',
        data,
        pattern: agency.digestCron ?? this.settings.digestCron,
        timeZone: agency.timeZone,
      },
      {
        id: SCHEDULER_IDS.overdue(agency.code),
        name: 'overdue',
        data,
        pattern: this.tuning.dailyCron,
        timeZone: agency.timeZone,
      },
      {
        id: SCHEDULER_IDS.checkin(agency.code),
        name: 'checkin',
        data,
        pattern: dailyAtTimeOf(this.settings.checkinCron),
        timeZone: agency.timeZone,
      },
    ];
  }

  private sharedSchedules(): Wanted[] {
    const shared: Wanted[] = [
      { id: SCHEDULER_IDS.watchdog, name: 'watchdog', data: {}, every: this.tuning.watchdogEveryMs },
    ];
    if (this.settings.coordinationChannel) {
      const timeZone = this.settings.trackerTimeZone;
      shared.push(
        {
          id: SCHEDULER_IDS.scoreboard,
          name: 'scoreboard',
          data: {},
          pattern: this.settings.digestCron,
          timeZone,
        },
        {
          id: SCHEDULER_IDS.coordination,
          name: 'coordination',
          data: {},
          pattern: this.tuning.dailyCron,
          timeZone,
        },
      );
    }
    return shared;
  }

  /** Leaves a scheduler that is as wanted and has its next run queued; otherwise upserts it. */
  private async ensure(schedule: Wanted): Promise<'unchanged' | 'upserted' | 'failed'> {
    const existing = await this.queue.getJobScheduler(schedule.id);
    if (existing && matches(existing, schedule) && (await this.hasPendingRun(existing))) return 'unchanged';
    return (await this.upsert(schedule)) ? 'upserted' : 'failed';
  }

  private async upsert(schedule: Wanted): Promise<boolean> {
    const repeat = schedule.every
      ? { every: schedule.every }
      : { pattern: schedule.pattern!, tz: schedule.timeZone };
    const problem = { scheduler: schedule.id, pattern: schedule.pattern, timeZone: schedule.timeZone };
    try {
      const next = await this.queue.upsertJobScheduler(schedule.id, repeat, {
        name: schedule.name,
        data: schedule.data,
      });
      if (next) return true;
      // BullMQ stores nothing when the cron has no next run: an older schedule of this id keeps running.
      await this.problems.report({ ...problem, reason: 'the cron expression never matches from now on.' });
    } catch (error) {
      // An outage is no problem of the schedule's; the caller's repair runs once Redis is back.
      if (isRedisUnavailable(error)) throw error;
      await this.problems.report({
        ...problem,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    return false;
  }

  /** Whether the scheduler's next iteration exists as a job: a lost one has a `next` in the past and no job. */
  private async hasPendingRun(scheduler: JobSchedulerJson): Promise<boolean> {
    if (scheduler.next === undefined || scheduler.next === null || Number.isNaN(scheduler.next)) return false;
    const job = await this.queue.getJob(`repeat:${scheduler.key}:${scheduler.next}`);
    return !!job && PENDING_STATES.has(await job.getState());
  }
}

function matches(existing: JobSchedulerJson, wanted: Wanted): boolean {
  if (wanted.every) return existing.every === wanted.every;
  return existing.pattern === wanted.pattern && existing.tz === wanted.timeZone;
}
