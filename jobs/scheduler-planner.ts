import type { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { Agency } from '../src/model/agency.js';
import type { Commitment } from '../src/model/commitment.js';
import { channelKey } from '../src/model/platform.js';
import type { Planner } from '../src/ports/planner.js';
import { isRedisUnavailable } from '../src/redis/redis-errors.js';
import type { ChannelSettingsStore } from '../src/store/channel-settings-store.js';
import type { CommitmentStore } from '../src/store/commitment-store.js';
import { eachPage } from '../src/store/each-page.js';
import type { PlanJobData } from './job-types.js';
import type { ReminderPlanner } from './reminders/reminder-planner.js';
import type { RoutineSchedules } from './routines/routine-schedules.js';
import { planJobId, type SchedulerKeys } from './scheduler-keys.js';
import type { SchedulerLog } from './scheduler-log.js';

/**
 * What the core tells the jobs floor: reminders follow commitments, routines follow agencies. The change
 * itself is saved before the planner hears of it; a plan that Redis going away cuts short is left to
 * the workers, which replan everything once Redis is back, so the command that saved it still succeeds.
 */
export class SchedulerPlanner implements Planner {
  constructor(
    private readonly deps: {
      redis: Redis | Cluster;
      keys: SchedulerKeys;
      commitments: CommitmentStore;
      channelSettings: ChannelSettingsStore;
      reminders: ReminderPlanner;
      schedules: RoutineSchedules;
      /**
       * Given, a changed commitment's reminders are planned by a worker: the change is queued here (one
       * job per version) and the command that made it answers without waiting for the plan.
       */
      plans?: Queue<PlanJobData>;
      log: SchedulerLog;
    },
  ) {}

  async commitmentChanged(commitment: Commitment): Promise<void> {
    const { plans } = this.deps;
    await this.unlessOutage(`reminders of ${commitment.id}`, async () => {
      if (!plans) return this.deps.reminders.plan(commitment);
      const data = { commitmentId: commitment.id, version: commitment.version };
      await plans.add('plan', data, { jobId: planJobId(commitment.id, commitment.version) });
    });
  }

  async agencyChanged(agency: Agency): Promise<void> {
    await this.unlessOutage(`schedules of ${agency.code}`, () => this.planAgency(agency));
  }

  async channelSettingsChanged(agencies: readonly Agency[]): Promise<void> {
    for (const agency of agencies) {
      await this.unlessOutage(`schedules of ${agency.code}`, () => this.planAgency(agency));
    }
  }

  async agencyRemoved(code: string): Promise<void> {
    await this.unlessOutage(`schedules of ${code}`, () => this.removeAgency(code));
  }

  private async unlessOutage(what: string, plan: () => Promise<void>): Promise<void> {
    try {
      await plan();
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
      this.deps.log.warn(`Redis went away while planning the ${what}; the workers finish it when it is back`);
    }
  }

  async commitmentsChanged(commitments: readonly Commitment[]): Promise<void> {
    await this.unlessOutage(`reminders of ${commitments.length} commitments`, () =>
      this.deps.reminders.planMany(commitments),
    );
  }

  /**
   * Brings the agency's schedules up to date and, when what its reminders depend on changed (its zone or
   * country, which move its 09:00 reminders and working days; its channels, or one's reminder offsets),
   * replans its open commitments.
   */
  private async planAgency(agency: Agency): Promise<void> {
    const { redis, keys } = this.deps;
    await this.deps.schedules.upsertAgency(agency);
    const settings = await this.deps.channelSettings.getMany(agency.channels);
    const channels = agency.channels
      .map(channelKey)
      .map((key) => [key, settings.get(key)?.reminders ?? null]);
    const calendar = JSON.stringify([agency.timeZone, agency.country ?? null, channels]);
    if ((await redis.hget(keys.agencyCalendars, agency.code)) === calendar) return;
    await redis.hset(keys.agencyCalendars, agency.code, calendar);
    for await (const page of eachPage(this.deps.commitments, {
      kind: 'open-for-agency',
      agency: agency.code,
    })) {
      await this.deps.reminders.planMany(page, { force: true });
    }
  }

  /**
   * Replans the open commitments of these agencies: a reminder that fell on a day that is now a holiday
   * moves to the working day before, one moved off a day that is no longer one moves back. Jobs whose
   * moment stays are left as they are.
   */
  async holidaysChanged(agencies: readonly Agency[]): Promise<void> {
    for (const agency of agencies) {
      for await (const page of eachPage(this.deps.commitments, {
        kind: 'open-for-agency',
        agency: agency.code,
      })) {
        await this.deps.reminders.planMany(page, { force: true });
      }
    }
  }

  /** Its schedules go; its pending reminders find it gone when they run and post nothing. */
  private async removeAgency(code: string): Promise<void> {
    await this.deps.schedules.removeAgency(code);
    await this.deps.redis.hdel(this.deps.keys.agencyCalendars, code);
  }
}
