import { describe, expect, it } from 'vitest';
import {
  daysAhead,
  dueWithinDays,
  formatDeadline,
  momentText,
  stampText,
  zoneLabel,
} from '../../src/dates/time-display.js';
import type { Deadline } from '../../src/model/deadline.js';

const KL = 'Asia/Kuala_Lumpur';
const LONDON = 'Europe/London';

/** Saturday 00:30 in Kuala Lumpur while it is Friday afternoon in UTC and in São Paulo. */
const SATURDAY_0030_KL = new Date('2026-11-27T16:30:00Z');

function day(date: string): Deadline {
  return { kind: 'date', date };
}

function instant(at: string): Deadline {
  return { kind: 'instant', at };
}

describe('zoneLabel: a zone named by place', () => {
  it.each([
    [KL, 'Kuala Lumpur time'],
    ['Asia/Kolkata', 'India time'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires time'],
    [LONDON, 'London time'],
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Etc/GMT-8', 'UTC+8'],
    ['Asia/Kathmandu', 'Kathmandu time'],
  ])('names %s "%s"', (zone, label) => {
    expect(zoneLabel(zone, SATURDAY_0030_KL.getTime())).toBe(label);
  });
});

describe('momentText and stampText', () => {
  it('write a moment on the lead agency clock, with its place', () => {
    expect(momentText(Date.parse('2026-12-04T09:00:00Z'), KL)).toBe('Fri 4 Dec 2026 17:00 Kuala Lumpur time');
    expect(momentText(Date.parse('2026-12-04T09:00:00Z'), 'Asia/Kolkata')).toBe(
      'Fri 4 Dec 2026 14:30 India time',
    );
    expect(stampText(Date.parse('2026-12-04T10:30:00Z'), KL)).toBe('4 Dec 2026 18:30 Kuala Lumpur time');
  });

  it('are the same whatever the host zone', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const east = momentText(Date.parse('2027-03-28T08:00:00Z'), LONDON);
      process.env.TZ = 'America/Los_Angeles';
      expect(momentText(Date.parse('2027-03-28T08:00:00Z'), LONDON)).toBe(east);
      expect(east).toBe('Sun 28 Mar 2027 09:00 London time');
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('formatDeadline: a day', () => {
  it.each([
    ['2026-11-28', 'Sat 28 Nov 2026 (today)'],
    ['2026-11-29', 'Sun 29 Nov 2026 (tomorrow)'],
    ['2026-12-03', 'Thu 3 Dec 2026 (in 5 days)'],
    ['2026-11-27', 'Fri 27 Nov 2026 (1 day overdue)'],
    ['2026-11-25', 'Wed 25 Nov 2026 (3 days overdue)'],
  ])('writes %s as %s, counted in the lead zone', (date, text) => {
    expect(formatDeadline(day(date), { leadTimeZone: KL, now: SATURDAY_0030_KL })).toBe(text);
  });

  it('counts a day as overdue only once it has ended in the lead zone', () => {
    const friday = day('2026-11-27');
    expect(formatDeadline(friday, { leadTimeZone: KL, now: SATURDAY_0030_KL })).toBe(
      'Fri 27 Nov 2026 (1 day overdue)',
    );
    expect(formatDeadline(friday, { leadTimeZone: 'UTC', now: SATURDAY_0030_KL })).toBe(
      'Fri 27 Nov 2026 (today)',
    );
  });
});

describe('formatDeadline: an instant', () => {
  const due = instant('2026-12-15T09:00:00.000Z');
  const twoDaysBefore = new Date('2026-12-13T09:00:00Z');

  it.each([
    [KL, 'Tue 15 Dec 2026 17:00 Kuala Lumpur time (in 2 days)'],
    ['America/Sao_Paulo', 'Tue 15 Dec 2026 06:00 Sao Paulo time (in 2 days)'],
    ['Asia/Kolkata', 'Tue 15 Dec 2026 14:30 India time (in 2 days)'],
    [LONDON, 'Tue 15 Dec 2026 09:00 London time (in 2 days)'],
  ])('writes it on the clock of a lead agency in %s', (leadTimeZone, text) => {
    expect(formatDeadline(due, { leadTimeZone, now: twoDaysBefore })).toBe(text);
  });

  it('writes a London summer instant on the summer clock', () => {
    expect(
      formatDeadline(instant('2027-03-28T08:00:00.000Z'), {
        leadTimeZone: LONDON,
        now: new Date('2027-03-27T12:00:00Z'),
      }),
    ).toBe('Sun 28 Mar 2027 09:00 London time (in 20 hours)');
  });

  it.each([
    ['2026-12-15T08:59:30Z', 'due now'],
    ['2026-12-15T08:15:00Z', 'in 45 minutes'],
    ['2026-12-15T08:00:00Z', 'in 1 hour'],
    ['2026-12-14T09:00:00Z', 'in 1 day'],
    ['2026-12-15T09:01:00Z', '1 minute overdue'],
    ['2026-12-15T14:00:00Z', '5 hours overdue'],
    ['2026-12-18T10:00:00Z', '3 days overdue'],
  ])('at %s says %s', (now, relative) => {
    expect(formatDeadline(due, { leadTimeZone: KL, now: new Date(now) })).toBe(
      `Tue 15 Dec 2026 17:00 Kuala Lumpur time (${relative})`,
    );
  });
});

describe('dueWithinDays: the boundary of "due in the next N days" is the one "(in N days)" shows', () => {
  /** Monday 30 November 2026, 09:00 in Kuala Lumpur. */
  const MONDAY_9AM_KL = new Date('2026-11-30T01:00:00Z');
  const options = { leadTimeZone: KL, now: MONDAY_9AM_KL };

  it.each([
    ['2026-11-30', true],
    ['2026-12-14', true],
    ['2026-12-15', false],
    ['2026-11-29', false],
  ])('a day on %s: %s', (date, within) => {
    const deadline = day(date);
    expect(dueWithinDays(deadline, KL, MONDAY_9AM_KL, 14)).toBe(within);
    const shown = formatDeadline(deadline, options);
    if (date === '2026-12-14') expect(shown).toContain('(in 14 days)');
    if (date === '2026-12-15') expect(shown).toContain('(in 15 days)');
  });

  it.each([
    ['2026-12-15T00:59:59.999Z', true, 'in 14 days'],
    ['2026-12-15T01:00:00.000Z', false, 'in 15 days'],
    ['2026-11-30T00:59:00.000Z', false, '1 minute overdue'],
  ])('an instant at %s: %s, shown "%s"', (at, within, relative) => {
    expect(dueWithinDays(instant(at), KL, MONDAY_9AM_KL, 14)).toBe(within);
    expect(formatDeadline(instant(at), options)).toContain(`(${relative})`);
  });

  it('counts whole days for a day and whole 24 hours for an instant', () => {
    expect(daysAhead(day('2026-12-01'), KL, MONDAY_9AM_KL)).toBe(1);
    expect(daysAhead(instant('2026-12-01T00:00:00Z'), KL, MONDAY_9AM_KL)).toBe(0);
  });
});
