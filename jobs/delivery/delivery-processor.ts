import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { type ReminderOccasion, reminderWithdrawnBecause } from '../../src/calendar/reminder-occasion.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Message } from '../../src/messages/message.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import { isQuiet } from '../../src/model/channel-settings.js';
import { type ChannelRef, channelKey, type Platform } from '../../src/model/platform.js';
import { canSee } from '../../src/model/visibility.js';
import type { ChatGateway, MessageRef, PostOptions } from '../../src/ports/chat-gateway.js';
import type { Clock } from '../../src/ports/clock.js';
import type { ChannelSettingsStore } from '../../src/store/channel-settings-store.js';
import type { AgencyStore, CommitmentStore } from '../../src/store/commitment-store.js';
import type { DeliveryJobData } from '../job-types.js';
import type { SchedulerLog } from '../scheduler-log.js';
import type { SchedulerTuning } from '../scheduler-settings.js';
import type { ChannelPacer } from './channel-pacer.js';
import type { DeliveryFailures } from './delivery-failures.js';
import type { DeliveryRecords } from './delivery-records.js';

/** A wait this short is slept here rather than in the delayed set, which costs more than it saves. */
const SHORT_WAIT_MS = 250;

export interface DeliveryDeps {
  gateways: Partial<Record<Platform, ChatGateway>>;
  records: DeliveryRecords;
  pacer: ChannelPacer;
  failures: DeliveryFailures;
  commitments: CommitmentStore;
  /** Which agencies a channel is linked to now, for what it may see. */
  agencies: AgencyStore;
  /** Whether a channel is quiet (`channel settings quiet:<date>`). */
  channelSettings: ChannelSettingsStore;
  clock: Clock;
  tuning: SchedulerTuning;
  log: SchedulerLog;
  /** Deliveries by outcome, and how late reminders are. */
  metrics?: Metrics;
}

/**
 * Posts one delivery: the message, then its thread replies, each step recorded as soon as the platform
 * accepted it. Retries belong to BullMQ: a 429 sends the job back to the delayed set for its Retry-After
 * (without using an attempt), other failures are retried with back-off, and a permanent one (or the last
 * attempt) is recorded for the daily failure report and left in the failed set with its reason.
 */
export function deliveryProcessor(deps: DeliveryDeps) {
  return async (job: Job<DeliveryJobData>, token?: string): Promise<string> => {
    const delivery = job.data;
    const record = await deps.records.read(delivery.key);
    if (record.done) return 'already delivered';
    if (record.steps === 0 && (delivery.guard || delivery.about)) {
      const withdrawn = await withdrawnBecause(deps, delivery);
      if (withdrawn) return `not posted: ${withdrawn}`;
    }
    if (record.steps === 0) {
      const quiet = await quietBecause(deps, delivery);
      if (quiet) {
        await deps.records.skipped(delivery.key, deps.clock.now(), quiet);
        count(deps, delivery, 'skipped');
        return `not posted: ${quiet}`;
      }
    }
    const gateway = deps.gateways[delivery.channel.platform];
    if (!gateway) {
      return giveUp(deps, job, `no ${delivery.channel.platform} gateway is configured`);
    }
    const messages: Message[] = [delivery.message, ...(delivery.replies ?? [])];
    let parent = record.parent;
    for (let step = record.steps; step < messages.length; step += 1) {
      await waitForSlot(deps.pacer, job, token, step);
      // A post that failed unclearly (a timeout, a 5xx) or whose worker died may have landed: the gateway
      // is told, with a key of its own for this step, so that it can look before posting again.
      const options: PostOptions = {
        deliveryKey: `${delivery.key}#${step}`,
        mayHavePosted: job.attemptsStarted > 1,
      };
      const ref = await post(
        gateway,
        delivery,
        messages[step]!,
        parent,
        options,
        deps.tuning.postTimeoutMs,
      ).catch((error: unknown) => failed(deps, job, token, error));
      if (step === 0) {
        parent = ref;
        if (delivery.guard) observeLateness(deps, delivery, delivery.guard);
      }
      await deps.records.stepPosted(delivery.key, step + 1, step === 0 ? ref : undefined);
    }
    await deps.records.finished(delivery.key, deps.clock.now());
    count(deps, delivery, 'sent');
    return `delivered to ${channelKey(delivery.channel)}`;
  };
}

function count(deps: DeliveryDeps, delivery: DeliveryJobData, outcome: string): void {
  deps.metrics?.deliveries.inc({ platform: delivery.channel.platform, outcome });
}

/** Posted minus planned: a reminder held up by workers down, a queue backlog or a 429 shows here. */
function observeLateness(deps: DeliveryDeps, delivery: DeliveryJobData, reminder: ReminderOccasion): void {
  const seconds = Math.max(0, deps.clock.now().getTime() - reminder.at) / 1000;
  deps.metrics?.reminderLateness.observe({ platform: delivery.channel.platform }, seconds);
}

/**
 * Waits for the post's slot in its channel's timeline: once, in the delayed set, however long the queue
 * before it; then, when it comes back, a moment more in the worker if the post before it went late.
 */
