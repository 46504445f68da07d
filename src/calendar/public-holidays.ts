import Holidays from 'date-holidays';
import { addDaysTo, type CalendarDay, isoDay } from '../dates/calendar-day.js';
import { type Region, regionKey } from './region.js';

const DAY_MS = 86_400_000;
/** Days that offices close: public holidays, and bank holidays where a country has them apart. */
const CLOSED_TYPES = new Set(['public', 'bank']);

/** Region and year → ISO day → holiday name; date-holidays computes a year in milliseconds, so once. */
const cache = new Map<string, Map<string, string>>();

/** The name of the public holiday on that day in the region (its state's own included), if any. */
export function publicHoliday(region: Region | undefined, day: CalendarDay): string | undefined {
  if (!region) return undefined;
  return holidaysOf(region, day.year).get(isoDay(day));
}

/** Every public holiday of the region from `from` to `to` (both included), earliest first. */
export function publicHolidaysBetween(
  region: Region | undefined,
  from: CalendarDay,
  to: CalendarDay,
): { date: string; name: string }[] {
  if (!region) return [];
  const [first, last] = [isoDay(from), isoDay(to)];
  const found: { date: string; name: string }[] = [];
  for (let year = from.year; year <= to.year; year += 1) {
    for (const [date, name] of holidaysOf(region, year)) {
      if (date >= first && date <= last) found.push({ date, name });
    }
  }
  return found.sort((a, b) => a.date.localeCompare(b.date));
}

function holidaysOf(region: Region, year: number): Map<string, string> {
  const key = `${regionKey(region)}|${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const calendar = region.subdivision
    ? new Holidays(region.country, region.subdivision)
    : new Holidays(region.country);
  const days = new Map<string, string>();
  for (const holiday of calendar.getHolidays(year, 'en')) {
    if (!CLOSED_TYPES.has(holiday.type)) continue;
    // `date` is the local day it is named for, even for the Islamic holidays that start at the
    // previous sunset; a holiday lasting several days covers the following days too.
    const [y, m, d] = holiday.date.slice(0, 10).split('-').map(Number) as [number, number, number];
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    for (let i = 0; i < length; i += 1) {
      const iso = isoDay(addDaysTo({ year: y, month: m, day: d }, i));
      if (!days.has(iso)) days.set(iso, holiday.name);
    }
  }
  cache.set(key, new Map([...days.entries()].sort(([a], [b]) => a.localeCompare(b))));
  return days;
}
