import { TZDate } from '@date-fns/tz';
import { wallClockInstant } from '../calendar/local-time.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { type CalendarDay, calendarDayIn, isoDay } from '../dates/calendar-day.js';
import type { Deadline } from '../model/deadline.js';
import type { Recurrence, RecurrenceRule } from '../model/recurrence.js';
import { firstScheduled, nextScheduled } from './occurrences.js';

/** An occurrence's day as the rule gave it, and its deadline: moved to the working day before when needed. */
export interface OccurrenceDay {
  scheduled: CalendarDay;
  due: CalendarDay;
  /** Why the scheduled day is not worked (`weekend`, a holiday's name), when the deadline moved off it. */
  movedBecause?: string;
}

/** The deadline of a day the rule gave: the lead agency's working day on or before it, as reminders are. */
export function dueOn(scheduled: CalendarDay, calendar: WorkingCalendar): OccurrenceDay {
  const movedBecause = calendar.closedBecause(scheduled);
  const due = movedBecause ? calendar.onOrBefore(scheduled) : scheduled;
  return movedBecause ? { scheduled, due, movedBecause } : { scheduled, due };
}

/**
 * A new series. With a first deadline given, that is its first occurrence, kept as given, and the rule
 * counts from its day; without one, the rule gives the first occurrence (`firstScheduled`), moved off a
 * non-working day.
 */
export function startSeries(
  rule: RecurrenceRule,
  given: { deadline: Deadline; leadTimeZone: string } | undefined,
  today: CalendarDay,
  calendar: WorkingCalendar,
): { recurrence: Recurrence; first?: OccurrenceDay } {
  if (given) {
    const day = isoDay(deadlineDay(given.deadline, given.leadTimeZone));
    return { recurrence: { rule, anchor: day, scheduled: day } };
  }
  const first = dueOn(firstScheduled(rule, today, calendar), calendar);
  const day = isoDay(first.scheduled);
  return { recurrence: { rule, anchor: day, scheduled: day }, first };
}

/** The occurrence after this one: the rule's next day after this one's scheduled day, counted from the anchor. */
export function followingOccurrence(
  recurrence: Recurrence,
  calendar: WorkingCalendar,
): { recurrence: Recurrence; day: OccurrenceDay } {
  const scheduled = nextScheduled(
    recurrence.rule,
    parseDay(recurrence.anchor),
    parseDay(recurrence.scheduled),
    calendar,
  );
  return { recurrence: { ...recurrence, scheduled: isoDay(scheduled) }, day: dueOn(scheduled, calendar) };
}

/** The occurrence's deadline: a day, or the same time of day in the lead agency's zone as the one before. */
export function deadlineOn(day: CalendarDay, like: Deadline | undefined, leadTimeZone: string): Deadline {
  if (like?.kind !== 'instant') return { kind: 'date', date: isoDay(day) };
  const local = new TZDate(Date.parse(like.at), leadTimeZone);
  const at = wallClockInstant(day, local.getHours(), local.getMinutes(), leadTimeZone);
  return { kind: 'instant', at: new Date(at).toISOString() };
}

/** The day a deadline falls on where the lead agency is. */
export function deadlineDay(deadline: Deadline, leadTimeZone: string): CalendarDay {
  return deadline.kind === 'date'
    ? parseDay(deadline.date)
    : calendarDayIn(leadTimeZone, new Date(deadline.at));
}

export function parseDay(iso: string): CalendarDay {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
