import { TZDate } from '@date-fns/tz';
import type { InvalidDateReason } from '../errors/invalid-date-error.js';
import { InvalidDateError } from '../errors/invalid-date-error.js';
import type { Deadline } from '../model/deadline.js';
import type { CalendarDay } from './calendar-day.js';
import { dayNumber, daysInMonth, formatDay, isoDay, MONTH_NAMES } from './calendar-day.js';
import { zonePlace } from './time-display.js';

export const HOW_TO_WRITE_A_DATE = 'Write a date like 2026-12-15, "15 Dec" or "next friday".';

/** One deadline being read: the text, and the lead agency's zone with its "now" and "today". */
export interface Reading {
  input: string;
  /** Lower case, single-spaced, without a leading "by"/"on" or trailing punctuation. */
  text: string;
  timeZone: string;
  now: Date;
  today: CalendarDay;
}

/** A year in which every day-and-month exists, for checking a day given without a year. */
export const LEAP_YEAR = 2000;

export function fail(
  reading: Reading,
  reason: InvalidDateReason,
  why: string,
  how = HOW_TO_WRITE_A_DATE,
): InvalidDateError {
  return new InvalidDateError(reading.input, reason, `${why} ${how}`);
}

export function dateDeadline(day: CalendarDay): Deadline {
  return { kind: 'date', date: isoDay(day) };
}

/** A day with no year: its next occurrence from today in the lead zone (today included). */
export function dayOfYearOrNext(
  reading: Reading,
  day: number,
  month: number,
  year: number | undefined,
): CalendarDay {
  if (year !== undefined) return checkedDay(reading, year, month, day);
  checkedDay(reading, LEAP_YEAR, month, day, undefined);
  for (let candidate = reading.today.year; ; candidate += 1) {
    if (day > daysInMonth(candidate, month)) continue;
    const found = { year: candidate, month, day };
    if (dayNumber(found) >= dayNumber(reading.today)) return found;
  }
}

export function checkedDay(
  reading: Reading,
  year: number,
  month: number,
  day: number,
  statedYear: number | undefined = year,
): CalendarDay {
  if (month < 1 || month > 12) {
    throw fail(reading, 'impossible', `"${reading.input}" is not a date: there is no month ${month}.`);
  }
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    const monthName = MONTH_NAMES[month - 1]!;
    const which = month === 2 && statedYear !== undefined ? `${monthName} ${statedYear}` : monthName;
    throw fail(reading, 'impossible', `"${reading.input}" is not a date: ${which} has ${length} days.`);
  }
  return { year, month, day };
}

/** The instant a clock on the wall in the reading's zone shows that time; a time skipped by DST has none. */
export function wallTime(
  reading: Reading,
  day: CalendarDay,
  hour: number,
  minute: number,
  second = 0,
  millisecond = 0,
): string {
  const local = new TZDate(
    day.year,
    day.month - 1,
    day.day,
    hour,
    minute,
    second,
    millisecond,
    reading.timeZone,
  );
  if (local.getDate() !== day.day || local.getHours() !== hour || local.getMinutes() !== minute) {
    throw fail(
      reading,
      'impossible',
      `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} on ${formatDay(day)} does not exist in ${zonePlace(reading.timeZone)}: the clocks skip it.`,
      'Give a time an hour later, or a time with an offset such as 2026-12-15T17:00+08:00.',
    );
  }
  return new Date(local.getTime()).toISOString();
}

/** The instant of a wall time stated with its own UTC offset (minutes east of UTC). */
export function offsetTime(day: CalendarDay, hour: number, minute: number, offsetMinutes: number): string {
  const at = Date.UTC(day.year, day.month - 1, day.day, hour, minute) - offsetMinutes * 60_000;
  return new Date(at).toISOString();
}
