import type { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import {
  type ReminderOccasion,
  reminderPlanBasis,
  reminderWithdrawnBecause,
} from '../../src/calendar/reminder-occasion.js';
import { reminderTimes, SNOOZE_OFFSET } from '../../src/calendar/reminder-times.js';
import type { Duration } from '../../src/dates/duration.js';
import { parseDuration } from '../../src/dates/duration.js';
import type { Agency } from '../../src/model/agency.js';
import type { ChannelSettings } from '../../src/model/channel-settings.js';
import type { Commitment } from '../../src/model/commitment.js';
import { scopesOfAgency } from '../../src/model/holiday.js';
import { channelKey } from '../../src/model/platform.js';
import type { Clock } from '../../src/ports/clock.js';
import type { ChannelSettingsStore } from '../../src/store/channel-settings-store.js';
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
  channelSettings: ChannelSettingsStore;
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
    const settings = await this.deps.channelSettings.getMany(recipients.flatMap((agency) => agency.channels));
    return recipients.flatMap((agency) => {
      const byMoment = new Map<number, ReminderOccasion>();
      for (const group of this.channelGroups(agency, settings)) {
        const plan = { commitment, offsets: group.offsets, recipient: agency, leadTimeZone, now };
        for (const reminder of reminderTimes(plan)) {
          // Two channels whose offsets land on one moment share one job, and each gets one post.
          const same = byMoment.get(reminder.at);
          if (same?.channels && group.channels) same.channels.push(...group.channels);
          if (same) continue;
          byMoment.set(reminder.at, {
            commitmentId: commitment.id,
            deadline,
            offset: reminder.offset,
            agency: agency.code,
            at: reminder.at,
            ...(reminder.offset === SNOOZE_OFFSET ? { snoozedUntil: commitment.snoozedUntil } : {}),
            ...(group.channels ? { channels: [...group.channels] } : {}),
          });
        }
      }
      return [...byMoment.values()];
    });
  }

  /**
   * The agency's channels grouped by the reminder offsets each wants (its own, or REMINDER_OFFSETS); an
   * agency with no channel yet is planned with REMINDER_OFFSETS for whichever channel it has by then.
   */
  private channelGroups(
    agency: Agency,
    settings: ReadonlyMap<string, ChannelSettings>,
  ): { offsets: readonly Duration[]; channels?: string[] }[] {
    const defaults = this.deps.settings.reminderOffsets;
    if (agency.channels.length === 0) return [{ offsets: defaults }];
    const groups = new Map<string, { offsets: readonly Duration[]; channels: string[] }>();
    for (const channel of agency.channels) {
      const key = channelKey(channel);
      const own = settings.get(key)?.reminders;
      const offsets = own ? own.flatMap((text) => parseDuration(text) ?? []) : defaults;
      const group = JSON.stringify(offsets.map((offset) => offset.text));
      const found = groups.get(group);
      if (found) found.channels.push(key);
      else groups.set(group, { offsets, channels: [key] });
    }
    return [...groups.values()];
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

  /** Adds the job, or replaces it when a replan changed its moment (a new zone) or its channels. */
  private async put(reminder: ReminderOccasion, now: number): Promise<void> {
    const { queue } = this.deps;
    const id = reminderJobId(reminder);
    const existing = await queue.getJob(id);
    if (existing) {
      const sameChannels = JSON.stringify(existing.data.channels) === JSON.stringify(reminder.channels);
      if (existing.data.at === reminder.at && sameChannels) return;
      if (!REPLACEABLE_STATES.has(await existing.getState())) return;
      if ((await queue.remove(id)) === 0) return;
    }
    await queue.add('reminder', reminder, { jobId: id, delay: Math.max(0, reminder.at - now) });
  }
}
