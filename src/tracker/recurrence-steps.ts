import { WorkingCalendar } from '../calendar/working-days.js';
import { calendarDayIn, formatDay } from '../dates/calendar-day.js';
import type { Agency } from '../model/agency.js';
import { type Commitment, leadAgency } from '../model/commitment.js';
import type { Deadline } from '../model/deadline.js';
import { scopesOfAgency } from '../model/holiday.js';
import type { Recurrence, RecurrenceRule } from '../model/recurrence.js';
import { deadlineOn, followingOccurrence, type OccurrenceDay, startSeries } from '../recurrence/series.js';
import type { Session } from './session.js';

/** The key under which closing an occurrence creates its successor: one successor, however often it is closed. */
export function nextOccurrenceKey(id: string): string {
  return `next-occurrence-of:${id}`;
}

/** The lead agency's working days: its weekend, its country's holidays and the operators' days. */
export async function leadCalendar(s: Session, lead: Agency): Promise<WorkingCalendar> {
  return new WorkingCalendar(lead.country, await s.deps.holidays.daysOf(scopesOfAgency(lead)));
}

/**
 * A series starting now: its first deadline is the one given, or else the rule's first day still ahead,
 * moved off a non-working day of the lead agency.
 */
export async function startRecurrence(
  s: Session,
  rule: RecurrenceRule,
  lead: Agency,
  given: Deadline | undefined,
): Promise<{ recurrence: Recurrence; deadline: Deadline; first?: OccurrenceDay }> {
  const calendar = await leadCalendar(s, lead);
  const today = calendarDayIn(lead.timeZone, s.now);
  const series = startSeries(
    rule,
    given && { deadline: given, leadTimeZone: lead.timeZone },
    today,
    calendar,
  );
  const deadline = given ?? deadlineOn(series.first!.due, undefined, lead.timeZone);
  return series.first ? { ...series, deadline, first: series.first } : { ...series, deadline };
}

/**
 * The occurrence after `current`, created once: the same title, owners, person, area, source and
 * visibility, its deadline by the rule in the lead agency's zone and working days, linked back to
 * `current`. The store's
 * create is keyed by `current`'s id, so a second close (after a reopen, a retry or a conflict) finds
 * the occurrence the first one created instead of making another.
 */
export async function openNextOccurrence(
  s: Session,
  current: Commitment & { recurrence: Recurrence },
): Promise<{ commitment: Commitment; day: OccurrenceDay }> {
  const lead = s.agency(leadAgency(current));
  const following = followingOccurrence(current.recurrence, await leadCalendar(s, lead));
  const deadline = deadlineOn(following.day.due, current.deadline, lead.timeZone);
  const at = s.now.toISOString();
  const commitment = await s.deps.commitments.create(
    {
      title: current.title,
      owners: current.owners,
      person: current.person,
      deadline,
      area: current.area,
      source: current.source,
      status: 'open',
      notes: [],
      recurrence: following.recurrence,
      previousOccurrence: current.id,
      visibility: current.visibility,
      createdBy: s.by,
      createdAt: at,
      updatedBy: s.by,
      updatedAt: at,
    },
    {
      at,
      by: s.by,
      type: 'created',
      changes: {
        title: { after: current.title },
        owners: { after: current.owners },
        deadline: { after: deadline },
        previousOccurrence: { after: current.id },
        ...(current.visibility === 'restricted' ? { visibility: { after: current.visibility } } : {}),
      },
    },
    nextOccurrenceKey(current.id),
  );
  return { commitment, day: following.day };
}

/**
 * `(the rule gives Fri 13 Mar 2026, a weekend for MITI-KEDAH: due the working day before)`, when the
 * deadline was moved off the day the rule gave; empty otherwise.
 */
export function movedWords(day: OccurrenceDay | undefined, lead: string): string {
  if (!day?.movedBecause) return '';
  const why = day.movedBecause === 'weekend' ? 'a weekend' : day.movedBecause;
  return ` (the rule gives ${formatDay(day.scheduled)}, ${why} for ${lead}: due the working day before)`;
}
