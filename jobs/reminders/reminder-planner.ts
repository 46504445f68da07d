import type { Queue } from 'bullmq';
import type { ChainableCommander, Cluster, Redis } from 'ioredis';
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
import type { AgencySnapshot, AgencyStore } from '../../src/store/commitment-store.js';
import type { HolidayDays, HolidayStore } from '../../src/store/holiday-store.js';
import { LuaScript } from '../../src/store/lua-script.js';
import type { ReminderJobData } from '../job-types.js';
import { reminderJobId, type SchedulerKeys } from '../scheduler-keys.js';
import type { SchedulerSettings } from '../scheduler-settings.js';

const REPLACEABLE_STATES = new Set(['delayed', 'waiting', 'prioritized']);
/** Commitments claimed per pipeline and their jobs added per `addBulk`: a few hundred jobs at a time. */
const GROUP = 100;
/** Jobs whose moment changed are replaced one by one (each needs its state read); this many at once. */
const REPLACE_CONCURRENCY = 50;

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
 * What a plan reads of the agencies: their zones and countries, each owning agency's holidays, and its
 * channels' own reminder offsets.
 */
interface Calendars {
  agencies: AgencySnapshot;
  holidays: ReadonlyMap<string, HolidayDays>;
  channelSettings: ReadonlyMap<string, ChannelSettings>;
}

/** What planning one commitment takes, as its claim found it. */
interface Plan {
  commitment: Commitment;
  add: ReminderOccasion[];
  /** Planned for another moment (or one not recorded): removed, when it is waiting, and added anew. */
  replace: ReminderOccasion[];
  /** Job ids the plan no longer has. */
  withdraw: string[];
  /** Forced plans only: planned as wanted, to check that the job is still there. */
  same: ReminderOccasion[];
}

