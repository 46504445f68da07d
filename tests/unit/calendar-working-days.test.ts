import { describe, expect, it } from 'vitest';
import { parseRegion } from '../../src/calendar/region.js';
import { WorkingCalendar } from '../../src/calendar/working-days.js';
import type { CalendarDay } from '../../src/dates/calendar-day.js';
import { isoDay } from '../../src/dates/calendar-day.js';

function day(iso: string): CalendarDay {
  const [year, month, d] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day: d };
}

const closed = (country: string | undefined, iso: string) =>
  new WorkingCalendar(country).closedBecause(day(iso));
const movedBack = (country: string | undefined, iso: string) =>
  isoDay(new WorkingCalendar(country).onOrBefore(day(iso)));
const movedForward = (country: string | undefined, iso: string) =>
  isoDay(new WorkingCalendar(country).onOrAfter(day(iso)));

describe('regions', () => {
  it('reads a country, a country with its state, and ignores what is not a region', () => {
    expect(parseRegion('IN')).toEqual({ country: 'IN' });
    expect(parseRegion('my-02')).toEqual({ country: 'MY', subdivision: '02' });
    expect(parseRegion(undefined)).toBeUndefined();
    expect(parseRegion('Malaysia')).toBeUndefined();
  });
});

describe('weekends', () => {
  it('India and federal Malaysia rest on Saturday and Sunday and work on Friday', () => {
    expect(closed('IN', '2026-03-14')).toBe('weekend'); // Saturday
    expect(closed('IN', '2026-03-15')).toBe('weekend'); // Sunday
    expect(closed('IN', '2026-03-13')).toBeUndefined(); // Friday
    expect(closed('MY', '2026-03-13')).toBeUndefined();
    expect(closed('MY', '2026-03-15')).toBe('weekend');
  });

  it('Kedah, Kelantan and Terengganu rest on Friday and Saturday and work on Sunday', () => {
    for (const state of ['MY-02', 'MY-03', 'MY-11']) {
      expect(closed(state, '2026-03-13'), state).toBe('weekend'); // Friday
      expect(closed(state, '2026-03-14'), state).toBe('weekend'); // Saturday
      expect(closed(state, '2026-03-15'), state).toBeUndefined(); // Sunday
    }
  });

  it('Johor rested on Friday until the end of 2024 and works on Friday from 2025', () => {
    expect(closed('MY-01', '2024-06-14')).toBe('weekend'); // Friday
    expect(closed('MY-01', '2024-06-16')).not.toBe('weekend'); // Sunday (Hari Raya Haji that year)
    expect(closed('MY-01', '2025-06-13')).toBeUndefined(); // Friday
    expect(closed('MY-01', '2025-06-15')).toBe('weekend'); // Sunday
  });

  it('Terengganu kept a Saturday–Sunday weekend from 2014 to 2019', () => {
    expect(closed('MY-11', '2019-03-15')).toBeUndefined(); // Friday
    expect(closed('MY-11', '2019-03-17')).toBe('weekend'); // Sunday
  });

  it('an agency with no country has a Saturday–Sunday weekend and no holidays', () => {
    expect(closed(undefined, '2026-12-25')).toBeUndefined(); // Christmas, a Friday
    expect(closed(undefined, '2026-12-26')).toBe('weekend');
  });
});

describe('public holidays', () => {
  it('names the holiday that closes the day', () => {
    expect(closed('IN', '2026-01-26')).toBe('Republic Day');
    expect(closed('MY', '2025-10-20')).toBe('Deepavali');
    expect(closed('MY-02', '2026-03-22')).toBe('End of Ramadan (Eid al-Fitr)'); // Hari Raya Aidil Fitri
    expect(closed('IN', '2026-12-25')).toBe('Christmas Day');
    expect(closed('GB', '2026-04-06')).toBe('Easter Monday');
  });

  it('a state holiday closes that state only', () => {
    expect(closed('MY-11', '2026-03-04')).toBe('Anniversary of Installation of the Sultan of Terengganu');
    expect(closed('MY', '2026-03-04')).toBeUndefined();
  });
});

describe('moving to a working day', () => {
  it('a working day stays where it is', () => {
    expect(movedBack('IN', '2026-03-12')).toBe('2026-03-12');
    expect(movedForward('IN', '2026-03-12')).toBe('2026-03-12');
  });

  it('Republic Day, a Monday, moves back over the weekend to Friday in India', () => {
    expect(movedBack('IN', '2026-01-26')).toBe('2026-01-23');
  });

  it('Deepavali 2025, a Monday, moves back to Friday in Malaysia', () => {
    expect(movedBack('MY', '2025-10-20')).toBe('2025-10-17');
  });

  it('Christmas 2026, a Friday, moves to Thursday in India', () => {
    expect(movedBack('IN', '2026-12-25')).toBe('2026-12-24');
  });

  it('in Kedah Hari Raya on Saturday and Sunday joins the Friday–Saturday weekend: back to Thursday', () => {
    expect(movedBack('MY-02', '2026-03-22')).toBe('2026-03-19');
    // In Kuala Lumpur the same Sunday moves back only to Friday, which is a working day there.
    expect(movedBack('MY', '2026-03-22')).toBe('2026-03-20');
  });

  it('England’s Easter closes Friday to Monday: forward from Good Friday is Tuesday', () => {
    expect(movedForward('GB', '2026-04-03')).toBe('2026-04-07');
    expect(movedBack('GB', '2026-04-06')).toBe('2026-04-02');
  });
});
