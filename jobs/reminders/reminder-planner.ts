import type { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import {
  type ReminderOccasion,
  reminderPlanBasis,
  reminderWithdrawnBecause,
} from '../../src/calendar/reminder-occasion.js';
import { reminderTimes, SNOOZE_OFFSET } from '../../src/calendar/reminder-times.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import { scopesOfAgency } from '../../src/model/holiday.js';
import type { Clock } from '../../src/ports/clock.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import type { HolidayStore } from '../../src/store/holiday-store.js';
import { LuaScript } from '../../src/store/lua-script.js';
import type { ReminderJobData } from '../job-types.js';
import { reminderJobId, type SchedulerKeys } from '../scheduler-keys.js';
import type { SchedulerSettings } from '../scheduler-settings.js';

const REPLACEABLE_STATES = new Set(['delayed', 'waiting', 'prioritized']);

export interface ReminderPlannerDeps {
  redis: Redis | Cluster;
  keys: SchedulerKeys;
  queue: Queue<ReminderJobData>;
  agencies: AgencyStore;
  holidays: HolidayStore;
  clock: Clock;
  settings: SchedulerSettings;
}

/**
 * Keeps a commitment's pending reminder jobs equal to its plan: one delayed job per (deadline, offset,
 * recipient agency). Only a change to what the plan depends on (`reminderPlanBasis`: the deadline,
 * closing, a snooze, the owners) replans; a progress note or a status change leaves every job as it is,
 * so a reminder already on its way is neither replaced nor lost. Whatever slips through (a job already
 * running, two planners racing) is stopped by the reminder and delivery workers, which post a reminder
 * only while it is still due.
 */
export class ReminderPlanner {
  private readonly claimScript: LuaScript;

  constructor(private readonly deps: ReminderPlannerDeps) {
    this.claimScript = new LuaScript(
      deps.redis,
      'followthroughClaimPlan',
      new URL('./claim-plan.lua', import.meta.url),
    );
  }

  /**
   * Plans the reminders when the commitment's plan basis changed since it was last planned. `force`
   * plans them whatever the basis (start-up, an agency's new zone or country): it adds what is missing
   * and moves what changed, and leaves the jobs that are as planned.
   */
  async plan(commitment: Commitment, options: { force?: boolean } = {}): Promise<void> {
    const { keys, redis } = this.deps;
    const claimed = await this.claimScript.run(
      [keys.plannedVersions, keys.plannedBases],
      [commitment.id, String(commitment.version), reminderPlanBasis(commitment), options.force ? '1' : '0'],
    );
    if (Number(claimed) !== 1) return;
    const now = this.deps.clock.now();
    const wanted = await this.wantedReminders(commitment, now);
    const wantedIds = new Set(wanted.map(reminderJobId));
    const jobsKey = keys.reminderJobs(commitment.id);
    // Jobs last planned by a newer version are that plan's: a planner that read an older version and
    // claimed it just before a newer one must not undo the newer plan.
    const unwanted = Object.entries(await redis.hgetall(jobsKey))
      .filter(([id, version]) => !wantedIds.has(id) && Number(version) <= commitment.version)
      .map(([id]) => id);
    for (const id of unwanted) await this.withdraw(id, commitment, now);
    for (const reminder of wanted) await this.put(reminder, now.getTime());
    const transaction = redis.multi();
    if (unwanted.length > 0) transaction.hdel(jobsKey, ...unwanted);
    for (const id of wantedIds) transaction.hset(jobsKey, id, String(commitment.version));
    await transaction.exec();
  }

  private async wantedReminders(commitment: Commitment, now: Date): Promise<ReminderOccasion[]> {
    const { deadline } = commitment;
    if (!deadline) return [];
    const owners = await Promise.all(commitment.owners.map((code) => this.deps.agencies.get(code)));
    const leadTimeZone = owners[0]?.timeZone ?? this.deps.settings.trackerTimeZone;
    const recipients = await Promise.all(
      owners
        .filter((agency): agency is Agency => agency !== undefined)
        .map(async (agency) => ({
          ...agency,
          holidays: await this.deps.holidays.daysOf(scopesOfAgency(agency)),
        })),
    );
    return recipients.flatMap((agency) =>
      reminderTimes({
        commitment,
        offsets: this.deps.settings.reminderOffsets,
        recipient: agency,
        leadTimeZone,
        now,
      }).map((reminder) => ({
        commitmentId: commitment.id,
        deadline,
        offset: reminder.offset,
        agency: agency.code,
        at: reminder.at,
        ...(reminder.offset === SNOOZE_OFFSET ? { snoozedUntil: commitment.snoozedUntil } : {}),
      })),
    );
  }

  /**
   * Removes a job the plan no longer has, unless only its moment has passed without a worker running it
   * (workers down or busy): that reminder is still owed, and checks itself when it runs. A running job
   * cannot be removed (it is locked); its own check keeps it quiet.
   */
  private async withdraw(id: string, commitment: Commitment, now: Date): Promise<void> {
    const job = await this.deps.queue.getJob(id);
    if (!job) return;
    const owed = job.data.at <= now.getTime() && !reminderWithdrawnBecause(commitment, job.data, now);
    if (!owed) await this.deps.queue.remove(id);
  }

  /** Adds the job, or moves it when a replan (say a new agency zone) changed its moment. */
  private async put(reminder: ReminderOccasion, now: number): Promise<void> {
    const { queue } = this.deps;
    const id = reminderJobId(reminder);
    const existing = await queue.getJob(id);
    if (existing) {
      if (existing.data.at === reminder.at) return;
      if (!REPLACEABLE_STATES.has(await existing.getState())) return;
      if ((await queue.remove(id)) === 0) return;
    }
    await queue.add('reminder', reminder, { jobId: id, delay: Math.max(0, reminder.at - now) });
  }
}
