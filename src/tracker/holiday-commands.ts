import { upcomingHolidays } from '../calendar/non-working-days.js';
import { WorkingCalendar } from '../calendar/working-days.js';
import type { Command } from '../commands/command.js';
import { USAGE } from '../commands/usage.js';
import { type CalendarDay, calendarDayIn, formatDay, isoDay } from '../dates/calendar-day.js';
import { parseDeadline } from '../dates/parse-deadline.js';
import { InvalidDateError } from '../errors/invalid-date-error.js';
import { InvalidValueError } from '../errors/invalid-value-error.js';
import type { Block, Message } from '../messages/message.js';
import { section, strong, text } from '../messages/message.js';
import type { Agency } from '../model/agency.js';
import { type HolidayScope, scopesOfAgency } from '../model/holiday.js';
import type { CommandResult } from './command-context.js';
import { assertAdmin } from './permissions.js';
import type { Session } from './session.js';

/** How far ahead `agency holidays` looks, and how many days it lists at most. */
const LISTED_DAYS = 366;
const LISTED_MAX = 40;
const LOAD_A_LIST = 'npm run cli -- holidays import <file.ics> country:<CC>';

/** The agency's non-working days of the next twelve months, weekends aside, and where each comes from. */
export async function listAgencyHolidays(s: Session, code: string): Promise<CommandResult> {
  const agency = s.agency(code);
  const operatorDays = await s.deps.holidays.daysOf(scopesOfAgency(agency));
  const today = calendarDayIn(agency.timeZone, s.now);
  const days = upcomingHolidays(agency, operatorDays, today, LISTED_DAYS);
  const where = agency.country ? `country ${agency.country}` : 'no country, so no public holidays';
  const blocks: Block[] = [
    { type: 'header', text: `${agency.code}: non-working days in the next 12 months` },
  ];
  if (days.length === 0) blocks.push(section(text('None besides its weekends.')));
  for (const day of days.slice(0, LISTED_MAX)) {
    blocks.push(section(strong(formatDay(dayOf(day.date))), text(` · ${day.name} — ${day.source}`)));
  }
  if (days.length > LISTED_MAX)
    blocks.push({ type: 'context', text: `…and ${days.length - LISTED_MAX} more.` });
  blocks.push({
    type: 'context',
    text: `${agency.name} · ${where} · weekends aside. Add a day with \`agency holiday add ${agency.code} <date> "<name>"\`; load a published list with \`${LOAD_A_LIST}\`.`,
  });
  const count = `${days.length} non-working day${days.length === 1 ? '' : 's'}`;
  return { reply: { text: `${agency.code}: ${count} in the next 12 months`, blocks } };
}

export async function addAgencyHoliday(
  s: Session,
  command: Extract<Command, { kind: 'agency-holiday-add' }>,
): Promise<CommandResult> {
  assertAdmin(s.ctx, s.deps.settings.trackerAdmins, "change an agency's non-working days");
  const agency = s.agency(command.code);
  const day = readDay(s, agency, command.dateText);
  const before = await closedBecause(s, agency, day);
  const today = isoDay(calendarDayIn(agency.timeZone, s.now));
  await s.deps.holidays.put(ownScope(agency), [
    { date: isoDay(day), name: command.name, source: `added by ${s.by} on ${today}` },
  ]);
  await s.deps.planner.holidaysChanged([agency]);
  const already = before ? ` It was already a non-working day (${before}).` : '';
  return {
    reply: notice(
      `📅 ${agency.code} does not work on ${formatDay(day)} (${command.name}): a reminder due that day now comes on the working day before.${already}`,
    ),
  };
}

export async function removeAgencyHoliday(
  s: Session,
  command: Extract<Command, { kind: 'agency-holiday-remove' }>,
): Promise<CommandResult> {
  assertAdmin(s.ctx, s.deps.settings.trackerAdmins, "change an agency's non-working days");
  const agency = s.agency(command.code);
  const day = readDay(s, agency, command.dateText, { pastAllowed: true });
  if (!(await s.deps.holidays.remove(ownScope(agency), isoDay(day)))) {
    const other = await closedBecause(s, agency, day);
    const why = other
      ? ` It is ${other}, from its country's or state's list or from date-holidays; a list is loaded again with \`${LOAD_A_LIST}\`.`
      : '';
    throw new InvalidValueError(
      `${formatDay(day)} is not one of ${agency.code}'s own non-working days, so there is nothing to remove.${why}`,
      USAGE.agency,
    );
  }
  await s.deps.planner.holidaysChanged([agency]);
  const still = await closedBecause(s, agency, day);
  const after = still
    ? ` It is still a non-working day (${still}).`
    : ' Its reminders may come on that day again.';
  return { reply: notice(`${agency.code} works on ${formatDay(day)} again.${after}`) };
}

function ownScope(agency: Agency): HolidayScope {
  return { kind: 'agency', code: agency.code };
}

async function closedBecause(s: Session, agency: Agency, day: CalendarDay): Promise<string | undefined> {
  const days = await s.deps.holidays.daysOf(scopesOfAgency(agency));
  return new WorkingCalendar(agency.country, days).closedBecause(day);
}

/** A whole day, read in the agency's zone like a deadline; a day already past only where it may be. */
function readDay(
  s: Session,
  agency: Agency,
  text: string,
  options: { pastAllowed?: boolean } = {},
): CalendarDay {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (options.pastAllowed && iso) return dayOf(text.trim());
  try {
    const read = parseDeadline(text, { timeZone: agency.timeZone, now: s.now });
    if (read.kind === 'date') return dayOf(read.date);
    throw new InvalidDateError(
      text,
      'ambiguous',
      `"${text}" has a time of day; a non-working day is a whole day.`,
    );
  } catch (error) {
    if (error instanceof InvalidDateError) {
      throw new InvalidDateError(error.input, error.reason, error.message, USAGE.agency);
    }
    throw error;
  }
}

function dayOf(iso: string): CalendarDay {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function notice(message: string): Message {
  return { text: message, blocks: [section(text(message))] };
}
