import type { Holiday, HolidayScope } from '../model/holiday.js';
import { scopeCovers } from '../model/holiday.js';
import type { Planner } from '../ports/planner.js';
import type { AgencyStore } from '../store/commitment-store.js';
import type { HolidayStore, HolidayWrite } from '../store/holiday-store.js';

export interface HolidayListDeps {
  agencies: AgencyStore;
  holidays: HolidayStore;
  planner: Planner;
}

export interface HolidayListImport extends HolidayWrite {
  /** The years the list covers, earliest first. */
  years: number[];
  /** The agencies whose reminders were replanned, by code. */
  agencies: string[];
}

/**
 * Loads a published list of non-working days for a country, state or agency (as read from an iCalendar
 * file), then replans the reminders of every agency it applies to. With `replace`, the scope's days in
 * the years the list covers are dropped first, so that a corrected list leaves nothing stale behind.
 */
export async function importHolidayList(
  days: readonly Holiday[],
  scope: HolidayScope,
  deps: HolidayListDeps,
  options: { replace: boolean },
): Promise<HolidayListImport> {
  const years = [...new Set(days.map((day) => Number(day.date.slice(0, 4))))].sort((a, b) => a - b);
  const written = options.replace
    ? await deps.holidays.replaceYears(scope, years, days)
    : await deps.holidays.put(scope, days);
  const affected = (await deps.agencies.list()).filter((agency) => scopeCovers(scope, agency));
  await deps.planner.holidaysChanged(affected);
  return { ...written, years, agencies: affected.map((agency) => agency.code) };
}
