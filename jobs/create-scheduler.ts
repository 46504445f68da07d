import { type Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Metrics } from '../src/metrics/metrics.js';
import type { Platform } from '../src/model/platform.js';
import type { Announcer } from '../src/ports/announcer.js';
import type { ChatGateway } from '../src/ports/chat-gateway.js';
import type { Clock } from '../src/ports/clock.js';
import type { RedisConnection } from '../src/redis/redis-connection.js';
import { isRedisUnavailable } from '../src/redis/redis-errors.js';
import type { ChannelSettingsStore } from '../src/store/channel-settings-store.js';
import type { CheckinStore } from '../src/store/checkin-store.js';
import type { AgencyStore, CommitmentStore } from '../src/store/commitment-store.js';
import type { HolidayStore } from '../src/store/holiday-store.js';
import { DEFAULT_KEY_PREFIX } from '../src/store/redis-keys.js';
import { ChannelPacer } from './delivery/channel-pacer.js';
import { DeliveryFailures } from './delivery/delivery-failures.js';
import { DeliveryOutbox } from './delivery/delivery-outbox.js';
import { deliveryBackoff, deliveryProcessor } from './delivery/delivery-processor.js';
import { DeliveryRecords } from './delivery/delivery-records.js';
import type { DeliveryJobData, PlanJobData, ReminderJobData, RoutineJobData } from './job-types.js';
import { planProcessor } from './reminders/plan-processor.js';
import { ReminderPlanner } from './reminders/reminder-planner.js';
import { reminderProcessor } from './reminders/reminder-processor.js';
import type { RoutineDeps } from './routines/routine-deps.js';
import { routineProcessor } from './routines/routine-processor.js';
import { RoutineSchedules } from './routines/routine-schedules.js';
import { type RebuildReport, ScheduleKeeper } from './routines/schedule-keeper.js';
import { SchedulerProblems } from './routines/scheduler-problems.js';
import { ScoreboardSnapshots } from './routines/scoreboard-snapshots.js';
import { QUEUE_NAMES, type SchedulerKeys, schedulerKeys } from './scheduler-keys.js';
import type { SchedulerLog } from './scheduler-log.js';
import { SchedulerPlanner } from './scheduler-planner.js';
import { openQueues, type SchedulerQueues } from './scheduler-queues.js';
import { DEFAULT_TUNING, type SchedulerSettings, type SchedulerTuning } from './scheduler-settings.js';

/** Stores on a connection of their own, for the part of the floor that answers people. */
export interface InteractiveSide {
  /** A fail-fast connection (`createRedisConnection(…, { failFast: true })`). */
  connection: RedisConnection;
  /**
   * Another fail-fast connection, for the queues the planner and the announcer add jobs to; default
   * `connection`. BullMQ defines its seventy-odd scripts on a queue's connection, and ioredis copies
   * every script defined on a connection into each pipeline made on it: kept apart, the store's and
   * the planner's pipelines cost what their own commands do.
   */
  queueConnection?: RedisConnection;
  commitments: CommitmentStore;
  agencies: AgencyStore;
  holidays: HolidayStore;
  channelSettings: ChannelSettingsStore;
}

export interface SchedulerOptions {
  /**
   * An ioredis client with `maxRetriesPerRequest: null` (as `createRedisConnection` makes). Shared: the
   * scheduler's queues use it and its workers duplicate it for their blocking reads; `close()` leaves it open.
   * During a Redis outage the jobs on it wait for Redis instead of failing.
   */
  connection: RedisConnection;
  /** The tracker's key prefix (keep a `{hash tag}` for a cluster); BullMQ's keys go under `<prefix>bull`. */
  prefix?: string;
  commitments: CommitmentStore;
  agencies: AgencyStore;
  holidays: HolidayStore;
  /** Each channel's own digest time, check-ins, reminder offsets and quiet days. */
  channelSettings: ChannelSettingsStore;
  /** The weekly check-ins asked and answered. */
  checkins: CheckinStore;
  /**
   * What the planner and the announcer use, called while a person waits for an answer: during an outage
   * they must fail at once rather than wait. Default: `connection` and the stores above.
   */
  interactive?: InteractiveSide;
  gateways: Partial<Record<Platform, ChatGateway>>;
  clock: Clock;
  settings: SchedulerSettings;
  tuning?: Partial<SchedulerTuning>;
  /**
   * The planner queues a changed commitment for a worker to plan its reminders (a `plans` job) rather
   * than planning them before the command answers: what the web role does. Default: planned at once.
   */
  planCommitmentsInWorkers?: boolean;
  log: SchedulerLog;
  /** Counts deliveries and reminder lateness. */
  metrics?: Metrics;
}

