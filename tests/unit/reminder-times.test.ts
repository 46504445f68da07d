import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReminderRecipient, reminderTimes, SNOOZE_OFFSET } from '../../src/calendar/reminder-times.js';
import { WorkingCalendar } from '../../src/calendar/working-days.js';
import { calendarDayIn } from '../../src/dates/calendar-day.js';
import { parseDuration } from '../../src/dates/duration.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { Deadline } from '../../src/model/deadline.js';

const offsets = (...texts: string[]) => texts.map((text) => parseDuration(text)!);
const DEFAULT_OFFSETS = offsets('7d', '1d', '0d');

const MITI: ReminderRecipient = { code: 'MITI', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' };
const KEDAH: ReminderRecipient = { code: 'KEDAH', timeZone: 'Asia/Kuala_Lumpur', country: 'MY-02' };
const MEITY: ReminderRecipient = { code: 'MEITY', timeZone: 'Asia/Kolkata', country: 'IN' };
const UNIT: ReminderRecipient = { code: 'CU', timeZone: 'Europe/London', country: 'GB' };

function commitment(deadline: Deadline | undefined, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 'C-1',
    title: 'Semiconductor working group terms of reference',
    owners: ['MITI'],
    deadline,
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

function plan(
  c: Commitment,
  recipient: ReminderRecipient,
  now: string,
  options: { leadTimeZone?: string; offsets?: ReturnType<typeof offsets> } = {},
) {
  return reminderTimes({
    commitment: c,
    offsets: options.offsets ?? DEFAULT_OFFSETS,
    recipient,
    leadTimeZone: options.leadTimeZone ?? 'Asia/Kuala_Lumpur',
    now: new Date(now),
  }).map((r) => ({ offset: r.offset, at: new Date(r.at).toISOString() }));
}

const onDate = (date: string): Deadline => ({ kind: 'date', date });

describe('reminders of a date-only deadline', () => {
  it('come at 09:00 in the recipient’s zone, the offsets’ days before the deadline', () => {
    // Tue 15 Dec 2026; 09:00 in Kuala Lumpur is 01:00 UTC.
    expect(plan(commitment(onDate('2026-12-15')), MITI, '2026-11-01T00:00:00Z')).toEqual([
      { offset: '7d', at: '2026-12-08T01:00:00.000Z' },
      { offset: '1d', at: '2026-12-14T01:00:00.000Z' },
      { offset: '0d', at: '2026-12-15T01:00:00.000Z' },
    ]);
  });

  it('a supporting agency elsewhere is reminded at 09:00 its own time, of the lead’s deadline day', () => {
    const c = commitment(onDate('2026-12-15'), { owners: ['MITI', 'MEITY'] });
    expect(plan(c, MEITY, '2026-11-01T00:00:00Z')).toEqual([
      { offset: '7d', at: '2026-12-08T03:30:00.000Z' },
      { offset: '1d', at: '2026-12-14T03:30:00.000Z' },
      { offset: '0d', at: '2026-12-15T03:30:00.000Z' },
    ]);
  });

  it('Republic Day moves India’s deadline-day reminder back to the Friday before', () => {
    // Republic Day 2026 is Mon 26 Jan: the deadline-day reminder goes to Fri 23 Jan.
    expect(
      plan(commitment(onDate('2026-01-26')), MEITY, '2026-01-01T00:00:00Z', { leadTimeZone: 'Asia/Kolkata' }),
    ).toEqual([
      { offset: '7d', at: '2026-01-19T03:30:00.000Z' },
      { offset: '0d', at: '2026-01-23T03:30:00.000Z' }, // 1d (Sun 25) also lands on Fri 23: one reminder
    ]);
  });

  it('Deepavali moves Malaysia’s reminder to the previous working day', () => {
    // Deepavali 2025 is Mon 20 Oct: the day-before reminder (Sun 19) and the deadline-day one both go to Fri 17.
    expect(plan(commitment(onDate('2025-10-20')), MITI, '2025-10-01T00:00:00Z')).toEqual([
      { offset: '7d', at: '2025-10-13T01:00:00.000Z' },
      { offset: '0d', at: '2025-10-17T01:00:00.000Z' },
    ]);
  });

  it('Christmas on a Friday moves India’s reminder to Thursday', () => {
    expect(
      plan(commitment(onDate('2026-12-25')), MEITY, '2026-12-01T00:00:00Z', { offsets: offsets('0d') }),
    ).toEqual([{ offset: '0d', at: '2026-12-24T03:30:00.000Z' }]);
  });

  it('Kedah’s Friday–Saturday weekend and Hari Raya push a Sunday deadline back to Thursday', () => {
    // Sun 22 Mar 2026 is Hari Raya in Kedah, Sat 21 too, Fri 20 is the weekend.
    const c = commitment(onDate('2026-03-22'), { owners: ['MITI', 'KEDAH'] });
    expect(plan(c, KEDAH, '2026-03-01T00:00:00Z')).toEqual([
      { offset: '7d', at: '2026-03-15T01:00:00.000Z' }, // Sunday is a working day in Kedah
      { offset: '0d', at: '2026-03-19T01:00:00.000Z' },
    ]);
    // Federal Malaysia on the same deadline: Friday is a working day there.
    expect(plan(c, MITI, '2026-03-01T00:00:00Z')).toEqual([
      { offset: '7d', at: '2026-03-13T01:00:00.000Z' }, // Sun 15 → Fri 13
      { offset: '0d', at: '2026-03-20T01:00:00.000Z' },
    ]);
  });

  it('in London the reminders follow the wall clock across the spring DST change', () => {
    // Clocks go forward on Sun 29 Mar 2026: 09:00 is 09:00 UTC before and 08:00 UTC after.
    const c = commitment(onDate('2026-04-01'), { owners: ['CU'] });
    expect(plan(c, UNIT, '2026-03-01T00:00:00Z', { leadTimeZone: 'Europe/London' })).toEqual([
      { offset: '7d', at: '2026-03-25T09:00:00.000Z' },
      { offset: '1d', at: '2026-03-31T08:00:00.000Z' },
      { offset: '0d', at: '2026-04-01T08:00:00.000Z' },
    ]);
  });

  it('in London Easter and the autumn DST change both move reminders', () => {
    // Easter Monday 6 Apr 2026: back over Sunday, Saturday and Good Friday to Thursday.
    const easter = commitment(onDate('2026-04-06'), { owners: ['CU'] });
    expect(
      plan(easter, UNIT, '2026-03-01T00:00:00Z', { leadTimeZone: 'Europe/London', offsets: offsets('0d') }),
    ).toEqual([{ offset: '0d', at: '2026-04-02T08:00:00.000Z' }]);
    // Clocks go back on Sun 25 Oct 2026; Mon 26 is 09:00 GMT, the Friday before 08:00 UTC (BST).
    const autumn = commitment(onDate('2026-10-26'), { owners: ['CU'] });
    expect(
      plan(autumn, UNIT, '2026-10-01T00:00:00Z', {
        leadTimeZone: 'Europe/London',
        offsets: offsets('1d', '0d'),
      }),
    ).toEqual([
      { offset: '1d', at: '2026-10-23T08:00:00.000Z' },
      { offset: '0d', at: '2026-10-26T09:00:00.000Z' },
    ]);
  });

  it('an offset counts in whole days: 36h before a Wednesday is Tuesday 09:00', () => {
    expect(
      plan(commitment(onDate('2026-12-16')), MITI, '2026-12-01T00:00:00Z', { offsets: offsets('36h') }),
    ).toEqual([{ offset: '36h', at: '2026-12-15T01:00:00.000Z' }]);
  });

  it('skips the moments already past when planned', () => {
    // 14 Dec 2026 05:00 UTC is 13:00 in Kuala Lumpur: the 1d reminder (09:00) has gone.
    expect(plan(commitment(onDate('2026-12-15')), MITI, '2026-12-14T05:00:00Z')).toEqual([
      { offset: '0d', at: '2026-12-15T01:00:00.000Z' },
    ]);
    expect(plan(commitment(onDate('2026-12-15')), MITI, '2026-12-16T00:00:00Z')).toEqual([]);
  });
});

describe('reminders of a deadline with a time of day', () => {
  it('come exactly at the offsets before it, weekend or not', () => {
    // Sat 19 Dec 2026 17:00 in Kuala Lumpur.
    const c = commitment({ kind: 'instant', at: '2026-12-19T09:00:00.000Z' });
    expect(plan(c, MEITY, '2026-12-01T00:00:00Z', { offsets: offsets('1d', '2h', '0d') })).toEqual([
      { offset: '1d', at: '2026-12-18T09:00:00.000Z' },
      { offset: '2h', at: '2026-12-19T07:00:00.000Z' },
      { offset: '0d', at: '2026-12-19T09:00:00.000Z' },
    ]);
  });

  it('second-scale offsets work the same way', () => {
    const c = commitment({ kind: 'instant', at: '2026-12-19T09:00:10.000Z' });
    expect(plan(c, MITI, '2026-12-19T09:00:00Z', { offsets: offsets('4s', '2s', '0s') })).toEqual([
      { offset: '4s', at: '2026-12-19T09:00:06.000Z' },
      { offset: '2s', at: '2026-12-19T09:00:08.000Z' },
      { offset: '0s', at: '2026-12-19T09:00:10.000Z' },
    ]);
  });
});

describe('commitments without reminders', () => {
  it('a closed or undated commitment has none', () => {
    expect(plan(commitment(onDate('2026-12-15'), { status: 'done' }), MITI, '2026-11-01T00:00:00Z')).toEqual(
      [],
    );
    expect(
      plan(commitment(onDate('2026-12-15'), { status: 'cancelled' }), MITI, '2026-11-01T00:00:00Z'),
    ).toEqual([]);
    expect(plan(commitment(undefined), MITI, '2026-11-01T00:00:00Z')).toEqual([]);
  });
});

describe('snooze', () => {
  const deadline = onDate('2026-12-15'); // Tuesday

  it('holds back the reminders before it ends and posts one when it ends, on a working day', () => {
    // Snoozed on Mon 7 Dec 10:00 MYT for 1 day: the 7d reminder (Tue 8 Dec 09:00) moves to Tue 8 Dec 10:00.
    const c = commitment(deadline, { snoozedUntil: '2026-12-08T02:00:00.000Z' });
    expect(plan(c, MITI, '2026-12-07T02:00:00Z')).toEqual([
      { offset: SNOOZE_OFFSET, at: '2026-12-08T02:00:00.000Z' },
      { offset: '1d', at: '2026-12-14T01:00:00.000Z' },
      { offset: '0d', at: '2026-12-15T01:00:00.000Z' },
    ]);
  });

  it('a snooze ending early in the morning reminds at 09:00 that day', () => {
    // Deadline Tue 22 Dec; the 7d reminder (Tue 15) is held until Wed 16 Dec 06:00 MYT, so it comes at 09:00.
    const c = commitment(onDate('2026-12-22'), { snoozedUntil: '2026-12-15T22:00:00.000Z' });
    expect(plan(c, MITI, '2026-12-10T00:00:00Z')).toEqual([
      { offset: SNOOZE_OFFSET, at: '2026-12-16T01:00:00.000Z' },
      { offset: '1d', at: '2026-12-21T01:00:00.000Z' },
      { offset: '0d', at: '2026-12-22T01:00:00.000Z' },
    ]);
  });

  it('a snooze ending on a weekend reminds at 09:00 on the next working day', () => {
    // Deadline Thu 17 Dec; the 7d reminder (Thu 10) is held until Sat 12 Dec, so it comes on Mon 14 at 09:00.
    const c = commitment(onDate('2026-12-17'), { snoozedUntil: '2026-12-12T02:00:00.000Z' });
    expect(plan(c, MITI, '2026-12-09T00:00:00Z')).toEqual([
      { offset: SNOOZE_OFFSET, at: '2026-12-14T01:00:00.000Z' },
      { offset: '1d', at: '2026-12-16T01:00:00.000Z' },
      { offset: '0d', at: '2026-12-17T01:00:00.000Z' },
    ]);
  });

  it('a moved reminder that lands on a planned one makes one reminder', () => {
    // Deadline Tue 15 Dec: the 7d reminder held until Sat 12 would come on Mon 14 09:00, the 1d reminder's moment.
    const c = commitment(deadline, { snoozedUntil: '2026-12-12T02:00:00.000Z' });
    expect(plan(c, MITI, '2026-12-07T00:00:00Z')).toEqual([
      { offset: '1d', at: '2026-12-14T01:00:00.000Z' },
      { offset: '0d', at: '2026-12-15T01:00:00.000Z' },
    ]);
  });

  it('a snooze past the deadline drops the held reminders: the overdue roll-up takes over', () => {
    const c = commitment(deadline, { snoozedUntil: '2026-12-20T00:00:00.000Z' });
    expect(plan(c, MITI, '2026-12-13T00:00:00Z')).toEqual([]);
  });

  it('a snooze that holds nothing back changes nothing', () => {
    const c = commitment(deadline, { snoozedUntil: '2026-12-03T00:00:00.000Z' });
    expect(plan(c, MITI, '2026-12-02T00:00:00Z')).toEqual(
      plan(commitment(deadline), MITI, '2026-12-02T00:00:00Z'),
    );
  });

  it('a snooze already over is ignored', () => {
    const c = commitment(deadline, { snoozedUntil: '2026-11-01T00:00:00.000Z' });
    expect(plan(c, MITI, '2026-12-02T00:00:00Z')).toEqual(
      plan(commitment(deadline), MITI, '2026-12-02T00:00:00Z'),
    );
  });

  it('with a time of day, the moved reminder comes exactly when the snooze ends', () => {
    const c = commitment(
      { kind: 'instant', at: '2026-12-19T09:00:10.000Z' },
      { snoozedUntil: '2026-12-19T09:00:07.500Z' },
    );
    expect(plan(c, MITI, '2026-12-19T09:00:00Z', { offsets: offsets('4s', '2s', '0s') })).toEqual([
      { offset: SNOOZE_OFFSET, at: '2026-12-19T09:00:07.500Z' },
      { offset: '2s', at: '2026-12-19T09:00:08.000Z' },
      { offset: '0s', at: '2026-12-19T09:00:10.000Z' },
    ]);
  });
});

describe('every reminder of a date-only deadline', () => {
  const recipients = [
    MITI,
    KEDAH,
    MEITY,
    UNIT,
    { code: 'JOHOR', timeZone: 'Asia/Kuala_Lumpur', country: 'MY-01' },
  ];

  it('is at 09:00 local on a working day of its recipient, not after the deadline day, and not past', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2027-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(...recipients),
        (now, daysAhead, recipient) => {
          const due = new Date(now.getTime() + daysAhead * 86_400_000);
          const dueDay = calendarDayIn(recipient.timeZone, due);
          const date = `${dueDay.year}-${String(dueDay.month).padStart(2, '0')}-${String(dueDay.day).padStart(2, '0')}`;
          const reminders = reminderTimes({
            commitment: commitment(onDate(date)),
            offsets: DEFAULT_OFFSETS,
            recipient,
            leadTimeZone: recipient.timeZone,
            now,
          });
          const calendar = new WorkingCalendar(recipient.country);
          for (const reminder of reminders) {
            const local = new TZDate(reminder.at, recipient.timeZone);
            expect(local.getHours()).toBe(9);
            expect(local.getMinutes()).toBe(0);
            expect(calendar.isWorkingDay(calendarDayIn(recipient.timeZone, new Date(reminder.at)))).toBe(
              true,
            );
            expect(reminder.at).toBeGreaterThanOrEqual(now.getTime());
            expect(
              local.getFullYear() * 10000 + (local.getMonth() + 1) * 100 + local.getDate(),
            ).toBeLessThanOrEqual(dueDay.year * 10000 + dueDay.month * 100 + dueDay.day);
          }
          expect(new Set(reminders.map((r) => r.at)).size).toBe(reminders.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