async function waitForSlot(
  pacer: ChannelPacer,
  job: Job<DeliveryJobData>,
  token: string | undefined,
  step: number,
): Promise<void> {
  const { channel, slot } = job.data;
  const now = Date.now();
  const at = await pacer.reserve(channel, now, SHORT_WAIT_MS, slot?.step === step ? slot.at : undefined);
  if (at - now > SHORT_WAIT_MS) {
    await job.updateData({ ...job.data, slot: { step, at } });
    await deferUntil(job, token, at);
  }
  if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
}

/** BullMQ's back-off for deliveries: exponential with jitter, never sooner than a Retry-After. */
export function deliveryBackoff(baseMs: number) {
  return (attemptsMade: number, _type?: string, error?: Error): number => {
    const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
    const jittered = Math.round(exponential * (0.8 + Math.random() * 0.4));
    const retryAfter = error instanceof DeliveryError ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, retryAfter);
  };
}

/**
 * Asked before the first post of every attempt, so that a reminder held back (429, pacing, retries) is
 * posted after an edit that keeps it due, and never after one that withdrew it; and so that a message
 * about a commitment is never posted in a channel that may no longer see it.
 */
async function withdrawnBecause(deps: DeliveryDeps, delivery: DeliveryJobData): Promise<string | undefined> {
  const id = delivery.about ?? delivery.guard!.commitmentId;
  // Read together: a post that waited for its slot goes out no later than before for this check.
  const [commitment, agencies] = await Promise.all([
    deps.commitments.get(id),
    linkedTo(deps, delivery.channel),
  ]);
  if (!commitment) return 'the commitment no longer exists';
  const reminder = delivery.guard && reminderWithdrawnBecause(commitment, delivery.guard, deps.clock.now());
  if (reminder) return reminder;
  return canSee({ agencies }, commitment)
    ? undefined
    : `${channelKey(delivery.channel)} may no longer see ${commitment.id}`;
}

async function linkedTo(deps: DeliveryDeps, channel: ChannelRef): Promise<string[]> {
  return (await deps.agencies.agenciesForChannel(channel)).map((agency) => agency.code);
}

/**
 * A channel set quiet is posted nothing until its date: what falls due meanwhile is skipped, not held,
 * so the first roll-up, digest or check-in after it brings the channel up to date instead of a backlog.
 */
async function quietBecause(deps: DeliveryDeps, delivery: DeliveryJobData): Promise<string | undefined> {
  const settings = await deps.channelSettings.get(delivery.channel);
  return isQuiet(settings, deps.clock.now())
    ? `${channelKey(delivery.channel)} is quiet until ${settings.quiet!.date}`
    : undefined;
}

function post(
  gateway: ChatGateway,
  delivery: DeliveryJobData,
  message: Message,
  parent: MessageRef | undefined,
  options: PostOptions,
  timeoutMs: number,
): Promise<MessageRef> {
  const sending = parent
    ? gateway.reply(parent, message, options)
    : gateway.post(delivery.channel.id, message, options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new DeliveryError(`no answer within ${timeoutMs} ms`, { permanent: false, code: 'timeout' })),
      timeoutMs,
    );
    timer.unref();
  });
  return Promise.race([sending, timeout]).finally(() => clearTimeout(timer));
}

/** Decides what a failed post means for the job; always throws. */
async function failed(
  deps: DeliveryDeps,
  job: Job<DeliveryJobData>,
  token: string | undefined,
  error: unknown,
): Promise<never> {
  const delivery = job.data;
  if (error instanceof DeliveryError && error.retryAfterMs !== undefined) {
    const until = Date.now() + error.retryAfterMs;
    await deps.pacer.hold(delivery.channel, Date.now(), until);
    const deferrals = (delivery.rateLimitDeferrals ?? 0) + 1;
    if (deferrals <= deps.tuning.maxRateLimitDeferrals) {
      count(deps, delivery, 'rate_limited');
      deps.log.warn({ key: delivery.key, retryAfterMs: error.retryAfterMs }, 'rate limited; waiting');
      await job.updateData({ ...delivery, rateLimitDeferrals: deferrals });
      return deferUntil(job, token, until);
    }
  }
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof DeliveryError && error.permanent) return giveUp(deps, job, reason);
  if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await recordFailure(deps, job, reason);
  else count(deps, delivery, 'retried');
  deps.log.warn({ key: delivery.key, attempt: job.attemptsMade + 1, reason }, 'delivery failed; will retry');
  throw error instanceof Error ? error : new Error(reason);
}

async function giveUp(deps: DeliveryDeps, job: Job<DeliveryJobData>, reason: string): Promise<never> {
  await recordFailure(deps, job, reason);
  throw new UnrecoverableError(reason);
}

async function recordFailure(deps: DeliveryDeps, job: Job<DeliveryJobData>, reason: string): Promise<void> {
  const delivery = job.data;
  count(deps, delivery, 'failed');
  deps.log.error({ key: delivery.key, reason }, 'delivery failed for good');
  // A failure report that cannot be delivered is only logged: reporting it would loop.
  if (delivery.kind === 'failure-report') return;
  const about = delivery.about ?? delivery.guard?.commitmentId;
  await deps.failures.record({
    key: delivery.key,
    channel: channelKey(delivery.channel),
    reason,
    at: deps.clock.now().toISOString(),
    ...(about ? { about } : {}),
  });
}

async function deferUntil(
  job: Job<DeliveryJobData>,
  token: string | undefined,
  timestamp: number,
): Promise<never> {
  await job.moveToDelayed(timestamp, token);
  throw new DelayedError();
}
