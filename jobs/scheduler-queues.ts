import { type DefaultJobOptions, Queue } from 'bullmq';
import type { RedisConnection } from '../src/redis/redis-connection.js';
import type { DeliveryJobData, PlanJobData, ReminderJobData, RoutineJobData } from './job-types.js';
import { QUEUE_NAMES } from './scheduler-keys.js';
import type { SchedulerTuning } from './scheduler-settings.js';

const DAY_SECONDS = 86_400;

export interface SchedulerQueues {
  reminders: Queue<ReminderJobData>;
  /** Changed commitments whose reminders are to be planned (see SchedulerPlanner). */
  plans: Queue<PlanJobData>;
  routines: Queue<RoutineJobData>;
  deliveries: Queue<DeliveryJobData>;
}

/**
 * The queues on one connection, each with the retry and retention rules its jobs are added with.
 * The jobs floor opens them twice when the web side has a connection of its own that fails fast.
 */
export function openQueues(
  connection: RedisConnection,
  bullPrefix: string,
  tuning: SchedulerTuning,
): SchedulerQueues {
  const options = (defaultJobOptions: DefaultJobOptions) => ({
    connection,
    prefix: bullPrefix,
    defaultJobOptions,
  });
  return {
    reminders: new Queue<ReminderJobData>(
      QUEUE_NAMES.reminders,
      options({
        attempts: 5,
        backoff: { type: 'exponential', delay: 10_000, jitter: 0.2 },
        removeOnComplete: { age: 14 * DAY_SECONDS, count: 20_000 },
        removeOnFail: { age: 30 * DAY_SECONDS },
      }),
    ),
    plans: new Queue<PlanJobData>(
      QUEUE_NAMES.plans,
      options({
        attempts: 5,
        backoff: { type: 'exponential', delay: 2_000, jitter: 0.2 },
        removeOnComplete: { age: DAY_SECONDS, count: 1_000 },
        removeOnFail: { age: 30 * DAY_SECONDS },
      }),
    ),
    routines: new Queue<RoutineJobData>(
      QUEUE_NAMES.routines,
      options({
        attempts: 3,
        backoff: { type: 'exponential', delay: 30_000, jitter: 0.2 },
        removeOnComplete: { count: 1_000 },
        removeOnFail: { age: 30 * DAY_SECONDS },
      }),
    ),
    deliveries: new Queue<DeliveryJobData>(
      QUEUE_NAMES.deliveries,
      options({
        attempts: tuning.deliveryAttempts,
        backoff: { type: 'delivery', delay: tuning.deliveryBackoffMs },
        removeOnComplete: { age: 7 * DAY_SECONDS, count: 20_000 },
        removeOnFail: { age: 30 * DAY_SECONDS },
      }),
    ),
  };
}
