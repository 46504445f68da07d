import { WorkingCalendar } from '../../src/calendar/working-days.js';
import { calendarDayIn, isoDay } from '../../src/dates/calendar-day.js';
import { digestWeek } from '../../src/digest/digest-week.js';
import {
  type DeliveryFailure,
  deliveryFailureReport,
  FAILURES_SHOWN,
} from '../../src/messages/delivery-failure-report.js';
import { escalationMessage } from '../../src/messages/escalation-message.js';
import { scopesOfRegion } from '../../src/model/holiday.js';
import { type ChannelRef, channelKey } from '../../src/model/platform.js';
import { isClosed } from '../../src/model/status.js';
import { canSee } from '../../src/model/visibility.js';
import type { CommitmentQuery } from '../../src/store/commitment-store.js';
import { agencyView, channelAudience } from './agency-view.js';
import type { RoutineDeps } from './routine-deps.js';

const DAY_SECONDS = 86_400;
const FAILURES_KEPT_MS = 30 * DAY_SECONDS * 1000;
/** Ids read per round trip while choosing what to escalate. */
const ID_PAGE = 1000;
/** The escalation lists the longest overdue, this many; its heading counts them all. */
const ESCALATION_LINES = 50;

/**
 * The coordination unit's daily run, in its zone: on its working days, the commitments overdue for
 * longer than `ESCALATE_AFTER` that were not escalated yet this week; every day, the deliveries that
 * failed for good since the last report.
 */
export async function runCoordination(deps: RoutineDeps): Promise<string> {
  const channel = deps.settings.coordinationChannel;
  if (!channel) return 'no coordination channel';
  const now = deps.clock.now();
  const today = calendarDayIn(deps.settings.trackerTimeZone, now);
  const country = deps.settings.coordinationCountry;
  const holidays = await deps.holidays.daysOf(scopesOfRegion(country));
  const working = new WorkingCalendar(country, holidays).isWorkingDay(today);
  const escalated = working ? await escalate(deps, channel, now, isoDay(today)) : 0;
  const failures = await reportFailures(deps, channel, now, isoDay(today));
  return `${escalated} escalated, ${failures} failed deliveries reported`;
}

/**
 * The day's choice of commitments is fixed by its first run (SET NX), so every later run that day,
 * on any worker, builds the same message under the same delivery key; they are then marked for the week.
 * The coordination channel sees what any channel sees: restricted commitments only of agencies linked to
 * it. Others are chased in their own agencies' channels (reminders, roll-ups, digests), never here.
 */
async function escalate(deps: RoutineDeps, channel: ChannelRef, now: Date, day: string): Promise<number> {
  const { redis, keys, settings } = deps;
  const week = digestWeek(now, settings.trackerTimeZone).key;
  const view = await agencyView(deps.agencies, now, settings.trackerTimeZone, settings.trackerTimeZone);
  const audience = await channelAudience(deps.agencies, channel);
  let chosen = await redis.get(keys.escalation(day));
  if (chosen === null) {
    const already = new Set(await redis.smembers(keys.escalated(week)));
    const ids: string[] = [];
    const longOverdue: CommitmentQuery = {
      kind: 'open',
      due: { before: now.getTime() - settings.escalateAfter.ms },
    };
    // Ids only, longest overdue first: a backlog of thousands costs a few index pages, no commitment reads.
    for (let offset = 0; ; offset += ID_PAGE) {
      const page = await deps.commitments.pageIds(longOverdue, { offset, limit: ID_PAGE }, audience);
      ids.push(...page.items.filter((id) => !already.has(id)));
      if (!page.more) break;
    }
    await redis.set(keys.escalation(day), JSON.stringify(ids), 'EX', 3 * DAY_SECONDS, 'NX');
    chosen = (await redis.get(keys.escalation(day))) ?? '[]';
  }
  const ids = JSON.parse(chosen) as string[];
  if (ids.length === 0) return 0;
  const read = await deps.commitments.getMany(ids.slice(0, ESCALATION_LINES));
  // One made restricted since the day's choice is left out, and out of the count.
  const hidden = read.filter((c) => !canSee(audience, c)).length;
  const listed = read.filter((c) => !isClosed(c.status) && canSee(audience, c));
  if (listed.length > 0) {
    await deps.outbox.send({
      key: `escalation:${day}:${channelKey(channel)}`,
      kind: 'escalation',
      channel,
      message: escalationMessage(listed, settings.escalateAfter, view, ids.length - hidden),
    });
  }
  await redis
    .multi()
    .sadd(keys.escalated(week), ...ids)
    .expire(keys.escalated(week), 15 * DAY_SECONDS)
    .exec();
  return ids.length;
}

/** The commitments the listed failures are about that the channel may not see: their keys are not shown there. */
async function unseenBy(
  deps: RoutineDeps,
  channel: ChannelRef,
  failures: readonly DeliveryFailure[],
): Promise<Set<string>> {
  const listed = failures.slice(0, FAILURES_SHOWN);
  const ids = [...new Set(listed.flatMap((failure) => (failure.about ? [failure.about] : [])))];
  if (ids.length === 0) return new Set();
  const audience = await channelAudience(deps.agencies, channel);
  const read = await deps.commitments.getMany(ids);
  return new Set(read.filter((commitment) => !canSee(audience, commitment)).map((c) => c.id));
}

/** The report's window is fixed by the day's first run too, and the next day's starts where it ended. */
async function reportFailures(
  deps: RoutineDeps,
  channel: ChannelRef,
  now: Date,
  day: string,
): Promise<number> {
  const { redis, keys } = deps;
  let window = await redis.get(keys.failureReport(day));
  if (window === null) {
    const from = Number((await redis.get(keys.failureReportCursor)) ?? 0);
    await redis.set(
      keys.failureReport(day),
      JSON.stringify({ from, to: now.getTime() }),
      'EX',
      3 * DAY_SECONDS,
      'NX',
    );
    window = (await redis.get(keys.failureReport(day))) ?? '{}';
  }
  const { from, to } = JSON.parse(window) as { from: number; to: number };
  const failures = await deps.failures.between(from, to);
  if (failures.length > 0) {
    await deps.outbox.send({
      key: `failure-report:${day}:${channelKey(channel)}`,
      kind: 'failure-report',
      channel,
      message: deliveryFailureReport(
        failures,
        deps.settings.trackerTimeZone,
        await unseenBy(deps, channel, failures),
      ),
    });
  }
  await redis.set(keys.failureReportCursor, String(to));
  await deps.failures.prune(now.getTime() - FAILURES_KEPT_MS);
  return failures.length;
}
