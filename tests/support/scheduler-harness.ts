import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import { createScheduler, type Scheduler } from '../../jobs/create-scheduler.js';
import type { RoutineJobData, RoutineName } from '../../jobs/job-types.js';
import type { SchedulerSettings, SchedulerTuning } from '../../jobs/scheduler-settings.js';
import { parseDuration } from '../../src/dates/duration.js';
import { Metrics } from '../../src/metrics/metrics.js';
import type { Agency } from '../../src/model/agency.js';
import type { ChannelRef } from '../../src/model/platform.js';
import { FixedClock } from '../../src/ports/clock.js';
import type { Planner } from '../../src/ports/planner.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import type { TrackerDeps } from '../../src/tracker/session.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { RecordingGateway } from './recording-gateway.js';
import { CHANNEL_DEFAULTS } from './test-tracker.js';
import { waitUntil } from './wait-until.js';

export const SLACK_MITI: ChannelRef = { platform: 'slack', id: 'C-MITI' };
export const TEAMS_MEITY: ChannelRef = { platform: 'teams', id: '19:meity@thread.tacv2' };
export const COORDINATION: ChannelRef = { platform: 'slack', id: 'C-COORD' };

export const OPERATOR: CommandContext = {
  actor: { platform: 'console', userId: 'operator' },
  channel: { platform: 'console', id: 'terminal' },
};

/** Short timings, so that a stalled job moves on in about a second and nothing waits on pacing by default. */
export const TEST_TUNING: Partial<SchedulerTuning> = {
  channelPaceMs: { slack: 0, teams: 0, console: 0 },
  deliveryBackoffMs: 100,
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
  closeGraceMs: 2_000,
  postTimeoutMs: 60_000,
};

export interface Gateways {
  slack?: RecordingGateway;
  teams?: RecordingGateway;
}

export interface HarnessOptions {
  now?: string | Date;
  /** The first replica's gateways; by default every replica posts through the harness's shared ones. */
  gateways?: Gateways;
  settings?: Partial<SchedulerSettings>;
  tuning?: Partial<SchedulerTuning>;
  /** As the web role does: a changed commitment's reminders are planned by a worker's `plans` job. */
  planCommitmentsInWorkers?: boolean;
}

export interface Replica {
  scheduler: Scheduler;
  slack: RecordingGateway;
  teams: RecordingGateway;
  connection: Redis;
}

export interface Harness {
  /** The key prefix of this harness's tracker and jobs. */
  prefix: string;
  settings: SchedulerSettings;
  tuning: Partial<SchedulerTuning>;
  clock: FixedClock;
  /** The gateways replicas share unless given their own. */
  slack: RecordingGateway;
  teams: RecordingGateway;
  commitments: RedisCommitmentStore;
  agencies: RedisAgencyStore;
  holidays: RedisHolidayStore;
  channelSettings: RedisChannelSettingsStore;
  checkins: RedisCheckinStore;
  tracker: Tracker;
  /** What the tracker was built with, for a test that needs one built otherwise. */
  trackerDeps: TrackerDeps;
  /** The first replica's scheduler, whose planner the tracker tells. */
  scheduler: Scheduler;
  /** What the first replica counted. */
  metrics: Metrics;
  replicas: Replica[];
  /** Another process against the same Redis: its own connection, gateways and workers. */
  addReplica(gateways?: Gateways): Replica;
  close(): Promise<void>;
}

let harnesses = 0;

/**
 * The tracker and the jobs floor as bin/ wires them, on the test Redis under a prefix of their own, with
 * recording gateways and a clock the test moves.
 */
export async function startHarness(
  test: { prefix: string; newConnection(): Redis },
  options: HarnessOptions = {},
): Promise<Harness> {
  const prefix = `${test.prefix}h${++harnesses}:`;
  const clock = new FixedClock(options.now ?? new Date());
  const settings: SchedulerSettings = {
    reminderOffsets: ['4s', '2s', '0s'].map((text) => parseDuration(text)!),
    digestCron: '0 9 * * 1',
    checkinCron: '0 9 * * 3',
    escalateAfter: parseDuration('7d')!,
    coordinationChannel: COORDINATION,
    trackerTimeZone: 'Europe/London',
    ...options.settings,
  };
  const tuning = { ...TEST_TUNING, ...options.tuning };
  const store = test.newConnection();
  const agencies = new RedisAgencyStore({ redis: store, prefix, defaultTimeZone: settings.trackerTimeZone });
  const commitments = new RedisCommitmentStore({ redis: store, prefix, timeZoneOf: agencies.timeZoneOf });
  const holidays = new RedisHolidayStore(store, prefix);
  const channelSettings = new RedisChannelSettingsStore(store, prefix);
  const checkins = new RedisCheckinStore(store, prefix);
  const replicas: Replica[] = [];
  const log = pino({ level: 'silent' });

  const shared = { slack: new RecordingGateway('slack'), teams: new RecordingGateway('teams') };
  const metrics = new Metrics();
  const addReplica = (gateways: Gateways = {}): Replica => {
    const connection = test.newConnection();
    const slack = gateways.slack ?? shared.slack;
    const teams = gateways.teams ?? shared.teams;
    const scheduler = createScheduler({
      connection,
      prefix,
      commitments,
      agencies,
      holidays,
      channelSettings,
      checkins,
      gateways: { slack, teams },
      clock,
      settings,
      tuning,
      log,
      metrics: replicas.length === 0 ? metrics : undefined,
      planCommitmentsInWorkers: options.planCommitmentsInWorkers,
    });
    const replica = { scheduler, slack, teams, connection };
    replicas.push(replica);
    return replica;
  };

  const first = addReplica(options.gateways);
  const planner: Planner = first.scheduler.planner;
  const trackerDeps: TrackerDeps = {
    commitments,
    agencies,
    holidays,
    channelSettings,
    checkins,
    clock,
    planner,
    settings: {
      trackerTimeZone: settings.trackerTimeZone,
      trackerAdmins: [],
      channelDefaults: {
        ...CHANNEL_DEFAULTS,
        digestCron: settings.digestCron,
        checkinCron: settings.checkinCron,
        reminderOffsets: settings.reminderOffsets.map((offset) => offset.text),
      },
    },
  };
  const tracker = new Tracker(trackerDeps);
  return {
    prefix,
    settings,
    tuning,
    clock,
    ...shared,
    commitments,
    agencies,
    holidays,
    channelSettings,
    checkins,
    tracker,
    trackerDeps,
    scheduler: first.scheduler,
    metrics,
    replicas,
    addReplica,
    close: async () => {
      await Promise.all(replicas.map((replica) => replica.scheduler.close({ force: true })));
    },
  };
}

