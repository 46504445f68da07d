import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/dates/parse-deadline.js';

const KL = 'Asia/Kuala_Lumpur';
const NEW_DELHI = 'Asia/Kolkata';
const AUCKLAND = 'Pacific/Auckland';
const NEW_YORK = 'America/New_York';

/** Friday 4 December 2026, 10:30 UTC: 18:30 in Kuala Lumpur, 16:00 in New Delhi, Saturday 23:30 in Auckland. */
const FRIDAY_1030_UTC = new Date('2026-12-04T10:30:00Z');

function read(input: string, timeZone: string, now = FRIDAY_1030_UTC) {
  return parseDeadline(input, { timeZone, now });
}

describe('a weekday with a time is the next such moment still ahead in the lead zone', () => {
  it('reads "friday 5pm" as today for an agency in New Delhi, where 17:00 is still ahead', () => {
    expect(read('friday 5pm', NEW_DELHI)).toEqual({ kind: 'instant', at: '2026-12-04T11:30:00.000Z' });
    expect(read('by friday 5pm', NEW_DELHI)).toEqual({ kind: 'instant', at: '2026-12-04T11:30:00.000Z' });
  });

  it('reads "friday 5pm" as next Friday for an agency in Kuala Lumpur, where 17:00 has passed', () => {
    expect(read('friday 5pm', KL)).toEqual({ kind: 'instant', at: '2026-12-11T09:00:00.000Z' });
    expect(read('fri 17:00', KL)).toEqual({ kind: 'instant', at: '2026-12-11T09:00:00.000Z' });
  });

  it('reads "friday 5pm" in Auckland, where it is already Saturday, as the coming Friday', () => {
    expect(read('friday 5pm', AUCKLAND)).toEqual({ kind: 'instant', at: '2026-12-11T04:00:00.000Z' });
  });

  it('reads "monday 9am" on a Friday as the coming Monday', () => {
    expect(read('monday 9am', KL)).toEqual({ kind: 'instant', at: '2026-12-07T01:00:00.000Z' });
  });

  it('reads "friday 6:30pm" in Kuala Lumpur at 18:30 as today: the moment has not passed', () => {
    expect(read('friday 6:30pm', KL)).toEqual({ kind: 'instant', at: '2026-12-04T10:30:00.000Z' });
  });
});

describe('a weekday alone is the next such day that has not ended', () => {
  it('reads "friday" on a Friday as today', () => {
    expect(read('friday', KL)).toEqual({ kind: 'date', date: '2026-12-04' });
    expect(read('on friday', NEW_DELHI)).toEqual({ kind: 'date', date: '2026-12-04' });
  });

  it('reads "thursday" on a Friday as six days ahead', () => {
    expect(read('thursday', KL)).toEqual({ kind: 'date', date: '2026-12-10' });
  });

  it('reads "next friday" as the Friday of the following week', () => {
    expect(read('next friday', KL)).toEqual({ kind: 'date', date: '2026-12-11' });
  });

  it('reads "this friday" on a Friday as today', () => {
    expect(read('this friday', KL)).toEqual({ kind: 'date', date: '2026-12-04' });
  });
});

describe('a time alone is the next time the clock in the lead zone shows it', () => {
  it('reads "5pm" as tomorrow where 17:00 has passed and as today where it has not', () => {
    expect(read('5pm', KL)).toEqual({ kind: 'instant', at: '2026-12-05T09:00:00.000Z' });
    expect(read('5pm', NEW_DELHI)).toEqual({ kind: 'instant', at: '2026-12-04T11:30:00.000Z' });
  });
});

describe('chosen instants near day boundaries', () => {
  /** Sunday 23:30 in New York (EST), already Monday 04:30 UTC. */
  const SUNDAY_NIGHT_NEW_YORK = new Date('2026-12-07T04:30:00Z');
  /** Monday 07:00 in Auckland (NZDT), still Sunday 18:00 UTC. */
  const MONDAY_MORNING_AUCKLAND = new Date('2026-12-06T18:00:00Z');

  it('reads "tomorrow" and "monday 9am" on Sunday night in New York as Monday', () => {
    expect(read('tomorrow', NEW_YORK, SUNDAY_NIGHT_NEW_YORK)).toEqual({ kind: 'date', date: '2026-12-07' });
    expect(read('monday 9am', NEW_YORK, SUNDAY_NIGHT_NEW_YORK)).toEqual({
      kind: 'instant',
      at: '2026-12-07T14:00:00.000Z',
    });
    expect(read('today', NEW_YORK, SUNDAY_NIGHT_NEW_YORK)).toEqual({ kind: 'date', date: '2026-12-06' });
  });

  it('reads "today", "monday" and "end of week" on Monday morning in Auckland in its own week', () => {
    expect(read('today', AUCKLAND, MONDAY_MORNING_AUCKLAND)).toEqual({ kind: 'date', date: '2026-12-07' });
    expect(read('monday', AUCKLAND, MONDAY_MORNING_AUCKLAND)).toEqual({ kind: 'date', date: '2026-12-07' });
    expect(read('end of week', AUCKLAND, MONDAY_MORNING_AUCKLAND)).toEqual({
      kind: 'date',
      date: '2026-12-11',
    });
    expect(read('monday 9am', AUCKLAND, MONDAY_MORNING_AUCKLAND)).toEqual({
      kind: 'instant',
      at: '2026-12-06T20:00:00.000Z',
    });
  });

  it('reads spans as real time, whatever daylight saving does on the way', () => {
    // New York springs forward at 02:00 on Sunday 14 March 2027: 22:00 Saturday + 6 hours is 05:00 EDT.
    const saturdayNight = new Date('2027-03-14T03:00:00Z');
    expect(read('in 6 hours', NEW_YORK, saturdayNight)).toEqual({
      kind: 'instant',
      at: '2027-03-14T09:00:00.000Z',
    });
    expect(read('in half an hour', NEW_YORK, saturdayNight)).toEqual({
      kind: 'instant',
      at: '2027-03-14T03:30:00.000Z',
    });
  });
});
