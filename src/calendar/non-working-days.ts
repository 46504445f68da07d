import { addDaysTo, type CalendarDay, isoDay } from '../dates/calendar-day.js';
import type { Agency } from '../model/agency.js';
import { holidayScopeText } from '../model/holiday.js';
import type { HolidayDays } from '../store/holiday-store.js';
import { publicHolidaysBetween } from './public-holidays.js';
import { parseRegion, regionKey } from './region.js';

export interface NonWorkingDay {
  date: string;
  name: string;
  /** Where it comes from, in words. */
  source: string;
}

/**
 * The agency's holidays from `from` for `days` days, weekends aside, each with where it comes from: a
 * day its operators gave (its own, its state's, its country's) first, then `date-holidays`.
 */
export function upcomingHolidays(
  agency: Pick<Agency, 'code' | 'country'>,
  operatorDays: HolidayDays,
  from: CalendarDay,
  days: number,
): NonWorkingDay[] {
  const to = addDaysTo(from, days - 1);
  const [first, last] = [isoDay(from), isoDay(to)];
  const found = new Map<string, NonWorkingDay>();
  for (const holiday of operatorDays.values()) {
    if (holiday.date < first || holiday.date > last) continue;
    const whose =
      holiday.scope.kind === 'agency'
        ? `${agency.code}'s own day`
        : `the ${holidayScopeText(holiday.scope)} list`;
    found.set(holiday.date, {
      date: holiday.date,
      name: holiday.name,
      source: `${whose}, ${holiday.source}`,
    });
  }
  const region = parseRegion(agency.country);
  for (const holiday of publicHolidaysBetween(region, from, to)) {
    if (found.has(holiday.date)) continue;
    const source = `public holiday of ${regionKey(region!)} (date-holidays)`;
    found.set(holiday.date, { ...holiday, source });
  }
  return [...found.values()].sort((a, b) => a.date.localeCompare(b.date));
}
