import { InvalidDateError } from '../errors/invalid-date-error.js';
import type { Deadline } from '../model/deadline.js';
import { calendarDayIn, dayNumber, formatDay, MONTH_NAMES } from './calendar-day.js';
import type { Reading } from './deadline-reading.js';
import { checkedDay, dateDeadline, dayOfYearOrNext, fail, LEAP_YEAR, wallTime } from './deadline-reading.js';
import { endOfPeriod } from './end-of-period.js';
import { MONTH_PATTERN, monthFromName } from './month-names.js';
import { readNaturalLanguage } from './natural-deadline.js';
import { momentText, zonePlace } from './time-display.js';

export { HOW_TO_WRITE_A_DATE } from './deadline-reading.js';

export interface ParseDeadlineOptions {
  /** The lead agency's zone: the one a day or a time of day is read in. */
  timeZone: string;
  now: Date;
}

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const YEAR_FIRST_DAY = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)? ?(z|[+-]\d{2}(?::?\d{2})?)?$/;
const NUMERIC_DAY = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;
const NUMERIC_DAY_INSIDE = /(?:^| )(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?(?= |,|$)/;
const DAY_MONTH = `(\\d{1,2})(?:st|nd|rd|th)?(?: of)? (${MONTH_PATTERN})\\.?(?:,? (\\d{4}))?`;
const MONTH_DAY = `(${MONTH_PATTERN})\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?`;
const DAY_MONTH_WHOLE = new RegExp(`^${DAY_MONTH}$`);
const MONTH_DAY_WHOLE = new RegExp(`^${MONTH_DAY}$`);
const DAY_MONTH_INSIDE = new RegExp(`\\b${DAY_MONTH}\\b`);
const MONTH_DAY_INSIDE = new RegExp(`\\b${MONTH_DAY}\\b`);

/**
 * Reads a deadline as typed by a person, in `timeZone`: ISO dates and date-times, numeric days that
 * cannot be misread, day-and-month names, "end of …" phrases and chrono-node's natural language.
 * A day with no year is its next occurrence from today. Throws InvalidDateError when the text is
 * unreadable, ambiguous, impossible or in the past (today itself is fine).
 */
export function parseDeadline(input: string, options: ParseDeadlineOptions): Deadline {
  const reading: Reading = {
    input,
    text: normalize(input),
    timeZone: options.timeZone,
    now: options.now,
    today: calendarDayIn(options.timeZone, options.now),
  };
  if (!reading.text) throw fail(reading, 'unreadable', 'No date was given.');
  assertSpanWithinHorizon(reading);
  const deadline =
    readIsoDay(reading) ??
    readIsoDateTime(reading) ??
    readNumericDay(reading) ??
    readDayAndMonth(reading) ??
    readEndOfPeriod(reading) ??
    readChecked(reading);
  assertNotPast(reading, deadline);
  assertWithinHorizon(reading, deadline);
  return deadline;
}

/** Any instant will do: looksLikeDate asks only whether the words are meant as a date. */
const ANY_INSTANT = new Date(Date.UTC(2000, 0, 1));

/**
 * True when the text is written as a date, even one that is ambiguous, impossible or past (those
 * deserve an answer that says so rather than silently becoming part of a title).
 */
export function looksLikeDate(input: string): boolean {
  try {
    parseDeadline(input, { timeZone: 'UTC', now: ANY_INSTANT });
    return true;
  } catch (error) {
    if (error instanceof InvalidDateError) return error.reason !== 'unreadable';
    throw error;
  }
}

/**
 * True when the text is a date as it stands: one that reads, or one that does not exist or is out of
 * range. Unlike looksLikeDate, an ambiguous text ("march", "1.5") is not one: as the last words of a
 * title it is more likely part of the title than a deadline.
 */
export function readsAsDate(input: string): boolean {
  try {
    parseDeadline(input, { timeZone: 'UTC', now: ANY_INSTANT });
    return true;
  } catch (error) {
    if (error instanceof InvalidDateError)
      return error.reason !== 'unreadable' && error.reason !== 'ambiguous';
    throw error;
  }
}

/** Why the text is not a date, as parseDeadline says it; undefined when it is one. */
export function whyNotADate(input: string): InvalidDateError | undefined {
  try {
    parseDeadline(input, { timeZone: 'UTC', now: ANY_INSTANT });
    return undefined;
  } catch (error) {
    if (error instanceof InvalidDateError) return error;
    throw error;
  }
}

function normalize(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(?:by|on) /, '')
    .replace(/[.,;!?]+$/, '');
}

