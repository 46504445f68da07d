/**
 * Which day of its month an occurrence falls on: a day number (clamped to the month's length, so the
 * 31st is 30 June in June), the month's last day, or its first or last working day in the lead agency's
 * calendar.
 */
export type MonthDay = number | 'last' | 'first-working' | 'last-working';

/** How often a commitment recurs, as `every <rule>` says it. */
export type RecurrenceRule =
  | { unit: 'day'; interval: number }
  /** `weekday` 0 = Sunday … 6 = Saturday; unset: the weekday of the series' first day. */
  | { unit: 'week'; interval: number; weekday?: number }
  /** A quarter is 3 months; unset `day`: the day of the month of the series' first day. */
  | { unit: 'month'; interval: number; day?: MonthDay }
  /** Unset `month`/`day`: those of the series' first day. */
  | { unit: 'year'; interval: number; month?: number; day?: number };

/**
 * A recurring commitment's rule and where this occurrence sits in its series. Deadlines follow the rule
 * from `anchor`, never from when an occurrence was closed, so a quarterly report closed late does not
 * shift the quarters; `scheduled` is the day the rule gave this occurrence, before a non-working day
 * moved its deadline to the working day before.
 */
export interface Recurrence {
  rule: RecurrenceRule;
  /** ISO day the series counts from: its first occurrence's scheduled day. */
  anchor: string;
  /** ISO day the rule gave this occurrence. */
  scheduled: string;
}

/** The most a rule may count in one step: `every 99 weeks`; anything longer is written in years. */
export const MAX_RECURRENCE_INTERVAL = 99;