export interface Scheduler {
  /** Hand it to the Tracker: it plans reminders and schedules as commitments and agencies change. */
  planner: SchedulerPlanner;
  /** Hand it to the adapters: their announcements go through the delivery queue. */
  announcer: Announcer;
  /**
   * Starts this process's workers, reconciles unless another replica just did (see `reconcile`), and
   * from then on checks that the routine schedules are still in Redis.
   */
  startWorkers(): Promise<void>;
  /**
   * At start-up: makes the job schedulers match the agencies, re-creating any that lost its next run,
   * and replans every open commitment's reminders (idempotent: a change whose notification was lost, or
   * new reminder offsets, are caught up). Runs in one replica at a time (a Redis lock); returns undefined
   * when another one holds it. The watchdog checks only the schedulers: replanning every reminder is
   * a round of bulk calls per 500 open commitments.
   */
  reconcile(): Promise<RebuildReport | undefined>;
  /** The same as `reconcile`, at any time (after a Redis outage); false when another worker is at it. */
  repair(reason: string): Promise<boolean>;
  queues: SchedulerQueues;
  /** Schedules that were found to have no next run, as reported, for the health check and tests. */
  problems: SchedulerProblems;
  /** True while this process's workers take jobs: from `startWorkers` until `close`. */
  readonly working: boolean;
  /**
   * Stops taking jobs and lets running ones finish for `closeGraceMs`; jobs still running after that go
   * back to the queue when their lock lapses. `force` skips the wait (as if the process died).
   */
  close(options?: { force?: boolean }): Promise<void>;
}

/** Planning on one connection: the reminders and schedules it writes, and the outbox it posts through. */
function planningOn(
  side: InteractiveSide,
  queues: SchedulerQueues,
  context: {
    keys: SchedulerKeys;
    clock: Clock;
    settings: SchedulerSettings;
    tuning: SchedulerTuning;
    log: SchedulerLog;
    planCommitmentsInWorkers: boolean;
  },
) {
  const { keys, clock, settings, tuning, log } = context;
  const records = new DeliveryRecords(side.connection, keys);
  const outbox = new DeliveryOutbox(queues.deliveries, records);
  const problems = new SchedulerProblems({ outbox, clock, settings, log });
  const schedules = new RoutineSchedules(queues.routines, settings, tuning, problems, side.channelSettings);
  const reminders = new ReminderPlanner({
    redis: side.connection,
    keys,
    queue: queues.reminders,
    agencies: side.agencies,
    holidays: side.holidays,
    channelSettings: side.channelSettings,
    clock,
    settings,
  });
  const planner = new SchedulerPlanner({
    redis: side.connection,
    keys,
    commitments: side.commitments,
    channelSettings: side.channelSettings,
    reminders,
    schedules,
    ...(context.planCommitmentsInWorkers ? { plans: queues.plans } : {}),
    log,
  });
  return { records, outbox, problems, schedules, reminders, planner };
}

