import * as chrono from 'chrono-node';
import type { Deadline } from '../model/deadline.js';
import { hostLocalNoonOf } from '../ports/clock.js';
import type { CalendarDay } from './calendar-day.js';
import { addDaysTo, MONTH_NAMES, weekdayOf } from './calendar-day.js';
import type { Reading } from './deadline-reading.js';
import { dateDeadline, dayOfYearOrNext, fail, offsetTime, wallTime } from './deadline-reading.js';
import { readTimeSpan } from './time-span.js';

const LEFTOVER = /^[\s.,;:!?]*$/;
/** Words that say which week a weekday is in; without one, the weekday rule below decides. */
const WEEK_WORDS = /\b(?:this|next|last|past)\b/;

/**
 * chrono-node's natural language ("tomorrow 9am", "friday 5pm", "in 2 weeks", "december 15th 3pm"),
 * read in the lead agency's zone whatever the machine's zone is. chrono only recognises the words and
 * the calendar fields they name; which day they fall on is decided here, by these rules:
 *
 * - A weekday without this/next/last is the next such day that is still ahead: "friday" on a Friday is
 *   today; "friday 5pm" is today only while 17:00 has not passed there, otherwise the next Friday.
 * - A time alone ("5pm", "noon") is the next time the clock there shows it: today, or tomorrow.
 * - A day and month with no year is its next occurrence (today included).
 * - A span ("in 3 hours") is real time from now, across any daylight-saving change.
 */
export function readNaturalLanguage(reading: Reading): Deadline {
  const span = readTimeSpan(reading.text);
  if (span !== undefined)
    return { kind: 'instant', at: new Date(reading.now.getTime() + span).toISOString() };
  const results = chrono.parse(reading.text, hostLocalNoonOf(reading.today), { forwardDate: false });
  const [result] = results;
  const unreadable = fail(reading, 'unreadable', `I could not read "${reading.input}" as a date.`);
  if (!result || results.length > 1) throw unreadable;
  const leftover =
    reading.text.slice(0, result.index) + reading.text.slice(result.index + result.text.length);
  if (!LEFTOVER.test(leftover)) throw unreadable;
  if (result.end) throw fail(reading, 'ambiguous', `"${reading.input}" is a range; a deadline is one day.`);
  const start = result.start;
  const tags = result.tags();
  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    // A span written in a way readTimeSpan does not know: chrono would measure it on the machine's clock.
    throw fail(reading, 'unreadable', `I could not read "${reading.input}" as a date.`, SPAN_HOW);
  }
  const named = { year: start.get('year')!, month: start.get('month')!, day: start.get('day')! };
  const relative = tags.has('result/relativeDate');
  if (!relative && !start.isCertain('day') && !start.isCertain('weekday') && !start.isCertain('hour')) {
    throw fail(
      reading,
      'ambiguous',
      `"${reading.input}" does not say which day.`,
      `Write a day, like "1 ${MONTH_NAMES[named.month - 1]}" or "end of ${MONTH_NAMES[named.month - 1]}".`,
    );
  }
  const timed = start.isCertain('hour');
  const offset = start.isCertain('timezoneOffset') ? start.get('timezoneOffset')! : undefined;
  const at = (day: CalendarDay): Deadline => {
    if (!timed) return dateDeadline(day);
    const [hour, minute] = [start.get('hour')!, start.get('minute') ?? 0];
    const instant =
      offset === undefined ? wallTime(reading, day, hour, minute) : offsetTime(day, hour, minute, offset);
    return { kind: 'instant', at: instant };
  };
  const stillAhead = (deadline: Deadline) =>
    deadline.kind === 'date' || Date.parse(deadline.at) >= reading.now.getTime();

  const dayless = !start.isCertain('day') && !start.isCertain('month') && !start.isCertain('year');
  if (dayless && start.isCertain('weekday') && !WEEK_WORDS.test(reading.text)) {
    const first = addDaysTo(reading.today, (start.get('weekday')! - weekdayOf(reading.today) + 7) % 7);
    const deadline = at(first);
    return stillAhead(deadline) ? deadline : at(addDaysTo(first, 7));
  }
  if (dayless && !start.isCertain('weekday') && !relative) {
    const deadline = at(reading.today);
    return stillAhead(deadline) ? deadline : at(addDaysTo(reading.today, 1));
  }
  if (start.isCertain('month') && !start.isCertain('year')) {
    return at(dayOfYearOrNext(reading, named.day, named.month, undefined));
  }
  return at(named);
}

const SPAN_HOW = 'Write a span like "in 3 hours" or "in 2 days", or a date like 2026-12-15.';
