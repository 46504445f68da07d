import { MONTH_NAMES } from '../dates/calendar-day.js';
import type { MonthDay, RecurrenceRule } from '../model/recurrence.js';

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/**
 * The rule as people write it and as `add … every <rule>` reads it back: `every year on 15 Mar`,
 * `every quarter`, `every month on the last working day`, `every 2 weeks on Friday`.
 */
export function ruleText(rule: RecurrenceRule): string {
  switch (rule.unit) {
    case 'day':
      return `every ${count(rule.interval, 'day')}`;
    case 'week': {
      const on = rule.weekday === undefined ? '' : ` on ${WEEKDAY_NAMES[rule.weekday]}`;
      return `every ${count(rule.interval, 'week')}${on}`;
    }
    case 'month': {
      const every = rule.interval === 3 ? 'quarter' : count(rule.interval, 'month');
      return `every ${every}${rule.day === undefined ? '' : ` on ${monthDayText(rule.day)}`}`;
    }
    case 'year': {
      const on =
        rule.month === undefined ? '' : ` on ${rule.day ?? 1} ${MONTH_NAMES[rule.month - 1]!.slice(0, 3)}`;
      return `every ${count(rule.interval, 'year')}${on}`;
    }
  }
}

function count(interval: number, unit: string): string {
  return interval === 1 ? unit : `${interval} ${unit}s`;
}

function monthDayText(day: MonthDay): string {
  if (day === 'last') return 'the last day';
  if (day === 'first-working') return 'the first working day';
  if (day === 'last-working') return 'the last working day';
  return `the ${ordinal(day)}`;
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
