import type { WorkingCalendar } from '../calendar/working-days.js';
import { addDaysTo, type CalendarDay, dayNumber, daysInMonth, weekdayOf } from '../dates/calendar-day.js';
import type { MonthDay, RecurrenceRule } from '../model/recurrence.js';

/** No series is read this many steps ahead: 99-year rules and daily ones both stay far below it. */
const MAX_STEPS = 40_000;

/**
 * The series' `k`-th day (k = 0, 1, …) counted from `anchor`: `interval` days, weeks, months or years
 * on from it, on the rule's weekday or day of the month or year when it names one, else on the anchor's.
 * A month without that day gives its last (every month from 31 Jan: 28 Feb, 31 Mar, 30 Apr), which is
 * why this is not RFC 5545's RRULE: there BYMONTHDAY=31 skips the months without a 31st. Working days
 * are the lead agency's `calendar`.
 */
export function occurrence(
  rule: RecurrenceRule,
  anchor: CalendarDay,
  k: number,
  calendar: WorkingCalendar,
): CalendarDay {
  switch (rule.unit) {
    case 'day':
      return addDaysTo(anchor, k * rule.interval);
    case 'week': {
      const shift = rule.weekday === undefined ? 0 : (rule.weekday - weekdayOf(anchor) + 7) % 7;
      return addDaysTo(anchor, shift + 7 * k * rule.interval);
    }
    case 'month': {
      const months = anchor.year * 12 + (anchor.month - 1) + k * rule.interval;
      const year = Math.floor(months / 12);
      const month = (months % 12) + 1;
      return dayOfMonth(year, month, rule.day ?? anchor.day, calendar);
    }
    case 'year': {
      const year = anchor.year + k * rule.interval;
      const month = rule.month ?? anchor.month;
      return { year, month, day: Math.min(rule.day ?? anchor.day, daysInMonth(year, month)) };
    }
  }
}

function dayOfMonth(year: number, month: number, day: MonthDay, calendar: WorkingCalendar): CalendarDay {
  const last = daysInMonth(year, month);
  if (day === 'last') return { year, month, day: last };
  if (day === 'first-working') return calendar.onOrAfter({ year, month, day: 1 });
  if (day === 'last-working') return calendar.onOrBefore({ year, month, day: last });
  return { year, month, day: Math.min(day, last) };
}

/** The first day of the series strictly after `after`. */
export function nextScheduled(
  rule: RecurrenceRule,
  anchor: CalendarDay,
  after: CalendarDay,
  calendar: WorkingCalendar,
): CalendarDay {
  return firstFrom(rule, anchor, calendar, (day) => dayNumber(day) > dayNumber(after));
}

/** The first day of the series whose deadline (moved off a non-working day) is `from` or later. */
export function firstDueFrom(
  rule: RecurrenceRule,
  anchor: CalendarDay,
  from: CalendarDay,
  calendar: WorkingCalendar,
): CalendarDay {
  return firstFrom(rule, anchor, calendar, (day) => dayNumber(calendar.onOrBefore(day)) >= dayNumber(from));
}

function firstFrom(
  rule: RecurrenceRule,
  anchor: CalendarDay,
  calendar: WorkingCalendar,
  wanted: (day: CalendarDay) => boolean,
): CalendarDay {
  for (let k = 0; k < MAX_STEPS; k += 1) {
    const day = occurrence(rule, anchor, k, calendar);
    if (wanted(day)) return day;
  }
  throw new Error(
    `no occurrence of ${JSON.stringify(rule)} within ${MAX_STEPS} steps of ${JSON.stringify(anchor)}`,
  );
}

/**
 * The first scheduled day of a series added with no deadline, which is then its anchor. A rule that names
 * its day starts on the first such day whose deadline is not past: a quarter that ends on its last (working)
 * day counts in March, June, September and December, any other quarterly day in January, April, July and
 * October. A rule that does not name its day counts from today, so its first deadline is one step ahead.
 */
export function firstScheduled(
  rule: RecurrenceRule,
  today: CalendarDay,
  calendar: WorkingCalendar,
): CalendarDay {
  const namesItsDay =
    (rule.unit === 'week' && rule.weekday !== undefined) ||
    (rule.unit === 'month' && rule.day !== undefined) ||
    (rule.unit === 'year' && rule.month !== undefined);
  if (!namesItsDay) return occurrence(rule, today, 1, calendar);
  return firstDueFrom(rule, startCounting(rule, today), today, calendar);
}

/** Where the search for the first day starts: this month's (or quarter's, or year's) first day, or today. */
function startCounting(rule: RecurrenceRule, today: CalendarDay): CalendarDay {
  if (rule.unit === 'month' && rule.interval === 3) {
    const endsQuarter = rule.day === 'last' || rule.day === 'last-working';
    // The quarter's month on or before this one, so that its day still ahead this month is found.
    const back = (today.month - 1 - (endsQuarter ? 2 : 0) + 12) % 3;
    const months = today.year * 12 + (today.month - 1) - back;
    return { year: Math.floor(months / 12), month: (months % 12) + 1, day: 1 };
  }
  if (rule.unit === 'year') return { year: today.year, month: 1, day: 1 };
  if (rule.unit === 'month') return { year: today.year, month: today.month, day: 1 };
  return today;
}
