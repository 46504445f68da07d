import { calendarDayIn, dayNumber } from '../dates/calendar-day.js';
import type { Commitment, ProgressNote } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';

const DAY_MS = 86_400_000;

/**
 * Whole days since the deadline passed: for a day, counted on the lead agency's calendar (due Monday,
 * read on Wednesday, is 2 days overdue); for an exact time, full 24-hour spans since it.
 */
export function daysOverdue(commitment: Commitment, now: Date, leadTimeZone: string): number {
  const deadline = commitment.deadline;
  if (!deadline) return 0;
  if (deadline.kind === 'instant')
    return Math.max(0, Math.floor((now.getTime() - Date.parse(deadline.at)) / DAY_MS));
  const [year, month, day] = deadline.date.split('-').map(Number) as [number, number, number];
  const late = dayNumber(calendarDayIn(leadTimeZone, now)) - dayNumber({ year, month, day });
  return dueInstant(deadline, leadTimeZone) < now.getTime() ? Math.max(0, late) : 0;
}

/** `3 days overdue`, or `overdue since today` for a deadline that passed less than a day ago. */
export function overdueWords(days: number): string {
  if (days === 0) return 'overdue since today';
  return `${days} day${days === 1 ? '' : 's'} overdue`;
}

/** The newest progress note, which says where things stand. */
export function latestNote(commitment: Commitment): ProgressNote | undefined {
  return commitment.notes.reduce<ProgressNote | undefined>(
    (latest, note) => (!latest || Date.parse(note.at) >= Date.parse(latest.at) ? note : latest),
    undefined,
  );
}