/**
 * For a test file: starts harnesses and closes each after the test that started it.
 * `const newHarness = useSchedulerHarness(test)`, then in a test `const h = await newHarness({ now })`.
 */
export function useSchedulerHarness(test: {
  prefix: string;
  newConnection(): Redis;
}): (options?: HarnessOptions) => Promise<Harness> {
  let started: Harness[] = [];
  afterEach(async () => {
    const closing = started;
    started = [];
    await Promise.all(closing.map((harness) => harness.close()));
  });
  return async (options) => {
    const harness = await startHarness(test, options);
    started.push(harness);
    return harness;
  };
}

/** A whole second at least `seconds` from now, as the ISO text a user could type. */
export function secondsAhead(seconds: number): { at: number; text: string } {
  const at = Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000;
  return { at, text: new Date(at).toISOString().replace('.000Z', 'Z') };
}

/** The two sides most tests need: MITI with its Slack channel, MEITY with its Teams one. */
export async function addMitiAndMeity(harness: Harness): Promise<void> {
  await addAgency(harness, { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
    SLACK_MITI,
  ]);
  await addAgency(
    harness,
    { code: 'MEITY', name: 'Electronics and IT', timeZone: 'Asia/Kolkata', country: 'IN' },
    [TEAMS_MEITY],
  );
}

/** Adds the agency through the tracker (so the planner hears of it) and links its channels. */
export async function addAgency(
  harness: Harness,
  agency: Omit<Agency, 'channels'>,
  channels: ChannelRef[],
): Promise<void> {
  await harness.tracker.run(
    {
      kind: 'agency-add',
      code: agency.code,
      name: agency.name,
      timeZone: agency.timeZone,
      country: agency.country,
    },
    OPERATOR,
  );
  for (const channel of channels) {
    await harness.tracker.run(
      { kind: 'channel-link', agency: agency.code },
      { actor: OPERATOR.actor, channel },
    );
  }
}

/** Runs a routine now, as its job scheduler would, and returns what it reported. */
export async function runRoutine(
  scheduler: Scheduler,
  name: RoutineName,
  data: RoutineJobData = {},
): Promise<string> {
  const queue = scheduler.queues.routines;
  const { id } = await queue.add(name, data);
  let state = '';
  await waitUntil(async () => {
    state = await queue.getJobState(id!);
    return state === 'completed' || state === 'failed';
  }, `routine ${name} to finish`);
  const job = await queue.getJob(id!);
  if (state === 'failed') throw new Error(`routine ${name} failed: ${job?.failedReason}`);
  return String(job?.returnvalue);
}

/** What the routine's completed runs (by its schedulers or `runRoutine`) returned, oldest first. */
export async function completedRoutines(
  scheduler: Scheduler,
  name: RoutineName,
  agency?: string,
): Promise<string[]> {
  const jobs = await scheduler.queues.routines.getCompleted();
  return jobs
    .filter((job) => job.name === name && job.data.agency === agency)
    .sort((a, b) => (a.finishedOn ?? 0) - (b.finishedOn ?? 0))
    .map((job) => String(job.returnvalue));
}

/** Until the routine has completed `more` further runs: how a test lets a frequent cron fire again. */
export async function waitForMoreRuns(
  scheduler: Scheduler,
  name: RoutineName,
  more: number,
  agency?: string,
): Promise<void> {
  const before = (await completedRoutines(scheduler, name, agency)).length;
  await waitUntil(
    async () => (await completedRoutines(scheduler, name, agency)).length >= before + more,
    `${more} more ${name} runs${agency ? ` for ${agency}` : ''}`,
  );
}
