import { TZDate } from '@date-fns/tz';
import type { CalendarDay } from '../dates/calendar-day.js';

/** Moments worked out: planning thousands of reminders asks for the same 09:00s again and again. */
const instants = new Map<string, number>();
const REMEMBERED = 50_000;

/** The instant a wall clock in `timeZone` shows `hour:minute` on that day (epoch milliseconds). */
export function wallClockInstant(day: CalendarDay, hour: number, minute: number, timeZone: string): number {
  const key = `${day.year}-${day.month}-${day.day}T${hour}:${minute}|${timeZone}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const instant = new TZDate(day.year, day.month - 1, day.day, hour, minute, 0, timeZone).getTime();
  if (instants.size >= REMEMBERED) instants.clear();
  instants.set(key, instant);
  return instant;
}
