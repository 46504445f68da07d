import ICAL from 'ical.js';
import { addDaysTo, type CalendarDay, dayNumber, isoDay } from '../dates/calendar-day.js';
import { ImportFileError } from '../errors/import-file-error.js';
import { HOLIDAY_NAME_LIMIT } from '../model/holiday.js';
import { CONTROL_CHARACTERS } from '../model/limits.js';

export interface IcsHoliday {
  /** ISO day. */
  date: string;
  name: string;
}

/** No holiday runs longer than this; a longer event is a mistake in the file, not a closure. */
const MAX_DAYS = 31;
/** Occurrences of a repeating event read at most; a yearly rule stops long before. */
const MAX_OCCURRENCES = 500;

/**
 * The days of an iCalendar (RFC 5545) file, as governments and calendar apps publish holiday lists:
 * one VEVENT per holiday, all-day (`DTSTART;VALUE=DATE`), its end day not included, its SUMMARY the
 * name. A timed event counts for the day it starts on, as written in the file. A repeating event
 * (RRULE) gives its occurrences up to `until`. Cancelled events are left out. Throws ImportFileError
 * when the file is not iCalendar or has no usable event.
 */
export function readIcsHolidays(text: string, until: CalendarDay): IcsHoliday[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw problem(`not an iCalendar file: ${(error as Error).message}`);
  }
  const calendars = root.name === 'vcalendar' ? [root] : root.getAllSubcomponents('vcalendar');
  const events = calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  if (events.length === 0) throw problem('has no events: a holiday list has one VEVENT per holiday');
  const days = new Map<string, string>();
  for (const component of events) {
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const event = new ICAL.Event(component);
    const name = cleanName(event.summary);
    const first = event.startDate;
    if (!first) throw problem(`the event "${name ?? '(no name)'}" has no DTSTART`);
    if (!name) throw problem(`the event on ${isoDay(dayOf(first))} has no SUMMARY, the holiday's name`);
    const length = lengthInDays(event);
    for (const start of occurrences(event, until)) {
      for (let offset = 0; offset < length; offset += 1) {
        const iso = isoDay(addDaysTo(dayOf(start), offset));
        if (!days.has(iso)) days.set(iso, name);
      }
    }
  }
  if (days.size === 0) throw problem('has no holidays: every event in it is cancelled');
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name }));
}

function occurrences(event: ICAL.Event, until: CalendarDay): ICAL.Time[] {
  if (!event.isRecurring()) return [event.startDate];
  const found: ICAL.Time[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && found.length < MAX_OCCURRENCES; next = iterator.next()) {
    if (dayNumber(dayOf(next)) > dayNumber(until)) break;
    found.push(next);
  }
  return found;
}

/** All-day events end on the day after their last (RFC 5545); without an end they last one day. */
function lengthInDays(event: ICAL.Event): number {
  const start = event.startDate;
  const end = event.endDate;
  if (!start.isDate || !end?.isDate) return 1;
  const days = dayNumber(dayOf(end)) - dayNumber(dayOf(start));
  return Math.min(Math.max(1, days), MAX_DAYS);
}

/** The day as written in the file: ical.js keeps a time's fields as given, whatever the machine's zone. */
function dayOf(time: ICAL.Time): CalendarDay {
  return { year: time.year, month: time.month, day: time.day };
}

function cleanName(summary: string | undefined): string | undefined {
  const name = (summary ?? '')
    .replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) return undefined;
  return name.length > HOLIDAY_NAME_LIMIT ? `${name.slice(0, HOLIDAY_NAME_LIMIT - 1)}…` : name;
}

function problem(message: string): ImportFileError {
  return new ImportFileError([{ line: 1, path: '', message }]);
}
