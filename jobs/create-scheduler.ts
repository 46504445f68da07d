import { randomUUID } from 'node:crypto';
import { type DefaultJobOptions, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Platform } from '../src/model/platform.js';
import type { ChatGateway } from '../src/ports/chat-gateway.js';
import type { Clock } from '../src/ports/clock.js';
import type { RedisConnection } from '../src/redis/redis-connection.js';
import type { AgencyStore, CommitmentStore } from '../src/store/commitment-store.js';
import type { HolidayStore } from '../src/store/holiday-store.js';
import { DEFAULT_KEY_PREFIX } from '../src/store/redis-keys.js';
import { ChannelPacer } from './delivery/channel-pacer.js';
import { DeliveryFailures } from './delivery/delivery-failures.js';
import { DeliveryOutbox } from './delivery/delivery-outbox.js';
import { deliveryBackoff, deliveryProcessor } from './delivery/delivery-processor.js';
import { DeliveryRecords } from './delivery/delivery-records.js';
import type { DeliveryJobData, ReminderJobData, RoutineJobData } from './job-types.js';
import { ReminderPlanner } from './reminders/reminder-planner.js';
import { reminderProcessor } from './reminders/reminder-processor.js';
import type { RoutineDeps } from './routines/routine-deps.js';
import { routineProcessor } from './routines/routine-processor.js';
import { type ReconcileReport, RoutineSchedules } from './routines/routine-schedules.js';
import { SchedulerProblems } from './routines/scheduler-problems.js';
import { ScoreboardSnapshots } from './routines/scoreboard-snapshots.js';
import { QUEUE_NAMES, schedulerKeys } from './scheduler-keys.js';
import type { SchedulerLog } from './scheduler-log.js';
import { SchedulerPlanner } from './scheduler-planner.js';
import { DEFAULT_TUNING, type SchedulerSettings, type SchedulerTuning } from './scheduler-settings.js';

const DAY_SECONDS = 86_400;

export interface SchedulerOptions {
  /**
   * An ioredis client with `maxRetriesPerRequest: null` (as `createRedisConnection` makes). Shared: the
   * scheduler's queues use it and its workers duplicate it for their blocking reads; `close()` leaves it open.
   */
  connection: RedisConnection;
  /** The tracker's key prefix (keep a `{hash tag}` for a cluster); BullMQ's keys go under `<prefix>bull`. */
  prefix?: string;
  commitments: CommitmentStore;
  agencies: AgencyStore;
  holidays: HolidayStore;
  gateways: Partial<Record<Platform, ChatGateway>>;
  clock: Clock;
  settings: SchedulerSettings;
  tuning?: Partial<SchedulerTuning>;
  log: SchedulerLog;
}

export interface Scheduler {
  /** Hand it to the Tracker: it plans reminders and schedules as commitments and agencies change. */
  planner: SchedulerPlanner;
  /** Starts this process's workers and, unless another replica just did, reconciles (see `reconcile`). */
  startWorkers(): Promise<void>;
  /**
   * At start-up: makes the job schedulers match the agencies, re-creating any that lost its next run,
   * and replans every open commitment's reminders (idempotent: a change whose notification was lost, or
   * new reminder offsets, are caught up). Runs in one replica at a time (a Redis lock); returns undefined
   * when another one holds it. The watchdog checks only the schedulers: replanning every reminder is
   * a BullMQ call or more per open commitment, owner and offset.
   */
  reconcile(): Promise<(ReconcileReport & { replanned: number }) | undefined>;
  queues: {
    reminders: Queue<ReminderJobData>;
    routines: Queue<RoutineJobData>;
    deliveries: Queue<DeliveryJobData>;
  };
  /** Schedules that were found to have no next run, as reported, for the health check and tests. */
  problems: SchedulerProblems;
  /**
   * Stops taking jobs and lets running ones finish for `closeGraceMs`; jobs still running after that go
   * back to the queue when their lock lapses. `force` skips the wait (as if the process died).
   */
  close(options?: { force?: boolean }): Promise<void>;
}

