import { describe, expect, it } from 'vitest';
import { formatDeadline } from '../../src/dates/format-deadline.js';
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

describe('formatDeadline: a day', () => {
  it.each([
    ['2026-11-28', 'Sat 28 Nov 2026 (today)'],
    ['2026-11-29', 'Sun 29 Nov 2026 (tomorrow)'],
    ['2026-12-03', 'Thu 3 Dec 2026 (in 5 days)'],
    ['2026-11-27', 'Fri 27 Nov 2026 (1 day overdue)'],
    ['2026-11-25', 'Wed 25 Nov 2026 (3 days overdue)'],
  ])('writes %s as %s, counted in the lead zone', (date, text) => {
    expect(
      formatDeadline(day(date), { leadTimeZone: KL, readerTimeZone: LONDON, now: SATURDAY_0030_KL }),
    ).toBe(text);
  });

  it('counts a day as overdue only once it has ended in the lead zone, whatever the reader zone', () => {
    const friday = day('2026-11-27');
    expect(formatDeadline(friday, { leadTimeZone: KL, readerTimeZone: 'UTC', now: SATURDAY_0030_KL })).toBe(
      'Fri 27 Nov 2026 (1 day overdue)',
    );
    expect(formatDeadline(friday, { leadTimeZone: 'UTC', readerTimeZone: KL, now: SATURDAY_0030_KL })).toBe(
      'Fri 27 Nov 2026 (today)',
    );
  });
});

describe('formatDeadline: an instant', () => {
  const due = instant('2026-12-15T09:00:00.000Z');
  const twoDaysBefore = new Date('2026-12-13T09:00:00Z');

  it.each([
    [KL, 'Tue 15 Dec 2026 17:00 GMT+8 (in 2 days)'],
    ['America/Sao_Paulo', 'Tue 15 Dec 2026 06:00 GMT-3 (in 2 days)'],
    ['Asia/Kolkata', 'Tue 15 Dec 2026 14:30 GMT+5:30 (in 2 days)'],
    [LONDON, 'Tue 15 Dec 2026 09:00 GMT+0 (in 2 days)'],
  ])('writes it on the clock of a reader in %s', (readerTimeZone, text) => {
    expect(formatDeadline(due, { leadTimeZone: KL, readerTimeZone, now: twoDaysBefore })).toBe(text);
  });

  it('writes a London summer instant with the summer offset', () => {
    expect(
      formatDeadline(instant('2027-03-28T08:00:00.000Z'), {
        leadTimeZone: LONDON,
        readerTimeZone: LONDON,
        now: new Date('2027-03-27T12:00:00Z'),
      }),
    ).toBe('Sun 28 Mar 2027 09:00 GMT+1 (in 20 hours)');
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
    expect(formatDeadline(due, { leadTimeZone: KL, readerTimeZone: KL, now: new Date(now) })).toBe(
      `Tue 15 Dec 2026 17:00 GMT+8 (${relative})`,
    );
  });
});
