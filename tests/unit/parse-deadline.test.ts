import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOW_TO_WRITE_A_DATE, looksLikeDate, parseDeadline } from '../../src/dates/parse-deadline.js';
import type { InvalidDateReason } from '../../src/errors/invalid-date-error.js';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';

const KL = 'Asia/Kuala_Lumpur';
const LONDON = 'Europe/London';

/** Friday 19:00 in Kuala Lumpur; still Friday morning in UTC and in São Paulo. */
const FRIDAY_EVENING_KL = new Date('2026-11-27T11:00:00Z');
/** Saturday 00:30 in Kuala Lumpur while it is Friday afternoon in UTC and in São Paulo. */
const SATURDAY_0030_KL = new Date('2026-11-27T16:30:00Z');
/** Saturday noon in London, the day before the clocks go forward (01:00 GMT on Sunday 28 March 2027). */
const BEFORE_LONDON_SPRING_FORWARD = new Date('2027-03-27T12:00:00Z');

function read(input: string, now: Date, timeZone = KL) {
  return parseDeadline(input, { timeZone, now });
}

function refusal(input: string, now: Date, timeZone = KL): InvalidDateError {
  try {
    read(input, now, timeZone);
  } catch (error) {
    if (error instanceof InvalidDateError) return error;
    throw error;
  }
  throw new Error(`"${input}" was read as a date`);
}

describe('parseDeadline: ISO forms', () => {
  it('reads an ISO date as a day', () => {
    expect(read('2026-12-15', SATURDAY_0030_KL)).toEqual({ kind: 'date', date: '2026-12-15' });
  });

  it('reads a year-first date with slashes as a day', () => {
    expect(read('2027/03/04', SATURDAY_0030_KL)).toEqual({ kind: 'date', date: '2027-03-04' });
  });

  it.each([
    ['2026-12-15T17:00+08:00', '2026-12-15T09:00:00.000Z'],
    ['2026-12-15T17:00Z', '2026-12-15T17:00:00.000Z'],
    ['2026-12-15T17:00-0530', '2026-12-15T22:30:00.000Z'],
    ['2026-12-15 17:00:30.25+05:30', '2026-12-15T11:30:30.250Z'],
  ])('reads %s at its stated offset', (input, at) => {
    expect(read(input, SATURDAY_0030_KL)).toEqual({ kind: 'instant', at });
  });

  it('reads a date-time without offset as that wall time in the given zone', () => {
    expect(read('2026-12-15T17:00', SATURDAY_0030_KL, KL)).toEqual({
      kind: 'instant',
      at: '2026-12-15T09:00:00.000Z',
    });
    expect(read('2026-12-15T17:00', SATURDAY_0030_KL, LONDON)).toEqual({
      kind: 'instant',
      at: '2026-12-15T17:00:00.000Z',
    });
  });

  it('reads a wall time after the spring change at the summer offset', () => {
    expect(read('2027-03-28T09:00', BEFORE_LONDON_SPRING_FORWARD, LONDON)).toEqual({
      kind: 'instant',
      at: '2027-03-28T08:00:00.000Z',
    });
  });
});