function readIsoDay(reading: Reading): Deadline | undefined {
  const match = ISO_DAY.exec(reading.text) ?? YEAR_FIRST_DAY.exec(reading.text);
  if (!match) return undefined;
  return dateDeadline(checkedDay(reading, Number(match[1]), Number(match[2]), Number(match[3])));
}

function readIsoDateTime(reading: Reading): Deadline | undefined {
  const match = ISO_DATE_TIME.exec(reading.text);
  if (!match) return undefined;
  const day = checkedDay(reading, Number(match[1]), Number(match[2]), Number(match[3]));
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) {
    throw fail(
      reading,
      'impossible',
      `"${reading.input}" has no such time of day: hours run 00–23, minutes 00–59.`,
    );
  }
  const millisecond = match[7] ? Math.round(Number(`0.${match[7]}`) * 1000) : 0;
  const offsetText = match[8];
  if (!offsetText) return { kind: 'instant', at: wallTime(reading, day, hour, minute, second, millisecond) };
  const offset = offsetMinutes(reading, offsetText);
  const at = Date.UTC(day.year, day.month - 1, day.day, hour, minute, second, millisecond) - offset * 60_000;
  return { kind: 'instant', at: new Date(at).toISOString() };
}

function offsetMinutes(reading: Reading, text: string): number {
  if (text === 'z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  const sign = text.startsWith('-') ? -1 : 1;
  if (hours > (sign < 0 ? 12 : 14) || minutes > 59) {
    throw fail(reading, 'impossible', `"${text}" is not a UTC offset: offsets run from -12:00 to +14:00.`);
  }
  return sign * (hours * 60 + minutes);
}

/** 25/12/2027 and 12/25/2027 can only be read one way; 03/04/2027 can be read two. */
function readNumericDay(reading: Reading): Deadline | undefined {
  const match = NUMERIC_DAY.exec(reading.text);
  if (!match) return undefined;
  const [first, second] = [Number(match[1]), Number(match[3])];
  const yearText = match[4];
  const year =
    yearText === undefined ? undefined : Number(yearText.length === 2 ? `20${yearText}` : yearText);
  if (first <= 12 && second <= 12 && first !== second) throw ambiguous(reading, first, second, year);
  if (first > 12 && second > 12) {
    throw fail(reading, 'impossible', `"${reading.input}" is not a date: there is no month ${second}.`);
  }
  const [day, month] = first > 12 ? [first, second] : [second, first];
  return dateDeadline(dayOfYearOrNext(reading, day, month, year));
}

/** Within a longer phrase ("31 nov 5pm", "03/04 5pm") chrono would drop or guess a day without a word. */
function assertNoHiddenProblem(reading: Reading): void {
  const numeric = NUMERIC_DAY_INSIDE.exec(reading.text);
  if (numeric) {
    const [first, second] = [Number(numeric[1]), Number(numeric[2])];
    if (first <= 12 && second <= 12 && first !== second) throw ambiguous(reading, first, second, undefined);
  }
  const named = DAY_MONTH_INSIDE.exec(reading.text) ?? MONTH_DAY_INSIDE.exec(reading.text);
  if (named) {
    const [day, monthName] = /^\d/.test(named[1]!) ? [named[1]!, named[2]!] : [named[2]!, named[1]!];
    const year = named[3] === undefined ? undefined : Number(named[3]);
    checkedDay(reading, year ?? LEAP_YEAR, monthFromName(monthName)!, Number(day), year);
  }
}

function ambiguous(
  reading: Reading,
  first: number,
  second: number,
  year: number | undefined,
): InvalidDateError {
  const yearSuffix = year === undefined ? '' : ` ${year}`;
  const asDayFirst = `${first} ${MONTH_NAMES[second - 1]}${yearSuffix}`;
  const asMonthFirst = `${second} ${MONTH_NAMES[first - 1]}${yearSuffix}`;
  const example = `${first} ${MONTH_NAMES[second - 1]!.slice(0, 3)}${yearSuffix}`;
  return fail(
    reading,
    'ambiguous',
    `"${reading.input}" could be ${asDayFirst} or ${asMonthFirst}.`,
    `Write the month as a word, like "${example}", or write the date as year-month-day, like 2026-12-15.`,
  );
}

function readDayAndMonth(reading: Reading): Deadline | undefined {
  const dayFirst = DAY_MONTH_WHOLE.exec(reading.text);
  const monthFirst = MONTH_DAY_WHOLE.exec(reading.text);
  if (dayFirst) {
    const year = dayFirst[3] === undefined ? undefined : Number(dayFirst[3]);
    return dateDeadline(dayOfYearOrNext(reading, Number(dayFirst[1]), monthFromName(dayFirst[2]!)!, year));
  }
  if (monthFirst) {
    const year = monthFirst[3] === undefined ? undefined : Number(monthFirst[3]);
    return dateDeadline(
      dayOfYearOrNext(reading, Number(monthFirst[2]), monthFromName(monthFirst[1]!)!, year),
    );
  }
  return undefined;
}

function readEndOfPeriod(reading: Reading): Deadline | undefined {
  const day = endOfPeriod(reading.text, reading.today);
  return day && dateDeadline(day);
}

function readChecked(reading: Reading): Deadline {
  assertNoHiddenProblem(reading);
  return readNaturalLanguage(reading);
}

/** Beyond this a year was mistyped: no agreement's follow-up runs past a decade. */
const HORIZON_YEARS = 10;

const SPAN = /^in (\d+) (second|minute|hour|day|week|month|year)s?$/;
const DAYS_PER_UNIT: Record<string, number> = {
  second: 1 / 86_400,
  minute: 1 / 1440,
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 31,
  year: 366,
};

/**
 * "in 1000000 years" is meant as a date, but chrono cannot count that far; refused as too far rather
 * than as unreadable, so that `add … by in 1000000 years` is answered, not read as title words.
 */
function assertSpanWithinHorizon(reading: Reading): void {
  const span = SPAN.exec(reading.text);
  if (!span || Number(span[1]) * DAYS_PER_UNIT[span[2]!]! <= HORIZON_YEARS * 366) return;
  const limit = { ...reading.today, year: reading.today.year + HORIZON_YEARS };
  throw fail(
    reading,
    'too-far',
    `"${reading.input}" is more than ${HORIZON_YEARS} years away; is the number right?`,
    `Give a date before ${formatDay(limit)}.`,
  );
}

function assertWithinHorizon(reading: Reading, deadline: Deadline): void {
  const due = deadline.kind === 'date' ? deadline.date : deadline.at.slice(0, 10);
  const [year, month, day] = due.split('-').map(Number) as [number, number, number];
  const limit = { ...reading.today, year: reading.today.year + HORIZON_YEARS };
  if (dayNumber({ year, month, day }) <= dayNumber(limit)) return;
  throw fail(
    reading,
    'too-far',
    `${formatDay({ year, month, day })} is more than ${HORIZON_YEARS} years away; is the year right?`,
    `Give a date before ${formatDay(limit)}.`,
  );
}

function assertNotPast(reading: Reading, deadline: Deadline): void {
  if (deadline.kind === 'date') {
    const [year, month, day] = deadline.date.split('-').map(Number) as [number, number, number];
    const due = { year, month, day };
    if (dayNumber(due) >= dayNumber(reading.today)) return;
    throw fail(
      reading,
      'past',
      `${formatDay(due)} has already passed: today is ${formatDay(reading.today)} in ${zonePlace(reading.timeZone)}.`,
      'Give today or a later date.',
    );
  }
  if (Date.parse(deadline.at) >= reading.now.getTime()) return;
  const at = momentText(Date.parse(deadline.at), reading.timeZone);
  const now = momentText(reading.now.getTime(), reading.timeZone);
  throw fail(reading, 'past', `${at} has already passed: it is now ${now}.`, 'Give a later time.');
}
