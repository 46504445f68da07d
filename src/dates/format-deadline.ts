import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Deadline } from '../model/deadline.js';
import { calendarDayIn, dayNumber, formatDay } from './calendar-day.js';

export interface FormatDeadlineOptions {
  /** Where a date-only deadline is read: it is met until the end of that day there. */
  leadTimeZone: string;
  /** Where the person reading lives: a deadline with a time of day is shown on their clock. */
  readerTimeZone: string;
  now: Date;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * `Tue 15 Dec 2026 (in 5 days)` for a day; `Tue 15 Dec 2026 17:00 GMT+8 (in 2 days)` for an instant,
 * in the reader's zone. A day counts as overdue only once it has ended in the lead agency's zone.
 */
export function formatDeadline(deadline: Deadline, options: FormatDeadlineOptions): string {
  if (deadline.kind === 'date') {
    const [year, month, day] = deadline.date.split('-').map(Number) as [number, number, number];
    const daysAhead =
      dayNumber({ year, month, day }) - dayNumber(calendarDayIn(options.leadTimeZone, options.now));
    return `${formatDay({ year, month, day })} (${relativeDays(daysAhead)})`;
  }
  const at = Date.parse(deadline.at);
  const shown = format(new TZDate(at, options.readerTimeZone), 'EEE d MMM yyyy HH:mm zzz');
  return `${shown} (${relativeSpan(at - options.now.getTime())})`;
}

function relativeDays(daysAhead: number): string {
  if (daysAhead === 0) return 'today';
  if (daysAhead === 1) return 'tomorrow';
  if (daysAhead > 1) return `in ${daysAhead} days`;
  return `${count(-daysAhead, 'day')} overdue`;
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
