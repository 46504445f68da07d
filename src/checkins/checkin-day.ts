import { TZDate } from '@date-fns/tz';
import { CronExpressionParser } from 'cron-parser';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { addDaysTo, type CalendarDay, calendarDayIn, dayNumber, isoDay } from '../dates/calendar-day.js';

/** How far ahead a check-in day is looked for: past any run of holidays that could move one back to today. */
const LOOK_AHEAD_DAYS = 21;

/**
 * The schedule the check-in routine runs on: every day at CHECKIN_CRON's time of day, so that it can
 * post on the working day before a check-in day that is not one (`checkinDueToday`), as reminders move.
 */
export function dailyAtTimeOf(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  const time = fields.slice(0, fields.length === 6 ? 3 : 2);
  return [...time, '*', '*', '*'].join(' ');
}

/**
 * Whether the agency checks in today, and for which week: a day CHECKIN_CRON names is its check-in day,
 * moved to the working day before when the agency does not work then. The week is that day's ISO week,
 * so a check-in moved back across a Monday still counts for the week it belongs to.
 */
export function checkinDueToday(
  cron: string,
  timeZone: string,
  calendar: WorkingCalendar,
  now: Date,
): { week: string; day: string } | undefined {
  const today = calendarDayIn(timeZone, now);
  for (let ahead = 0; ahead <= LOOK_AHEAD_DAYS; ahead += 1) {
    const day = addDaysTo(today, ahead);
    if (!cronMatchesDay(cron, day, timeZone)) continue;
    if (dayNumber(calendar.onOrBefore(day)) === dayNumber(today))
      return { week: isoWeekOf(day), day: isoDay(day) };
  }
  return undefined;
}

/** Whether the cron fires at some time of that day in that zone. */
function cronMatchesDay(cron: string, day: CalendarDay, timeZone: string): boolean {
  const start = new TZDate(day.year, day.month - 1, day.day, timeZone).getTime();
  const next = CronExpressionParser.parse(cron, { tz: timeZone, currentDate: new Date(start - 1) }).next();
  return dayNumber(calendarDayIn(timeZone, next.toDate())) === dayNumber(day);
}

/** `2026-W10`: the ISO week a day falls in. */
export function isoWeekOf(day: CalendarDay): string {
  const date = new TZDate(day.year, day.month - 1, day.day, 12, 'UTC');
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}
