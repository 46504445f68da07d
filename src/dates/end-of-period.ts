import type { CalendarDay } from './calendar-day.js';
import { addDaysTo, dayNumber, daysInMonth, weekdayOf } from './calendar-day.js';
import { MONTH_PATTERN, monthFromName } from './month-names.js';

const FRIDAY = 5;

const END_OF = new RegExp(
  `^(?:the\\s+)?end\\s+of\\s+(?:the\\s+)?(?:(this|next)\\s+)?(week|month|year|${MONTH_PATTERN})(?:\\s+(\\d{4}))?$`,
);

const SHORTHAND = new Map([
  ['eow', 'end of week'],
  ['eom', 'end of month'],
  ['eoy', 'end of year'],
]);

/**
 * Reads "end of month", "end of next week", "end of january [2027]" and the shorthands eow, eom and eoy
 * as the last day of that period, never a day before `today`. chrono-node does not read these reliably.
 * A week ends on Friday, the last working day in most agencies; from Saturday on, "end of week" is the
 * next Friday. Returns undefined when `text` (lower case, single-spaced) is not such a phrase.
 */
export function endOfPeriod(text: string, today: CalendarDay): CalendarDay | undefined {
  const match = END_OF.exec(SHORTHAND.get(text) ?? text);
  if (!match) return undefined;
  const [, which, period, yearText] = match as unknown as [
    string,
    string | undefined,
    string,
    string | undefined,
  ];
  const next = which === 'next';
  if (period === 'week') {
    if (yearText) return undefined;
    const daysToFriday = (FRIDAY - weekdayOf(today) + 7) % 7;
    const thisFriday = addDaysTo(today, daysToFriday);
    return next ? addDaysTo(thisFriday, 7) : thisFriday;
  }
  if (period === 'month') {
    if (yearText) return undefined;
    const month = next ? (today.month % 12) + 1 : today.month;
    const year = next && today.month === 12 ? today.year + 1 : today.year;
    return lastDayOf(year, month);
  }
  if (period === 'year') {
    if (yearText) return undefined;
    return { year: today.year + (next ? 1 : 0), month: 12, day: 31 };
  }
  if (which) return undefined;
  const month = monthFromName(period)!;
  if (yearText) return lastDayOf(Number(yearText), month);
  const thisYear = lastDayOf(today.year, month);
  return dayNumber(thisYear) >= dayNumber(today) ? thisYear : lastDayOf(today.year + 1, month);
}

function lastDayOf(year: number, month: number): CalendarDay {
  return { year, month, day: daysInMonth(year, month) };
}