/**
 * Keeps a commitment's pending reminder jobs equal to its plan: one delayed job per (deadline, offset,
 * recipient agency). Only a change to what the plan depends on (`reminderPlanBasis`: the deadline,
 * closing, a snooze, the owners) replans; a progress note or a status change leaves every job as it is,
 * so a reminder already on its way is neither replaced nor lost. Whatever slips through (a job already
 * running, two planners racing) is stopped by the reminder and delivery workers, which post a reminder
 * only while it is still due.
 *
 * Planning is in bulk: every hundred commitments cost one round trip that claims and records their
 * plans (a script each) and an `addBulk` of their new jobs. The plan records each job's moment, so
 * that jobs still as planned are never read back from BullMQ; only a job whose moment changed, or that
 * the plan drops, is looked at one by one.
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
    await this.planMany([commitment], options);
  }

  async planMany(commitments: readonly Commitment[], options: { force?: boolean } = {}): Promise<void> {
    if (commitments.length === 0) return;
    const now = this.deps.clock.now();
    const snapshot = await this.readCalendars(commitments);
    // Groups go concurrently, so that Redis runs one group's scripts while the next is being prepared.
    const groups: Commitment[][] = [];
    for (let at = 0; at < commitments.length; at += GROUP) groups.push(commitments.slice(at, at + GROUP));
    await Promise.all(groups.map((group) => this.planGroup(group, options.force === true, now, snapshot)));
  }

  private async planGroup(
    commitments: readonly Commitment[],
    force: boolean,
    now: Date,
    snapshot: Calendars,
  ): Promise<void> {
    const plans = await this.claim(commitments, force, now, snapshot);
    if (plans.length === 0) return;
    const toAdd = plans.flatMap((plan) => plan.add);
    // Forced: a job as planned may still have been lost (a plan recorded, its job never added).
    toAdd.push(...(await this.missing(plans.flatMap((plan) => plan.same))));
    const toReplace = plans.flatMap((plan) => plan.replace);
    await inGroups(
      plans.flatMap((plan) => plan.withdraw.map((id) => [id, plan.commitment] as const)),
      ([id, commitment]) => this.withdraw(id, commitment, now),
    );
    const replaced = await inGroups(toReplace, (reminder) => this.freeSlot(reminder));
    toAdd.push(...toReplace.filter((_, i) => replaced[i]));
    if (toAdd.length === 0) return;
    await this.deps.queue.addBulk(
      toAdd.map((reminder) => ({
        name: 'reminder',
        data: reminder,
        opts: { jobId: reminderJobId(reminder), delay: Math.max(0, reminder.at - now.getTime()) },
      })),
    );
  }

  /**
   * One round trip: each commitment's plan claimed and recorded, with what that takes: the jobs to add,
   * to replace (moved) and to withdraw, and when forced the ones planned as wanted already.
   */
  private async claim(
    commitments: readonly Commitment[],
    force: boolean,
    now: Date,
    snapshot: Calendars,
  ): Promise<Plan[]> {
    const { keys, redis } = this.deps;
    const pipeline = redis.pipeline();
    const wanted = commitments.map((commitment) => {
      const reminders = this.wantedReminders(commitment, now, snapshot);
      const byId = new Map(reminders.map((reminder) => [reminderJobId(reminder), reminder]));
      this.claimScript.queue(
        pipeline,
        [keys.plannedVersions, keys.plannedBases, keys.reminderJobs(commitment.id)],
        [
          commitment.id,
          String(commitment.version),
          reminderPlanBasis(commitment),
          force ? '1' : '0',
          ...[...byId].flatMap(([id, reminder]) => [id, planned(reminder)]),
        ],
      );
      return byId;
    });
    const replies = await exec(pipeline);
    return commitments.flatMap((commitment, i) => {
      const reply = replies[i] as (number | string)[];
      if (Number(reply[0]) !== 1) return [];
      const byId = wanted[i]!;
      let at = 1;
      const take = () => {
        const count = Number(reply[at++]);
        const ids = reply.slice(at, at + count) as string[];
        at += count;
        return ids;
      };
      const reminders = (ids: string[]) => ids.map((id) => byId.get(id)!);
      const add = reminders(take());
      const replace = reminders(take());
      const withdraw = take();
      const same = force ? reminders(take()) : [];
      return [{ commitment, add, replace, withdraw, same }];
    });
  }

  /** The agencies, and the holidays of those that own one of these commitments: read once per plan. */
  private async readCalendars(commitments: readonly Commitment[]): Promise<Calendars> {
    const agencies = await this.deps.agencies.snapshot();
    const owners = new Set<string>();
    for (const commitment of commitments) {
      if (commitment.deadline) for (const code of commitment.owners) owners.add(code);
    }
    const known = [...owners].flatMap((code) => agencies.get(code) ?? []);
    const [channelSettings, ...days] = await Promise.all([
      this.deps.channelSettings.getMany(known.flatMap((agency) => agency.channels)),
      ...known.map((agency) => this.deps.holidays.daysOf(scopesOfAgency(agency))),
    ]);
    return {
      agencies,
      holidays: new Map(known.map((agency, i) => [agency.code, days[i] as HolidayDays])),
      channelSettings: channelSettings as ReadonlyMap<string, ChannelSettings>,
    };
  }

  private wantedReminders(commitment: Commitment, now: Date, calendars: Calendars): ReminderOccasion[] {
    const { deadline } = commitment;
    if (!deadline) return [];
    const owners = commitment.owners.map((code) => calendars.agencies.get(code));
    const leadTimeZone = owners[0]?.timeZone ?? this.deps.settings.trackerTimeZone;
    const recipients = owners
      .filter((agency): agency is Agency => agency !== undefined)
      .map((agency) => ({ ...agency, holidays: calendars.holidays.get(agency.code) ?? new Map() }));
    const settings = calendars.channelSettings;
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

  /** The reminders whose job is gone, in one round trip. */
  private async missing(reminders: readonly ReminderOccasion[]): Promise<ReminderOccasion[]> {
    if (reminders.length === 0) return [];
    const pipeline = this.deps.redis.pipeline();
    for (const reminder of reminders) pipeline.exists(this.deps.queue.toKey(reminderJobId(reminder)));
    const exists = await exec(pipeline);
    return reminders.filter((_, i) => Number(exists[i]) === 0);
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

  /**
   * Makes room for a reminder whose moment or channels changed (a new agency zone, a channel's own
   * offsets): true when its job is gone or was removed, so it is to be added; false when it already is
   * as wanted, or is running.
   */
  private async freeSlot(reminder: ReminderOccasion): Promise<boolean> {
    const { queue } = this.deps;
    const id = reminderJobId(reminder);
    const existing = await queue.getJob(id);
    if (!existing) return true;
    if (planned(existing.data) === planned(reminder)) return false;
    if (!REPLACEABLE_STATES.has(await existing.getState())) return false;
    return (await queue.remove(id)) === 1;
  }
}

/** What a job is planned as, beyond its id: its moment, and the channels it reminds. */
function planned(reminder: ReminderOccasion): string {
  return reminder.channels ? `${reminder.at}|${reminder.channels.join(',')}` : String(reminder.at);
}

async function exec(pipeline: ChainableCommander): Promise<unknown[]> {
  return ((await pipeline.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/** Runs `work` over the items, a group at a time; the results in the items' order. */
async function inGroups<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += REPLACE_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(at, at + REPLACE_CONCURRENCY).map(work))));
  }
  return results;
}
