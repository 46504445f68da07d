import type { Cluster, Redis } from 'ioredis';
import type { Agency } from '../src/model/agency.js';
import type { Commitment } from '../src/model/commitment.js';
import type { Planner } from '../src/ports/planner.js';
import type { CommitmentStore } from '../src/store/commitment-store.js';
import type { ReminderPlanner } from './reminders/reminder-planner.js';
import type { RoutineSchedules } from './routines/routine-schedules.js';
import type { SchedulerKeys } from './scheduler-keys.js';

/** What the core tells the jobs floor: reminders follow commitments, routines follow agencies. */
export class SchedulerPlanner implements Planner {
  constructor(
    private readonly deps: {
      redis: Redis | Cluster;
      keys: SchedulerKeys;
      commitments: CommitmentStore;
      reminders: ReminderPlanner;
      schedules: RoutineSchedules;
    },
  ) {}

  async commitmentChanged(commitment: Commitment): Promise<void> {
    await this.deps.reminders.plan(commitment);
  }

  /**
   * Brings the agency's digest and roll-up schedules up to date and, when its zone or country changed
   * (which moves its 09:00 reminders and working days), replans its open commitments.
   */
  async agencyChanged(agency: Agency): Promise<void> {
    const { redis, keys } = this.deps;
    await this.deps.schedules.upsertAgency(agency);
    const calendar = JSON.stringify([agency.timeZone, agency.country ?? null]);
    if ((await redis.hget(keys.agencyCalendars, agency.code)) === calendar) return;
    await redis.hset(keys.agencyCalendars, agency.code, calendar);
    for (const commitment of await this.deps.commitments.query({
      kind: 'open-for-agency',
      agency: agency.code,
    })) {
      await this.deps.reminders.plan(commitment, { force: true });
    }
  }

  /**
   * Replans the open commitments of these agencies: a reminder that fell on a day that is now a holiday
   * moves to the working day before, one moved off a day that is no longer one moves back. Jobs whose
   * moment stays are left as they are.
   */
  async holidaysChanged(agencies: readonly Agency[]): Promise<void> {
    for (const agency of agencies) {
      for (const commitment of await this.deps.commitments.query({
        kind: 'open-for-agency',
        agency: agency.code,
      })) {
        await this.deps.reminders.plan(commitment, { force: true });
      }
    }
  }

  /** Its schedules go; its pending reminders find it gone when they run and post nothing. */
  async agencyRemoved(code: string): Promise<void> {
    await this.deps.schedules.removeAgency(code);
    await this.deps.redis.hdel(this.deps.keys.agencyCalendars, code);
  }
}
