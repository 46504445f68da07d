import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../src/errors/import-file-error.js';
import { readIcsHolidays } from '../../src/import/ics-holidays.js';
import { REPO_ROOT } from '../support/run-bin.js';

const UNTIL = { year: 2028, month: 12, day: 31 };

function calendar(...events: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR', ''].join(
    '\r\n',
  );
}

function event(...lines: string[]): string {
  return [
    'BEGIN:VEVENT',
    `UID:${Math.random()}@test`,
    'DTSTAMP:20260101T000000Z',
    ...lines,
    'END:VEVENT',
  ].join('\r\n');
}

function refusal(text: string): ImportFileError {
  try {
    readIcsHolidays(text, UNTIL);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

describe('readIcsHolidays', () => {
  it('reads the demo list of India’s central government holidays', () => {
    const text = readFileSync(`${REPO_ROOT}examples/holidays/india-central-government-2026-2027.ics`, 'utf8');
    const days = readIcsHolidays(text, UNTIL);
    expect(days).toHaveLength(22);
    expect(days).toContainEqual({ date: '2026-11-08', name: 'Diwali (Deepavali)' });
    expect(days).toContainEqual({ date: '2026-03-04', name: 'Holi' });
    expect(days).toContainEqual({ date: '2026-11-24', name: "Guru Nanak's Birthday" });
    expect(days.map((day) => day.date)).toEqual([...days.map((day) => day.date)].sort());
  });

  it('reads an all-day event as its days, the end day not included', () => {
    const text = calendar(
      event('DTSTART;VALUE=DATE:20260321', 'DTEND;VALUE=DATE:20260323', 'SUMMARY:Hari Raya Aidilfitri'),
      event('DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day'),
    );
    expect(readIcsHolidays(text, UNTIL)).toEqual([
      { date: '2026-03-21', name: 'Hari Raya Aidilfitri' },
      { date: '2026-03-22', name: 'Hari Raya Aidilfitri' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
  });

  it('reads a timed event as the day it starts on in the file, whatever the machine’s zone', () => {
    const text = calendar(
      event(
        'DTSTART;TZID=Asia/Kolkata:20261108T000000',
        'DTEND;TZID=Asia/Kolkata:20261108T235900',
        'SUMMARY:Diwali',
      ),
      event('DTSTART:20261124T000000', 'SUMMARY:Guru Nanak Jayanti'),
    );
    expect(readIcsHolidays(text, UNTIL)).toEqual([
      { date: '2026-11-08', name: 'Diwali' },
      { date: '2026-11-24', name: 'Guru Nanak Jayanti' },
    ]);
  });

  it('gives a yearly event each year up to the limit, and leaves out a cancelled one', () => {
    const text = calendar(
      event('DTSTART;VALUE=DATE:20260126', 'RRULE:FREQ=YEARLY', 'SUMMARY:Republic Day'),
      event('DTSTART;VALUE=DATE:20260704', 'STATUS:CANCELLED', 'SUMMARY:Not a holiday after all'),
    );
    expect(readIcsHolidays(text, { year: 2027, month: 12, day: 31 })).toEqual([
      { date: '2026-01-26', name: 'Republic Day' },
      { date: '2027-01-26', name: 'Republic Day' },
    ]);
  });

  it('keeps names plain and short', () => {
    const text = calendar(event('DTSTART;VALUE=DATE:20260101', `SUMMARY:  New\\nYear ${'x'.repeat(150)}`));
    const [day] = readIcsHolidays(text, UNTIL);
    expect(day!.name.startsWith('New Year x')).toBe(true);
    expect(day!.name).toHaveLength(100);
  });

  it.each([
    ['a file that is not iCalendar', 'agencies:\n  - code: MITI\n', /not an iCalendar file/],
    ['a calendar with no event', calendar(), /has no events/],
    ['an event with no name', calendar(event('DTSTART;VALUE=DATE:20260101')), /2026-01-01 has no SUMMARY/],
    [
      'a calendar of cancelled events only',
      calendar(event('DTSTART;VALUE=DATE:20260101', 'STATUS:CANCELLED', 'SUMMARY:x')),
      /every event in it is cancelled/,
    ],
  ])('refuses %s with the reason', (_case, text, reason) => {
    expect(refusal(text).message).toMatch(reason);
  });
});
