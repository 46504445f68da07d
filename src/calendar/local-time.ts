import { TZDate } from '@date-fns/tz';
import type { CalendarDay } from '../dates/calendar-day.js';

/** The instant a wall clock in `timeZone` shows `hour:minute` on that day (epoch milliseconds). */
export function wallClockInstant(day: CalendarDay, hour: number, minute: number, timeZone: string): number {
  return new TZDate(day.year, day.month - 1, day.day, hour, minute, 0, timeZone).getTime();
}
