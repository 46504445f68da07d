import { type CalendarDay, isoDay, weekdayOf } from '../dates/calendar-day.js';
import { type Region, regionKey } from './region.js';

/** Weekdays as `weekdayOf` numbers them: 0 = Sunday … 6 = Saturday. */
const SAT_SUN: readonly number[] = [6, 0];
const FRI_SAT: readonly number[] = [5, 6];

/** A weekend in force from `from` (ISO day) until the next rule of the same place; no `from`: always. */
interface WeekendRule {
  from?: string;
  days: readonly number[];
}

/**
 * date-holidays knows holidays but not weekends, so the places whose weekend is not Saturday–Sunday are
 * listed here, with the dates they changed, so that a reminder planned for a past or future year is
 * read with the weekend of that day.
 */
const COUNTRY_WEEKENDS: Readonly<Record<string, readonly WeekendRule[]>> = {
  AE: [{ days: FRI_SAT }, { from: '2022-01-01', days: SAT_SUN }],
  BD: [{ days: FRI_SAT }],
  BH: [{ days: FRI_SAT }],
  DZ: [{ days: FRI_SAT }],
  EG: [{ days: FRI_SAT }],
  IL: [{ days: FRI_SAT }],
  IQ: [{ days: FRI_SAT }],
  JO: [{ days: FRI_SAT }],
  KW: [{ days: FRI_SAT }],
  OM: [{ days: FRI_SAT }],
  QA: [{ days: FRI_SAT }],
  SA: [{ days: FRI_SAT }],
};

/** Malaysian states set their own weekend; these are the ones that rest on Friday, now or lately. */
const SUBDIVISION_WEEKENDS: Readonly<Record<string, readonly WeekendRule[]>> = {
  // Johor rested Friday–Saturday from 2014 and went back to Saturday–Sunday on 1 January 2025.
  'MY-01': [{ days: SAT_SUN }, { from: '2014-01-01', days: FRI_SAT }, { from: '2025-01-01', days: SAT_SUN }],
  // Kedah (since 2014) and Kelantan rest Friday–Saturday.
  'MY-02': [{ days: FRI_SAT }],
  'MY-03': [{ days: FRI_SAT }],
  // Terengganu: Saturday–Sunday from 2014, back to Friday–Saturday from 2020.
  'MY-11': [{ days: FRI_SAT }, { from: '2014-01-01', days: SAT_SUN }, { from: '2020-01-01', days: FRI_SAT }],
};

/** The weekdays that are the weekend in the region on that day; Saturday–Sunday when nothing else is known. */
export function weekendDays(region: Region | undefined, day: CalendarDay): readonly number[] {
  if (!region) return SAT_SUN;
  const rules = SUBDIVISION_WEEKENDS[regionKey(region)] ?? COUNTRY_WEEKENDS[region.country];
  if (!rules) return SAT_SUN;
  const iso = isoDay(day);
  let days = SAT_SUN;
  for (const rule of rules) {
    if (!rule.from || rule.from <= iso) days = rule.days;
  }
  return days;
}

export function isWeekend(region: Region | undefined, day: CalendarDay): boolean {
  return weekendDays(region, day).includes(weekdayOf(day));
}
