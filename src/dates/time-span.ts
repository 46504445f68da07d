const MINUTE_MS = 60_000;
const UNIT_MS: Readonly<Record<string, number>> = {
  second: 1000,
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
  week: 7 * 24 * 60 * MINUTE_MS,
};
const UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'second',
  sec: 'second',
  secs: 'second',
  second: 'second',
  seconds: 'second',
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  w: 'week',
  wk: 'week',
  wks: 'week',
  week: 'week',
  weeks: 'week',
};
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'half a': 0.5,
  'half an': 0.5,
};

/** A number may touch its unit (`3h`); a word may not, so that "and" is never "an" + "d". */
const AMOUNT = `(?:(\\d+(?:\\.\\d+)?) ?|(${Object.keys(NUMBER_WORDS).join('|')}) )`;
const UNIT = `(${Object.keys(UNIT_WORDS).join('|')})`;
const PART = `${AMOUNT}${UNIT}`;
const PART_PATTERN = new RegExp(`${PART}(?=,| |$)`, 'g');
const SPAN = `${PART}(?:(?:, ?| )(?:and )?${PART})*`;
const IN_SPAN = new RegExp(`^(?:in|within|after) (${SPAN})$`);
const SPAN_FROM_NOW = new RegExp(`^(${SPAN}) (?:from now|later)$`);

/** "in 2 weeks" alone is a calendar day, not a span: the deadline is that whole day. */
const CALENDAR_UNITS = new Set(['day', 'week']);

/**
 * "in 3 hours", "in half an hour", "90 minutes from now", "in 1 day and 2 hours": a span of real time
 * from now, in milliseconds; undefined for any other text, and for days and weeks alone (lower case, single-spaced). Read here rather
 * than by chrono-node, which adds hours on the machine's local clock.
 */
export function readTimeSpan(text: string): number | undefined {
  const span = (IN_SPAN.exec(text) ?? SPAN_FROM_NOW.exec(text))?.[1];
  if (span === undefined) return undefined;
  let total = 0;
  let timeOfDay = false;
  for (const [, digits, word, unit] of span.matchAll(PART_PATTERN)) {
    const amount = digits === undefined ? NUMBER_WORDS[word!]! : Number(digits);
    const name = UNIT_WORDS[unit!]!;
    timeOfDay ||= !CALENDAR_UNITS.has(name);
    total += amount * UNIT_MS[name]!;
  }
  return timeOfDay ? Math.round(total) : undefined;
}
