import { TZDate } from '@date-fns/tz';
import { addWeeks, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';

export interface DigestWeek {
  /** `2026-W48`: the ISO week in the agency's zone, the unit a digest is posted once per. */
  key: string;
  start: number;
  end: number;
  lastWeekStart: number;
}

/** The ISO week (Monday to Monday) that `now` falls in, read in the given zone. */
export function digestWeek(now: Date, timeZone: string): DigestWeek {
  const local = new TZDate(now.getTime(), timeZone);
  const start = startOfISOWeek(local);
  const week = String(getISOWeek(local)).padStart(2, '0');
  return {
    key: `${getISOWeekYear(local)}-W${week}`,
    start: start.getTime(),
    end: addWeeks(start, 1).getTime(),
    lastWeekStart: addWeeks(start, -1).getTime(),
  };
}
