import { daysInMonth, MONTH_NAMES } from '../dates/calendar-day.js';
import { MONTH_PATTERN, monthFromName } from '../dates/month-names.js';
import { MAX_RECURRENCE_INTERVAL, type MonthDay, type RecurrenceRule } from '../model/recurrence.js';
import { ordinal, WEEKDAY_NAMES } from './rule-text.js';

export type RuleReading = { ok: true; rule: RecurrenceRule } | { ok: false; message: string };

/** What `every` is followed by, shown in every refusal. */
export const RULE_EXAMPLES =
  'every 2 weeks, every week on Friday, every month on the last working day, every month on the 15th, every quarter, every year on 15 Mar';

const UNITS: Readonly<Record<string, { unit: RecurrenceRule['unit']; times: number }>> = {
  day: { unit: 'day', times: 1 },
  week: { unit: 'week', times: 1 },
  fortnight: { unit: 'week', times: 2 },
  month: { unit: 'month', times: 1 },
  quarter: { unit: 'month', times: 3 },
  year: { unit: 'year', times: 1 },
};

/** Words that only a rule would start with, typed right or not quite ("every weekly"). */
const UNIT_WORDS =
  /^(days?|weeks?|weekdays?|fortnights?|months?|quarters?|years?|daily|weekly|fortnightly|monthly|quarterly|yearly|annually)$/;
const WEEKDAY = /^(sun|mon|tue|wed|thu|fri|sat)[a-z]*?s?$/;
const RULE = /^(?:(\d{1,3}|other)\s+)?([a-z]+?)s?(?:\s+on\s+(.+))?$/;
const DAY_NUMBER = /^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+day)?$/;
const DAY_AND_MONTH = new RegExp(`^(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${MONTH_PATTERN})$`);
const MONTH_AND_DAY = new RegExp(`^(${MONTH_PATTERN})\\s+(\\d{1,2})(?:st|nd|rd|th)?$`);

/**
 * Reads what follows `every` (with or without the word itself): `2 weeks`, `other week`, `fortnight`,
 * `friday`, `week on friday`, `month on the 15th`, `month on the last (working) day`, `month on the first
 * working day`, `quarter`, `year on 15 Mar`. Never throws; a rule it cannot read comes back with why.
 */
export function parseRule(raw: string): RuleReading {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/^every\s+/, '')
    .replace(/\s+/g, ' ');
  const unknown = fail(`"every ${raw.trim().replace(/^every\s+/i, '')}" is not a rule I can read.`);
  const weekday = weekdayOf(text);
  if (weekday !== undefined) return { ok: true, rule: { unit: 'week', interval: 1, weekday } };
  const match = RULE.exec(text);
  const unit = match ? UNITS[match[2]!] : undefined;
  if (!match || !unit) return unknown;
  const times = match[1] === undefined ? 1 : match[1] === 'other' ? 2 : Number(match[1]);
  const interval = times * unit.times;
  if (times === 0) return fail('A rule must repeat after at least one day, week, month or year.');
  if (interval > MAX_RECURRENCE_INTERVAL) {
    return fail(`every ${interval} ${unit.unit}s is too far apart: at most ${MAX_RECURRENCE_INTERVAL}.`);
  }
  const on = match[3]?.trim();
  switch (unit.unit) {
    case 'day':
      return on
        ? fail('A daily rule has no "on" part: write every day or every 2 days.')
        : { ok: true, rule: { unit: 'day', interval } };
    case 'week':
      return onWeekday(interval, on);
    case 'month':
      return onMonthDay(interval, on);
    case 'year':
      return onYearDay(interval, on);
  }
}

function onWeekday(interval: number, on: string | undefined): RuleReading {
  if (on === undefined) return { ok: true, rule: { unit: 'week', interval } };
  const weekday = weekdayOf(on);
  if (weekday === undefined) {
    return fail(`A weekly rule falls on a weekday, such as every week on Friday; "${on}" is not one.`);
  }
  return { ok: true, rule: { unit: 'week', interval, weekday } };
}

function onMonthDay(interval: number, on: string | undefined): RuleReading {
  if (on === undefined) return { ok: true, rule: { unit: 'month', interval } };
  const day = monthDayOf(on);
  if (day === undefined) {
    return fail(
      `A monthly rule falls on a day of the month, such as on the 15th, on the last day or on the last working day; "${on}" is not one.`,
    );
  }
  if (typeof day === 'number' && (day < 1 || day > 31)) {
    return fail(`A month has no ${ordinal(day)} day.`);
  }
  return { ok: true, rule: { unit: 'month', interval, day } };
}

function onYearDay(interval: number, on: string | undefined): RuleReading {
  if (on === undefined) return { ok: true, rule: { unit: 'year', interval } };
  const dayFirst = DAY_AND_MONTH.exec(on);
  const monthFirst = dayFirst ? undefined : MONTH_AND_DAY.exec(on);
  const day = Number(dayFirst?.[1] ?? monthFirst?.[2]);
  const month = monthFromName(dayFirst?.[2] ?? monthFirst?.[1] ?? '');
  if (!month || Number.isNaN(day)) {
    return fail(
      `A yearly rule falls on a day of the year, such as every year on 15 Mar; "${on}" is not one.`,
    );
  }
  // 29 February exists in leap years: such a rule falls on the 28th in the others.
  if (day < 1 || day > daysInMonth(2024, month)) {
    return fail(`${day} ${MONTH_NAMES[month - 1]!.slice(0, 3)} is not a day of the year.`);
  }
  return { ok: true, rule: { unit: 'year', interval, month, day } };
}

function monthDayOf(on: string): MonthDay | undefined {
  const words = on.replace(/^the\s+/, '');
  if (words === 'last day' || words === 'last day of the month') return 'last';
  if (words === 'last working day' || words === 'last working day of the month') return 'last-working';
  if (words === 'first working day' || words === 'first working day of the month') return 'first-working';
  if (words === 'first day' || words === 'first day of the month') return 1;
  const number = DAY_NUMBER.exec(on);
  return number ? Number(number[1]) : undefined;
}

function weekdayOf(word: string): number | undefined {
  const match = WEEKDAY.exec(word);
  if (!match) return undefined;
  const index = WEEKDAY_NAMES.findIndex((name) => name.toLowerCase().startsWith(match[1]!));
  // Only a weekday's name or its first letters: `frinds` is no Friday.
  return index !== -1 && WEEKDAY_NAMES[index]!.toLowerCase().startsWith(word.replace(/s$/, ''))
    ? index
    : undefined;
}

/**
 * Whether the words after `every` were meant as a rule ("every 2 weaks", "every quarterly"), so that
 * they are refused with the reason instead of joining a title ("Review every contract").
 */
export function looksLikeRuleAttempt(words: string): boolean {
  const first = words.trim().toLowerCase().split(/\s+/)[0] ?? '';
  return /^\d/.test(first) || first === 'other' || UNIT_WORDS.test(first) || weekdayOf(first) !== undefined;
}

function fail(message: string): RuleReading {
  return { ok: false, message };
}
