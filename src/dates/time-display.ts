import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Deadline } from '../model/deadline.js';
import { dueInstant } from '../model/deadline.js';
import { calendarDayIn, dayNumber, formatDay } from './calendar-day.js';

/**
 * How every moment is shown, on every platform: in the lead agency's zone, named by place ("17:00 Kuala
 * Lumpur time"), so that nobody has to convert; platforms that can also show it on the reader's own
 * clock do so beside it (adapters/slack/date-token.ts, adapters/teams/render-card.ts). A date-only
 * deadline is a day, the lead agency's day, and is shown as one.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Zones whose IANA city is not what people there call their time. */
const PLACE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Kolkata': 'India',
  'Asia/Calcutta': 'India',
};
const UNIVERSAL = /^(?:Etc\/)?(?:UTC|UCT|GMT|Universal|Zulu|Greenwich)(?:[+-]0)?$/i;

/** `Kuala Lumpur time`, `India time`, `UTC`: a zone as named after a time of day. */
export function zoneLabel(timeZone: string, at: number): string {
  const place = zonePlace(timeZone, at);
  return isPlace(timeZone) ? `${place} time` : place;
}

/** `Kuala Lumpur`, `India`, `UTC`, `UTC+8`: where a zone's clocks are, as people name it. */
export function zonePlace(timeZone: string, at = 0): string {
  if (UNIVERSAL.test(timeZone)) return 'UTC';
  // Etc/GMT-8, CET and the like name an offset, not a place.
  if (!isPlace(timeZone)) return offsetLabel(tzOffset(timeZone, new Date(at)));
  return PLACE_NAMES[timeZone] ?? timeZone.split('/').at(-1)!.replace(/_/g, ' ');
}

function isPlace(timeZone: string): boolean {
  return !UNIVERSAL.test(timeZone) && !timeZone.startsWith('Etc/') && timeZone.includes('/');
}

/** `UTC+8`, `UTC-3:30`. */
function offsetLabel(minutes: number): string {
  const size = Math.abs(minutes);
  const hours = Math.floor(size / 60);
  const rest = size % 60;
  return `UTC${minutes < 0 ? '-' : '+'}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** `Fri 4 Dec 2026 17:00 Kuala Lumpur time`. */
export function momentText(at: number, timeZone: string): string {
  return `${format(new TZDate(at, timeZone), 'EEE d MMM yyyy HH:mm')} ${zoneLabel(timeZone, at)}`;
}

/** `4 Dec 2026 18:30 Kuala Lumpur time`: a history or note stamp. */
export function stampText(at: number, timeZone: string): string {
  return `${format(new TZDate(at, timeZone), 'd MMM yyyy HH:mm')} ${zoneLabel(timeZone, at)}`;
}

/**
 * How far ahead a deadline is, in the whole days its text shows: for a day, the days between today and
 * it in the lead zone (0 = today); for an instant, whole 24-hour days. Negative once it is overdue.
 * "Due in the next N days" and "(in N days)" both count with this, so they never disagree.
 */
export function daysAhead(deadline: Deadline, leadTimeZone: string, now: Date): number {
  if (deadline.kind === 'date') return dayNumberOf(deadline.date) - todayIn(leadTimeZone, now);
  return Math.floor((Date.parse(deadline.at) - now.getTime()) / DAY_MS);
}

/** Not overdue, and due today or within `days` days as its text counts them ("in 14 days" is within 14). */
export function dueWithinDays(deadline: Deadline, leadTimeZone: string, now: Date, days: number): boolean {
  if (dueInstant(deadline, leadTimeZone) < now.getTime()) return false;
  return daysAhead(deadline, leadTimeZone, now) <= days;
}

export interface FormatDeadlineOptions {
  /** The lead agency's zone: a day is its day there, a time of day is shown on its clock. */
  leadTimeZone: string;
  now: Date;
}

/**
 * `Tue 15 Dec 2026 (in 5 days)` for a day; `Tue 15 Dec 2026 17:00 Kuala Lumpur time (in 2 days)` for an
 * instant. A day counts as overdue only once it has ended in the lead agency's zone.
 */
export function formatDeadline(deadline: Deadline, options: FormatDeadlineOptions): string {
  const when =
    deadline.kind === 'date'
      ? remember(dayTexts, deadline.date, () => formatDay(dayOf(deadline.date)))
      : remember(momentTexts, `${deadline.at}|${options.leadTimeZone}`, () =>
          momentText(Date.parse(deadline.at), options.leadTimeZone),
        );
  return `${when} (${relativeText(deadline, options)})`;
}

/** `in 5 days`, `tomorrow`, `in 3 hours`, `2 days overdue`: how far the deadline is from now. */
export function relativeText(deadline: Deadline, options: FormatDeadlineOptions): string {
  if (deadline.kind === 'date') return relativeDays(daysAhead(deadline, options.leadTimeZone, options.now));
  return relativeSpan(Date.parse(deadline.at) - options.now.getTime());
}

/**
 * A list or a digest writes out the same few hundred days again and again, each a time-zone computation:
 * a day's number and text, "today" in a zone at a view's instant, and an instant's text are worked out
 * once and kept (a bounded number of them).
 */
const dayNumbers = new Map<string, number>();
const todays = new Map<string, number>();
const dayTexts = new Map<string, string>();
const momentTexts = new Map<string, string>();
const REMEMBERED = 10_000;

function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (cache.size >= REMEMBERED) cache.clear();
  cache.set(key, value);
  return value;
}

function dayNumberOf(iso: string): number {
  return remember(dayNumbers, iso, () => dayNumber(dayOf(iso)));
}

function todayIn(timeZone: string, now: Date): number {
  return remember(todays, `${timeZone}|${now.getTime()}`, () => dayNumber(calendarDayIn(timeZone, now)));
}

function dayOf(iso: string) {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function relativeDays(ahead: number): string {
  if (ahead === 0) return 'today';
  if (ahead === 1) return 'tomorrow';
  if (ahead > 1) return `in ${ahead} days`;
  return `${count(-ahead, 'day')} overdue`;
}

function relativeSpan(msAhead: number): string {
  const size = Math.abs(msAhead);
  if (size < MINUTE_MS) return 'due now';
  const span =
    size < HOUR_MS
      ? count(Math.floor(size / MINUTE_MS), 'minute')
      : size < DAY_MS
        ? count(Math.floor(size / HOUR_MS), 'hour')
        : count(Math.floor(size / DAY_MS), 'day');
  return msAhead > 0 ? `in ${span}` : `${span} overdue`;
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