describe('parseDeadline: natural language in the lead zone', () => {
  it('reads "tomorrow" from Kuala Lumpur, where Saturday has begun while UTC is still on Friday', () => {
    expect(read('tomorrow', SATURDAY_0030_KL, KL)).toEqual({ kind: 'date', date: '2026-11-29' });
    expect(read('tomorrow', SATURDAY_0030_KL, 'UTC')).toEqual({ kind: 'date', date: '2026-11-28' });
  });

  it('reads "today" as the day in the zone, which is not yet past', () => {
    expect(read('today', SATURDAY_0030_KL, KL)).toEqual({ kind: 'date', date: '2026-11-28' });
  });

  it.each([
    ['next friday', '2026-12-04'],
    ['in 2 weeks', '2026-12-11'],
    ['15 Dec', '2026-12-15'],
    ['Dec 15', '2026-12-15'],
    ['15th December', '2026-12-15'],
    ['Dec. 15, 2027', '2027-12-15'],
    ['by friday', '2026-11-27'],
    ['by saturday', '2026-11-28'],
    ['end of january', '2027-01-31'],
    ['end of jan 2028', '2028-01-31'],
    ['end of month', '2026-11-30'],
    ['end of the month', '2026-11-30'],
    ['eom', '2026-11-30'],
    ['end of next month', '2026-12-31'],
    ['end of week', '2026-11-27'],
    ['end of next week', '2026-12-04'],
    ['end of year', '2026-12-31'],
    ['end of next year', '2027-12-31'],
    ['end of november', '2026-11-30'],
    ['end of october', '2027-10-31'],
    ['25/12/2027', '2027-12-25'],
    ['12/25/2027', '2027-12-25'],
    ['4/4/2027', '2027-04-04'],
    ['15.12.2027', '2027-12-15'],
    ['25/12', '2026-12-25'],
  ])('reads %s on Friday evening in Kuala Lumpur as %s', (input, date) => {
    expect(read(input, FRIDAY_EVENING_KL)).toEqual({ kind: 'date', date });
  });

  it('rolls a day without a year forward to its next occurrence', () => {
    expect(read('15 Nov', SATURDAY_0030_KL)).toEqual({ kind: 'date', date: '2027-11-15' });
    expect(read('29 Feb', SATURDAY_0030_KL)).toEqual({ kind: 'date', date: '2028-02-29' });
  });

  it('reads "end of week" from a Saturday as the next Friday', () => {
    expect(read('end of week', SATURDAY_0030_KL)).toEqual({ kind: 'date', date: '2026-12-04' });
  });

  it('reads "end of month" in the zone, where December may already have begun', () => {
    const firstOfDecemberInKl = new Date('2026-11-30T16:30:00Z');
    expect(read('end of month', firstOfDecemberInKl, KL)).toEqual({ kind: 'date', date: '2026-12-31' });
    expect(read('end of month', firstOfDecemberInKl, 'UTC')).toEqual({ kind: 'date', date: '2026-11-30' });
  });

  it('reads a phrase with a time of day as an instant in the zone', () => {
    expect(read('friday 5pm', FRIDAY_EVENING_KL, KL)).toEqual({
      kind: 'instant',
      at: '2026-12-04T09:00:00.000Z',
    });
    expect(read('noon', SATURDAY_0030_KL, KL)).toEqual({ kind: 'instant', at: '2026-11-28T04:00:00.000Z' });
  });

  it('keeps an offset stated in the phrase', () => {
    expect(read('friday 5pm GMT+8', FRIDAY_EVENING_KL, LONDON)).toEqual({
      kind: 'instant',
      at: '2026-12-04T09:00:00.000Z',
    });
  });

  it('reads "tomorrow 9am" across the London spring change at the summer offset', () => {
    expect(read('tomorrow 9am', BEFORE_LONDON_SPRING_FORWARD, LONDON)).toEqual({
      kind: 'instant',
      at: '2027-03-28T08:00:00.000Z',
    });
  });

  it('reads "in 3 hours" across the London spring change as three hours of real time', () => {
    expect(read('in 3 hours', new Date('2027-03-27T23:30:00Z'), LONDON)).toEqual({
      kind: 'instant',
      at: '2027-03-28T02:30:00.000Z',
    });
  });

  it('reads "in 2 weeks" across the London spring change as a calendar day', () => {
    expect(read('in 2 weeks', new Date('2027-03-27T23:30:00Z'), LONDON)).toEqual({
      kind: 'date',
      date: '2027-04-10',
    });
  });

  it('gives the same answers whatever the machine zone is', () => {
    const original = process.env.TZ;
    const answers = (): unknown[] =>
      ['tomorrow', 'friday 5pm', 'end of month', '2026-12-15T17:00', 'in 3 hours'].map((input) =>
        read(input, SATURDAY_0030_KL, KL),
      );
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const farEast = answers();
      process.env.TZ = 'Pacific/Pago_Pago';
      const farWest = answers();
      expect(farEast).toEqual(farWest);
      expect(farEast[0]).toEqual({ kind: 'date', date: '2026-11-29' });
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('parseDeadline: refusals', () => {
  it.each<[string, InvalidDateReason, RegExp]>([
    ['banana', 'unreadable', /could not read "banana"/],
    ['', 'unreadable', /No date was given/],
    ['the committee', 'unreadable', /could not read/],
    ['next week friday', 'unreadable', /could not read/],
    ['mid january', 'unreadable', /could not read/],
    ['03/04/2027', 'ambiguous', /could be 3 April 2027 or 4 March 2027/],
    ['03/04 5pm', 'ambiguous', /could be 3 April or 4 March/],
    ['March', 'ambiguous', /does not say which day/],
    ['15-20 Dec', 'ambiguous', /is a range/],
    ['2026-02-30', 'impossible', /February 2026 has 28 days/],
    ['31 Nov', 'impossible', /November has 30 days/],
    ['November 31', 'impossible', /November has 30 days/],
    ['31 nov 5pm', 'impossible', /November has 30 days/],
    ['29 Feb 2027', 'impossible', /February 2027 has 28 days/],
    ['2026-13-01', 'impossible', /no month 13/],
    ['13/13/2027', 'impossible', /no month 13/],
    ['31/11/2027', 'impossible', /November has 30 days/],
    ['2026-12-15T25:00', 'impossible', /no such time of day/],
    ['2026-12-15T17:00+15:00', 'impossible', /not a UTC offset/],
    ['yesterday', 'past', /Fri 27 Nov 2026 has already passed: today is Sat 28 Nov 2026 in Kuala Lumpur\./],
    ['last friday', 'past', /has already passed/],
    ['2026-11-27', 'past', /has already passed/],
    ['15 Dec 2025', 'past', /Mon 15 Dec 2025 has already passed/],
    [
      '2026-11-28T00:00+08:00',
      'past',
      /Sat 28 Nov 2026 00:00 Kuala Lumpur time has already passed: it is now Sat 28 Nov 2026 00:30 Kuala Lumpur time\./,
    ],
    ['0001-01-01', 'past', /Mon 1 Jan 0001 has already passed/],
    ['9999-12-31', 'too-far', /Fri 31 Dec 9999 is more than 10 years away/],
    ['2036-11-29', 'too-far', /more than 10 years away/],
  ])('refuses %s as %s', (input, reason, message) => {
    const error = refusal(input, SATURDAY_0030_KL);
    expect(error.reason).toBe(reason);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });

  it('tells how to write a date when it cannot read one', () => {
    expect(refusal('banana', SATURDAY_0030_KL).message).toContain(HOW_TO_WRITE_A_DATE);
    expect(HOW_TO_WRITE_A_DATE).toBe('Write a date like 2026-12-15, "15 Dec" or "next friday".');
  });

  it('suggests a month name or an ISO date for an ambiguous numeric date', () => {
    expect(refusal('03/04/2027', SATURDAY_0030_KL).message).toMatch(/like "3 Apr 2027".*year-month-day/);
  });

  it('refuses a wall time that the spring change skips', () => {
    const error = refusal('2027-03-28T01:30', BEFORE_LONDON_SPRING_FORWARD, LONDON);
    expect(error.reason).toBe('impossible');
    expect(error.message).toMatch(/01:30 on Sun 28 Mar 2027 does not exist in London: the clocks skip it/);
  });

  it('takes a deadline up to ten years ahead', () => {
    expect(read('2036-11-28', SATURDAY_0030_KL)).toEqual({ kind: 'date', date: '2036-11-28' });
  });

  it('judges the past by the day in the zone, not in UTC', () => {
    expect(refusal('2026-11-27', SATURDAY_0030_KL, KL).reason).toBe('past');
    expect(read('2026-11-27', SATURDAY_0030_KL, 'UTC')).toEqual({ kind: 'date', date: '2026-11-27' });
    expect(read('2026-11-28', SATURDAY_0030_KL, KL)).toEqual({ kind: 'date', date: '2026-11-28' });
  });

  it('throws only InvalidDateError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (input) => {
        try {
          read(input, SATURDAY_0030_KL);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidDateError);
        }
      }),
    );
  });
});

describe('looksLikeDate', () => {
  it.each(['next friday', '15 Dec', '2026-12-15', 'end of january', 'in 2 weeks', 'friday 5pm'])(
    'is true for the date %s',
    (input) => {
      expect(looksLikeDate(input)).toBe(true);
    },
  );

  it.each(['31 Nov', '03/04/2027', 'yesterday'])(
    'is true for %s, a date that deserves an answer',
    (input) => {
      expect(looksLikeDate(input)).toBe(true);
    },
  );

  it.each(['the committee', 'MITI', 'friday the team', ''])('is false for %s', (input) => {
    expect(looksLikeDate(input)).toBe(false);
  });
});
