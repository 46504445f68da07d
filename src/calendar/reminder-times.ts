import { addDaysTo, type CalendarDay, calendarDayIn } from '../dates/calendar-day.js';
import type { Duration } from '../dates/duration.js';
import type { Commitment } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import { isClosed } from '../model/status.js';
import { wallClockInstant } from './local-time.js';
import { type OperatorHolidays, WorkingCalendar } from './working-days.js';

/** A date-only deadline is reminded at this hour, in each recipient agency's own zone. */
export const REMINDER_HOUR = 9;
/** The offset label of the one reminder that a snooze moves to its end. */
export const SNOOZE_OFFSET = 'snooze';

const DAY_MS = 86_400_000;

/** An agency that receives a commitment's reminders: where it is and which days it works. */
export interface ReminderRecipient {
  code: string;
  timeZone: string;
  /** ISO country, or a state such as `MY-02`, for weekends and public holidays. */
  country?: string;
  /** The days its operators gave for its country, state or itself (src/store/holiday-store.ts). */
  holidays?: OperatorHolidays;
}

export interface ReminderPlanInput {
  commitment: Commitment;
  offsets: readonly Duration[];
  recipient: ReminderRecipient;
  /** The lead agency's zone, in which a date-only deadline is read. */
  leadTimeZone: string;
  now: Date;
}

export interface PlannedReminder {
  /** The offset as configured (`7d`), or `snooze` for the reminder a snooze moved. */
  offset: string;
  /** Epoch milliseconds. */
  at: number;
}

/**
 * When one recipient agency is reminded of a commitment, earliest first.
 *
 * - A deadline with a time of day: exactly each offset before it.
 * - A date-only deadline: at 09:00 in the recipient's zone, on the deadline's day less the offset's
 *   whole days (a `36h` offset counts as one day), moved back to the recipient's previous working day
 *   when that day is its weekend, a public holiday or one of the days its operators gave. Two offsets that land on the same moment (a
 *   Sunday deadline's `0d` and `1d` both on Friday) make one reminder, under the smaller offset.
 * - A moment already past is skipped; a closed or undated commitment has no reminders.
 * - Snooze holds back every reminder before `snoozedUntil`. When it held at least one back, one reminder
 *   is posted when the snooze ends instead ("snooze moves the next"): exactly then for a deadline with a
 *   time of day; for a date-only deadline then too if that is during a recipient's working day (09:00
 *   if the snooze ends earlier that morning), otherwise at 09:00 on its next working day. That moved
 *   reminder is dropped when it would come after the deadline, since the overdue roll-up speaks then.
 */
export function reminderTimes(input: ReminderPlanInput): PlannedReminder[] {
  const { commitment, recipient } = input;
  const deadline = commitment.deadline;
  if (!deadline || isClosed(commitment.status)) return [];
  const now = input.now.getTime();
  const due = dueInstant(deadline, input.leadTimeZone);
  const calendar = new WorkingCalendar(recipient.country, recipient.holidays);
  const ordered = [...input.offsets].sort((a, b) => a.ms - b.ms);
  const candidates: PlannedReminder[] = ordered.map((offset) => ({
    offset: offset.text,
    at:
      deadline.kind === 'instant'
        ? due - offset.ms
        : nineOClock(
            calendar.onOrBefore(addDaysTo(deadlineDay(deadline.date), -Math.floor(offset.ms / DAY_MS))),
            recipient,
          ),
  }));
  const upcoming = candidates.filter((reminder) => reminder.at >= now);
  const snoozedUntil = commitment.snoozedUntil ? Date.parse(commitment.snoozedUntil) : Number.NaN;
  const planned =
    snoozedUntil > now
      ? applySnooze(upcoming, snoozedUntil, due, deadline.kind, calendar, recipient)
      : upcoming;
  return unique(planned).sort((a, b) => a.at - b.at);
}

function applySnooze(
  upcoming: PlannedReminder[],
  snoozedUntil: number,
  due: number,
  kind: 'date' | 'instant',
  calendar: WorkingCalendar,
  recipient: ReminderRecipient,
): PlannedReminder[] {
  const kept = upcoming.filter((reminder) => reminder.at >= snoozedUntil);
  if (kept.length === upcoming.length) return upcoming;
  const resumeAt = kind === 'instant' ? snoozedUntil : resumeOnWorkingDay(snoozedUntil, calendar, recipient);
  return resumeAt <= due ? [...kept, { offset: SNOOZE_OFFSET, at: resumeAt }] : kept;
}

function resumeOnWorkingDay(
  snoozedUntil: number,
  calendar: WorkingCalendar,
  recipient: ReminderRecipient,
): number {
  const day = calendarDayIn(recipient.timeZone, new Date(snoozedUntil));
  if (calendar.isWorkingDay(day)) return Math.max(snoozedUntil, nineOClock(day, recipient));
  return nineOClock(calendar.onOrAfter(day), recipient);
}

function nineOClock(day: CalendarDay, recipient: ReminderRecipient): number {
  return wallClockInstant(day, REMINDER_HOUR, 0, recipient.timeZone);
}

function deadlineDay(date: string): CalendarDay {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** First one wins: the candidates come smallest offset first, and a snooze's after the offsets. */
function unique(reminders: PlannedReminder[]): PlannedReminder[] {
  const seenAt = new Set<number>();
  const seenOffset = new Set<string>();
  return reminders.filter((reminder) => {
    if (seenAt.has(reminder.at) || seenOffset.has(reminder.offset)) return false;
    seenAt.add(reminder.at);
    seenOffset.add(reminder.offset);
    return true;
  });
}
