import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** A day on the calendar, with no time zone of its own; `month` runs 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Midnight UTC of a day; unlike `Date.UTC`, it keeps years 0-99 as typed instead of adding 1900. */
function utcMidnight(year: number, monthIndex: number, day: number): Date {
  const date = new Date(Date.UTC(year, monthIndex, day));
  if (year >= 0 && year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date;
}

export function daysInMonth(year: number, month: number): number {
  return utcMidnight(year, month, 0).getUTCDate();
}

/** Days since 1970-01-01, so that two days can be compared and subtracted without any zone. */
export function dayNumber(day: CalendarDay): number {
  return utcMidnight(day.year, day.month - 1, day.day).getTime() / DAY_MS;
}

function fromDayNumber(n: number): CalendarDay {
  const date = new Date(n * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDaysTo(day: CalendarDay, days: number): CalendarDay {
  return fromDayNumber(dayNumber(day) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: CalendarDay): number {
  return utcMidnight(day.year, day.month - 1, day.day).getUTCDay();
}

/** The day it is at `instant` in `timeZone`. */
export function calendarDayIn(timeZone: string, instant: Date): CalendarDay {
  const local = new TZDate(instant.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** `2026-12-15` */
export function isoDay(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** `Tue 15 Dec 2026` */
export function formatDay(day: CalendarDay): string {
  return format(new TZDate(utcMidnight(day.year, day.month - 1, day.day).getTime(), 'UTC'), 'EEE d MMM yyyy');
}
