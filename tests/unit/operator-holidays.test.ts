import { describe, expect, it } from 'vitest';
import { upcomingHolidays } from '../../src/calendar/non-working-days.js';
import { reminderTimes } from '../../src/calendar/reminder-times.js';
import { WorkingCalendar } from '../../src/calendar/working-days.js';
import { isoDay } from '../../src/dates/calendar-day.js';
import { parseDuration } from '../../src/dates/duration.js';
import type { Commitment } from '../../src/model/commitment.js';
import {
  type HolidayScope,
  holidayScopeText,
  parseHolidayScope,
  scopeCovers,
  scopesOfAgency,
} from '../../src/model/holiday.js';
import type { HolidayDays, ScopedHoliday } from '../../src/store/holiday-store.js';

const IN: HolidayScope = { kind: 'region', code: 'IN' };
const MEITY_OWN: HolidayScope = { kind: 'agency', code: 'MEITY' };

function days(...holidays: [string, string, HolidayScope][]): HolidayDays {
  return new Map(
    holidays.map(([date, name, scope]): [string, ScopedHoliday] => [
      date,
      { date, name, scope, source: 'imported from india-central-government-2026-2027.ics' },
    ]),
  );
}

const day = (iso: string) => {
  const [year, month, d] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day: d };
};

describe('holiday scopes', () => {
  it('reads country, state and agency scopes, and writes them back the same way', () => {
    expect(parseHolidayScope('country:in')).toEqual(IN);
    expect(parseHolidayScope('state:MY-02')).toEqual({ kind: 'region', code: 'MY-02' });
    expect(parseHolidayScope('country:MY-02')).toEqual({ kind: 'region', code: 'MY-02' });
    expect(parseHolidayScope('agency:meity')).toEqual(MEITY_OWN);
    expect(['IN', 'India', 'country:', 'agency:x', 'region:IN'].map(parseHolidayScope)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(holidayScopeText({ kind: 'region', code: 'MY-02' })).toBe('state:MY-02');
    expect(holidayScopeText(IN)).toBe('country:IN');
  });

  it('gives an agency its country’s days, its state’s and its own', () => {
    expect(scopesOfAgency({ code: 'KEDAH', country: 'MY-02' })).toEqual([
      { kind: 'region', code: 'MY' },
      { kind: 'region', code: 'MY-02' },
      { kind: 'agency', code: 'KEDAH' },
    ]);
    expect(scopeCovers(IN, { code: 'MEITY', country: 'IN' })).toBe(true);
    expect(scopeCovers(IN, { code: 'MITI', country: 'MY' })).toBe(false);
    expect(scopeCovers({ kind: 'region', code: 'MY-02' }, { code: 'MITI', country: 'MY' })).toBe(false);
  });
});

describe('a working calendar with the operators’ days', () => {
  const calendar = new WorkingCalendar('IN', days(['2026-11-09', 'Diwali (Govardhan Puja)', MEITY_OWN]));

  it('closes a day date-holidays does not know, by the operators’ name for it', () => {
    expect(new WorkingCalendar('IN').closedBecause(day('2026-11-09'))).toBeUndefined();
    expect(calendar.closedBecause(day('2026-11-09'))).toBe('Diwali (Govardhan Puja)');
    expect(calendar.closedBecause(day('2026-10-02'))).toBe('Gandhi Jayanti');
  });

  it('moves to the working day before or after it', () => {
    // Sunday 8 Nov and Monday 9 Nov are closed: Friday 6 Nov before, Tuesday 10 Nov after.
    expect(isoDay(calendar.onOrBefore(day('2026-11-09')))).toBe('2026-11-06');
    expect(isoDay(calendar.onOrAfter(day('2026-11-08')))).toBe('2026-11-10');
  });
});

describe('reminders and the operators’ days', () => {
  const commitment: Commitment = {
    id: 'C-1',
    title: 'Semiconductor fab incentives note',
    owners: ['MEITY'],
    deadline: { kind: 'date', date: '2026-11-10' },
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
  };
  const plan = (holidays?: HolidayDays) =>
    reminderTimes({
      commitment,
      offsets: ['1d', '0d'].map((text) => parseDuration(text)!),
      recipient: {
        code: 'MEITY',
        timeZone: 'Asia/Kolkata',
        country: 'IN',
        ...(holidays ? { holidays } : {}),
      },
      leadTimeZone: 'Asia/Kolkata',
      now: new Date('2026-11-01T00:00:00Z'),
    }).map((reminder) => ({ offset: reminder.offset, at: new Date(reminder.at).toISOString() }));

  it('move a reminder off a gazetted holiday that date-holidays does not know, to the working day before', () => {
    expect(plan()).toEqual([
      { offset: '1d', at: '2026-11-09T03:30:00.000Z' },
      { offset: '0d', at: '2026-11-10T03:30:00.000Z' },
    ]);
    // Diwali on Monday 9 Nov in the agency's own list: the 1d reminder goes back over the weekend to Friday.
    expect(plan(days(['2026-11-09', 'Diwali holiday', MEITY_OWN]))).toEqual([
      { offset: '1d', at: '2026-11-06T03:30:00.000Z' },
      { offset: '0d', at: '2026-11-10T03:30:00.000Z' },
    ]);
  });
});

describe('upcomingHolidays', () => {
  it('lists the next holidays with where each comes from, the operators’ before date-holidays', () => {
    const listed = upcomingHolidays(
      { code: 'MEITY', country: 'IN' },
      days(['2026-11-08', 'Diwali (Deepavali)', IN], ['2026-12-31', 'Year-end closure', MEITY_OWN]),
      day('2026-11-01'),
      61,
    );
    expect(listed).toEqual([
      {
        date: '2026-11-08',
        name: 'Diwali (Deepavali)',
        source: 'the country:IN list, imported from india-central-government-2026-2027.ics',
      },
      { date: '2026-12-25', name: 'Christmas Day', source: 'public holiday of IN (date-holidays)' },
      {
        date: '2026-12-31',
        name: 'Year-end closure',
        source: "MEITY's own day, imported from india-central-government-2026-2027.ics",
      },
    ]);
  });
});
