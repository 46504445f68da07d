import type { Holiday, HolidayScope } from '../model/holiday.js';

/** A holiday with the scope it was given for. */
export interface ScopedHoliday extends Holiday {
  scope: HolidayScope;
}

/** ISO day -> the operator's holiday on that day. */
export type HolidayDays = ReadonlyMap<string, ScopedHoliday>;

export interface HolidayWrite {
  added: number;
  /** Days already there under another name or source, now as given. */
  updated: number;
  /** Days of the replaced years that the new list no longer has. */
  removed: number;
}

/** The operators' non-working days, per country, state or agency (src/model/holiday.ts). */
export interface HolidayStore {
  /** Adds the days (a day already there takes the new name and source). */
  put(scope: HolidayScope, holidays: readonly Holiday[]): Promise<HolidayWrite>;
  /** As `put`, after removing the scope's days in `years`: a year's list loaded again, corrected. */
  replaceYears(
    scope: HolidayScope,
    years: readonly number[],
    holidays: readonly Holiday[],
  ): Promise<HolidayWrite>;
  /** False when the scope had no such day. */
  remove(scope: HolidayScope, date: string): Promise<boolean>;
  /** Every day of the scope, earliest first. */
  list(scope: HolidayScope): Promise<Holiday[]>;
  /** The scopes that have days. */
  scopes(): Promise<HolidayScope[]>;
  /** The days of these scopes together; where two give the same day, the later scope's wins. */
  daysOf(scopes: readonly HolidayScope[]): Promise<HolidayDays>;
  /** Forgets every day of the scope (an agency removed). */
  clear(scope: HolidayScope): Promise<void>;
}