/** The jobs floor: reminders, routines and deliveries on BullMQ, wired by bin/. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { connection: redis, commitments, agencies, holidays, clock, settings, log } = options;
  const tuning: SchedulerTuning = {
    ...DEFAULT_TUNING,
    ...options.tuning,
    channelPaceMs: { ...DEFAULT_TUNING.channelPaceMs, ...options.tuning?.channelPaceMs },
  };
  const keys = schedulerKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
  const queueOptions = (defaultJobOptions: DefaultJobOptions) => ({
    connection: redis,
    prefix: keys.bullPrefix,
    defaultJobOptions,
  });
  const queues = {
    reminders: new Queue<ReminderJobData>(
      QUEUE_NAMES.reminders,
      queueOptions({
        attempts: 5,
        backoff: { type: 'exponential', delay: 10_000, jitter: 0.2 },
        removeOnComplete: { age: 14 * DAY_SECONDS, count: 20_000 },
        removeOnFail: { age: 30 * DAY_SECONDS },
      }),
    ),
    routines: new Queue<RoutineJobData>(
      QUEUE_NAMES.routines,
      queueOptions({
        attempts: 3,
        backoff: { type: 'exponential', delay: 30_000, jitter: 0.2 },
        removeOnComplete: { count: 1_000 },
        removeOnFail: { age: 30 * DAY_SECONDS },
      }),
    ),
    deliveries: new Queue<DeliveryJobData>(
      QUEUE_NAMES.deliveries,
      queueOptions({
        attempts: tuning.deliveryAttempts,
        backoff: { type: 'delivery', delay: tuning.deliveryBackoffMs },
        removeOnComplete: { age: 7 * DAY_SECONDS, count: 20_000 },
        removeOnFail: { age: 30 * DAY_SECONDS },
      }),
    ),
  };
  for (const queue of Object.values(queues)) {
    queue.on('error', (error) => log.error({ err: error, queue: queue.name }, 'queue error'));
  }

  const records = new DeliveryRecords(redis, keys);
  const failures = new DeliveryFailures(redis, keys);
  const outbox = new DeliveryOutbox(queues.deliveries, records);
  const pacer = new ChannelPacer(redis, keys, (channel) => tuning.channelPaceMs[channel.platform]);
  const problems = new SchedulerProblems({ outbox, clock, settings, log });
  const schedules = new RoutineSchedules(queues.routines, settings, tuning, problems);
  const reminders = new ReminderPlanner({
    redis,
    keys,
    queue: queues.reminders,
    agencies,
    holidays,
    clock,
    settings,
  });
  const planner = new SchedulerPlanner({ redis, keys, commitments, reminders, schedules });
  const routineDeps: RoutineDeps = {
    redis,
    keys,
    commitments,
    agencies,
    holidays,
    clock,
    settings,
    outbox,
    records,
    failures,
    log,
    snapshots: new ScoreboardSnapshots(redis, keys),
  };

  const reconcile = async () => {
    const won = await redis.set(keys.reconcileLock, randomUUID(), 'PX', tuning.reconcileLockMs, 'NX');
    if (won !== 'OK') return undefined;
    const report = await schedules.reconcile(await agencies.list());
    const open = await commitments.query({ kind: 'open' });
    for (const commitment of open) await reminders.plan(commitment, { force: true });
    log.info({ ...report, replanned: open.length }, 'job schedulers reconciled and reminders replanned');
    return { ...report, replanned: open.length };
  };

  const workers: Worker[] = [];
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
          clock,
          tuning,
          log,
        }),
        {
          ...common,
          concurrency: tuning.deliveryConcurrency,
          settings: { backoffStrategy: deliveryBackoff(tuning.deliveryBackoffMs) },
        },
      ),
    );
    for (const worker of workers) {
      worker.on('error', (error) => log.error({ err: error, queue: worker.name }, 'worker error'));
      worker.on('failed', (job, error) =>
        log.warn(
          { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, reason: error.message },
          'job failed',
        ),
      );
    }
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    await reconcile();
  };

  const close = async (closeOptions: { force?: boolean } = {}) => {
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
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
  };

  return { planner, startWorkers, reconcile, queues, problems, close };
}
