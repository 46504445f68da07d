import type { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { reminderTimes } from '../../src/calendar/reminder-times.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { Clock } from '../../src/ports/clock.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
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
  clock: Clock;
  settings: SchedulerSettings;
}

/**
 * Keeps a commitment's pending reminder jobs equal to its plan: one delayed job per (version, offset,
 * recipient agency). A new version replaces the previous version's jobs; a closed commitment has none.
 * Whatever slips through (a job already running, two planners racing) is stopped by the reminder worker,
 * which posts only for the version that is still current.
 */
export class ReminderPlanner {
  private readonly claimScript: LuaScript;

  constructor(private readonly deps: ReminderPlannerDeps) {
    this.claimScript = new LuaScript(
      deps.redis,
      'followthroughClaimPlan',
      new URL('./claim-version.lua', import.meta.url),
    );
  }

  async plan(commitment: Commitment): Promise<void> {
    const { keys, queue, redis } = this.deps;
    const claimed = await this.claimScript.run(
      [keys.plannedVersions],
      [commitment.id, String(commitment.version)],
    );
    if (Number(claimed) !== 1) return;
    const now = this.deps.clock.now();
    const wanted = await this.wantedJobs(commitment, now);
    const wantedIds = new Set(wanted.map((job) => job.id));
    const jobsKey = keys.reminderJobs(commitment.id);
    // Only jobs of older versions, or of this one that are no longer wanted, go: a planner that read an
    // older version and claimed it just before a newer one must not undo the newer plan.
    const obsolete = Object.entries(await redis.hgetall(jobsKey))
      .filter(
        ([id, version]) =>
          Number(version) < commitment.version ||
          (Number(version) === commitment.version && !wantedIds.has(id)),
      )
      .map(([id]) => id);
    // A job that is running cannot be removed (it is locked); its version check keeps it quiet.
    await Promise.all(obsolete.map((id) => queue.remove(id)));
    for (const job of wanted) await this.put(job.id, job.data, now.getTime());
    const transaction = redis.multi();
    if (obsolete.length > 0) transaction.hdel(jobsKey, ...obsolete);
    for (const id of wantedIds) transaction.hset(jobsKey, id, String(commitment.version));
    await transaction.exec();
  }

  private async wantedJobs(
    commitment: Commitment,
    now: Date,
  ): Promise<{ id: string; data: ReminderJobData }[]> {
    const owners = await Promise.all(commitment.owners.map((code) => this.deps.agencies.get(code)));
    const leadTimeZone = owners[0]?.timeZone ?? this.deps.settings.trackerTimeZone;
    return owners
      .filter((agency): agency is Agency => agency !== undefined)
      .flatMap((agency) =>
        reminderTimes({
          commitment,
          offsets: this.deps.settings.reminderOffsets,
          recipient: agency,
          leadTimeZone,
          now,
        }).map((reminder) => ({
          id: reminderJobId(commitment.id, commitment.version, reminder.offset, agency.code),
          data: {
            commitmentId: commitment.id,
            version: commitment.version,
            offset: reminder.offset,
            agency: agency.code,
            at: reminder.at,
          },
        })),
      );
  }

  /** Adds the job, or moves it when a replan (say a new agency zone) changed its moment. */
  private async put(id: string, data: ReminderJobData, now: number): Promise<void> {
    const { queue } = this.deps;
    const existing = await queue.getJob(id);
    if (existing) {
      if (existing.data.at === data.at) return;
      if (!REPLACEABLE_STATES.has(await existing.getState())) return;
      if ((await queue.remove(id)) === 0) return;
    }
    await queue.add('reminder', data, { jobId: id, delay: Math.max(0, data.at - now) });
  }
}
