import { addDaysTo, type CalendarDay, isoDay } from '../dates/calendar-day.js';
import { publicHoliday } from './public-holidays.js';
import { parseRegion, type Region } from './region.js';
import { isWeekend } from './weekend-days.js';

/** No place has a run of closed days this long; past it the region's data is broken, not the day. */
const MAX_CLOSED_RUN = 60;

/** ISO day -> a non-working day an operator gave (src/store/holiday-store.ts), by its name. */
export type OperatorHolidays = ReadonlyMap<string, { name: string }>;

const NONE: OperatorHolidays = new Map();

/**
 * An agency's working days: not its weekend (which some Malaysian states keep on Friday–Saturday), not
 * a public holiday of its country or state as `date-holidays` knows them, and not one of the days its
 * operators gave for its country, state or itself (`holidays`). An agency with no country has
 * Saturday–Sunday weekends and only the operators' days.
 */
export class WorkingCalendar {
  readonly region: Region | undefined;

  constructor(
    country: string | undefined,
    private readonly holidays: OperatorHolidays = NONE,
  ) {
    this.region = parseRegion(country);
  }

  /** Why the day is not a working day (`weekend` or the holiday's name), or undefined when it is one. */
  closedBecause(day: CalendarDay): string | undefined {
    return (
      this.holidays.get(isoDay(day))?.name ??
      publicHoliday(this.region, day) ??
      (isWeekend(this.region, day) ? 'weekend' : undefined)
    );
  }

  isWorkingDay(day: CalendarDay): boolean {
    return this.closedBecause(day) === undefined;
  }

  /** The day itself when it is a working day, otherwise the closest working day before it. */
  onOrBefore(day: CalendarDay): CalendarDay {
    return this.walk(day, -1);
  }

  /** The day itself when it is a working day, otherwise the closest working day after it. */
  onOrAfter(day: CalendarDay): CalendarDay {
    return this.walk(day, 1);
  }

  private walk(day: CalendarDay, step: 1 | -1): CalendarDay {
    let candidate = day;
    for (let i = 0; i < MAX_CLOSED_RUN; i += 1) {
      if (this.isWorkingDay(candidate)) return candidate;
      candidate = addDaysTo(candidate, step);
    }
    throw new Error(
      `No working day within ${MAX_CLOSED_RUN} days of ${JSON.stringify(day)} in ${JSON.stringify(this.region)}`,
    );
  }
}