/** The jobs floor: reminders, routines and deliveries on BullMQ, wired by bin/. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const {
    connection: redis,
    commitments,
    agencies,
    holidays,
    channelSettings,
    clock,
    settings,
    log,
  } = options;
  const tuning: SchedulerTuning = {
    ...DEFAULT_TUNING,
    ...options.tuning,
    channelPaceMs: { ...DEFAULT_TUNING.channelPaceMs, ...options.tuning?.channelPaceMs },
  };
  const keys = schedulerKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
  const context = {
    keys,
    clock,
    settings,
    tuning,
    log,
    planCommitmentsInWorkers: options.planCommitmentsInWorkers === true,
  };
  const queues = openQueues(redis, keys.bullPrefix, tuning);
  const jobsSide = planningOn(
    { connection: redis, commitments, agencies, holidays, channelSettings },
    queues,
    context,
  );
  const interactiveQueues = options.interactive
    ? openQueues(
        options.interactive.queueConnection ?? options.interactive.connection,
        keys.bullPrefix,
        tuning,
      )
    : undefined;
  const interactiveSide =
    options.interactive && interactiveQueues
      ? planningOn(options.interactive, interactiveQueues, context)
      : jobsSide;
  for (const queue of [...Object.values(queues), ...Object.values(interactiveQueues ?? {})]) {
    queue.on('error', (error: Error) => {
      // An outage is said once by the process that watches its connections, not once per attempt.
      if (!isRedisUnavailable(error)) log.error({ err: error, queue: queue.name }, 'queue error');
    });
  }

  const { records, outbox, problems, schedules, reminders } = jobsSide;
  const failures = new DeliveryFailures(redis, keys);
  const pacer = new ChannelPacer(redis, keys, (channel) => tuning.channelPaceMs[channel.platform]);
  const keeper = new ScheduleKeeper({
    redis,
    keys,
    routines: queues.routines,
    schedules,
    reminders,
    agencies,
    commitments,
    tuning,
    log,
  });
  const routineDeps: RoutineDeps = {
    redis,
    keys,
    commitments,
    agencies,
    holidays,
    channelSettings,
    checkins: options.checkins,
    clock,
    settings,
    outbox,
    records,
    failures,
    log,
    snapshots: new ScoreboardSnapshots(redis, keys),
  };
  const announcer: Announcer = {
    announce: async ({ key, channel, message, about }) => {
      await interactiveSide.outbox.queueUnchecked({
        key,
        kind: 'announcement',
        channel,
        message,
        ...(about ? { about } : {}),
      });
    },
  };

  const workers: Worker[] = [];
  let working = false;
  const startWorkers = async () => {
    if (workers.length > 0) return;
    const common: WorkerOptions = {
      connection: redis,
      prefix: keys.bullPrefix,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
    };
    workers.push(
      new Worker<ReminderJobData>(
        QUEUE_NAMES.reminders,
        reminderProcessor({
          commitments,
          agencies,
          clock,
          outbox,
          trackerTimeZone: settings.trackerTimeZone,
        }),
        { ...common, concurrency: 4 },
      ),
      new Worker<PlanJobData>(QUEUE_NAMES.plans, planProcessor({ commitments, reminders }), {
        ...common,
        concurrency: 4,
      }),
      new Worker<RoutineJobData>(
        QUEUE_NAMES.routines,
        // The watchdog takes no lock: two checks of the schedulers at once agree. Taking the start-up lock
        // would make a replica that starts just after it skip its replan.
        routineProcessor(routineDeps, async () =>
          JSON.stringify(await schedules.reconcile(await agencies.list())),
        ),
        { ...common, concurrency: 2 },
      ),
      new Worker<DeliveryJobData>(
        QUEUE_NAMES.deliveries,
        deliveryProcessor({
          gateways: options.gateways,
          records,
          pacer,
          failures,
          commitments,
          agencies,
          channelSettings,
          clock,
          tuning,
          log,
          metrics: options.metrics,
        }),
        {
          ...common,
          concurrency: tuning.deliveryConcurrency,
          settings: { backoffStrategy: deliveryBackoff(tuning.deliveryBackoffMs) },
        },
      ),
    );
    for (const worker of workers) {
      worker.on('error', (error) => {
        if (!isRedisUnavailable(error)) log.error({ err: error, queue: worker.name }, 'worker error');
      });
      worker.on('failed', (job, error) =>
        log.warn(
          { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, reason: error.message },
          'job failed',
        ),
      );
    }
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    working = true;
    await keeper.reconcileAtStart();
    keeper.startChecking();
  };

  const close = async (closeOptions: { force?: boolean } = {}) => {
    working = false;
    keeper.stopChecking();
    const closing = Promise.all(workers.map((worker) => worker.close(closeOptions.force)));
    const grace = new Promise<'timeout'>((resolve) =>
      setTimeout(resolve, tuning.closeGraceMs, 'timeout').unref(),
    );
    if ((await Promise.race([closing, grace])) === 'timeout') {
      log.warn(
        { graceMs: tuning.closeGraceMs },
        'jobs still running at shutdown go back to the queue when their lock lapses',
      );
    }
    const allQueues: Queue[] = [...Object.values(queues), ...Object.values(interactiveQueues ?? {})];
    await Promise.all(allQueues.map((queue) => queue.close()));
  };

  return {
    planner: interactiveSide.planner,
    announcer,
    startWorkers,
    reconcile: () => keeper.reconcileAtStart(),
    repair: (reason) => keeper.repair(reason),
    queues,
    problems,
    get working() {
      return working;
    },
    close,
  };
}
