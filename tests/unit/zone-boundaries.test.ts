import { describe, expect, it } from 'vitest';
import { type ReminderRecipient, reminderTimes } from '../../src/calendar/reminder-times.js';
import { calendarDayIn, isoDay } from '../../src/dates/calendar-day.js';
import { parseDuration } from '../../src/dates/duration.js';
import { digestWeek } from '../../src/digest/digest-week.js';
import type { Commitment } from '../../src/model/commitment.js';
import { dueInstant } from '../../src/model/deadline.js';

/**
 * Instants next to a day or week boundary, where a calendar read on the machine's clock instead of the
 * agency's gives another day. These suites run under several host zones (vitest.config.ts).
 */
const KL = 'Asia/Kuala_Lumpur';
const NEW_YORK = 'America/New_York';
const AUCKLAND = 'Pacific/Auckland';

/** Friday 23:30 and Saturday 00:30 in Kuala Lumpur: Friday afternoon in UTC, Friday night in Los Angeles. */
const FRIDAY_2330_KL = new Date('2026-11-27T15:30:00Z');
const SATURDAY_0030_KL = new Date('2026-11-27T16:30:00Z');
/** Sunday 23:30 in New York (EST): Monday 04:30 in UTC. */
const SUNDAY_NIGHT_NEW_YORK = new Date('2026-12-07T04:30:00Z');
/** Monday 07:00 in Auckland (NZDT): Sunday 18:00 in UTC. */
const MONDAY_MORNING_AUCKLAND = new Date('2026-12-06T18:00:00Z');

const iso = (ms: number) => new Date(ms).toISOString();

describe('the day in the agency zone', () => {
  it('is still Friday at 23:30 in Kuala Lumpur and Saturday half an hour later', () => {
    expect(isoDay(calendarDayIn(KL, FRIDAY_2330_KL))).toBe('2026-11-27');
    expect(isoDay(calendarDayIn(KL, SATURDAY_0030_KL))).toBe('2026-11-28');
    expect(isoDay(calendarDayIn('America/Los_Angeles', SATURDAY_0030_KL))).toBe('2026-11-27');
  });

  it('is Sunday at 23:30 in New York and Monday at 07:00 in Auckland', () => {
    expect(isoDay(calendarDayIn(NEW_YORK, SUNDAY_NIGHT_NEW_YORK))).toBe('2026-12-06');
    expect(isoDay(calendarDayIn(AUCKLAND, MONDAY_MORNING_AUCKLAND))).toBe('2026-12-07');
  });

  it('ends a date-only deadline at midnight in the lead zone', () => {
    expect(iso(dueInstant({ kind: 'date', date: '2026-11-27' }, KL))).toBe('2026-11-27T15:59:59.999Z');
    expect(iso(dueInstant({ kind: 'date', date: '2026-12-06' }, NEW_YORK))).toBe('2026-12-07T04:59:59.999Z');
  });
});

describe('the digest week in the agency zone', () => {
  it('is still last week on Sunday night in New York, while UTC has moved on', () => {
    expect(digestWeek(SUNDAY_NIGHT_NEW_YORK, NEW_YORK).key).toBe('2026-W49');
    expect(digestWeek(SUNDAY_NIGHT_NEW_YORK, 'UTC').key).toBe('2026-W50');
  });

  it('has begun on Monday morning in Auckland, while UTC is still on Sunday', () => {
    const week = digestWeek(MONDAY_MORNING_AUCKLAND, AUCKLAND);
    expect(week.key).toBe('2026-W50');
    expect(iso(week.start)).toBe('2026-12-06T11:00:00.000Z');
    expect(digestWeek(MONDAY_MORNING_AUCKLAND, 'UTC').key).toBe('2026-W49');
  });

  it('runs Monday to Monday in the coordination zone across the spring and autumn changes', () => {
    const spring = digestWeek(new Date('2027-03-14T12:00:00Z'), NEW_YORK);
    expect([iso(spring.start), iso(spring.end)]).toEqual([
      '2027-03-08T05:00:00.000Z',
      '2027-03-15T04:00:00.000Z',
    ]);
    const autumn = digestWeek(new Date('2027-11-07T12:00:00Z'), NEW_YORK);
    expect([iso(autumn.start), iso(autumn.end)]).toEqual([
      '2027-11-01T04:00:00.000Z',
      '2027-11-08T05:00:00.000Z',
    ]);
  });
});

describe('reminders at 09:00 in the recipient zone', () => {
  const offsets = ['7d', '1d', '0d'].map((text) => parseDuration(text)!);
  const commitment = (date: string): Commitment => ({
    id: 'C-1',
    title: 'Terms of reference',
    owners: ['CU'],
    deadline: { kind: 'date', date },
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
  });
  const plan = (date: string, recipient: ReminderRecipient, now: Date) =>
    reminderTimes({
      commitment: commitment(date),
      offsets,
      recipient,
      leadTimeZone: recipient.timeZone,
      now,
    }).map((reminder) => ({ offset: reminder.offset, at: iso(reminder.at) }));

  it('keep 09:00 on the wall clock across the spring change in the coordination zone', () => {
    const unit: ReminderRecipient = { code: 'CU', timeZone: NEW_YORK, country: 'US' };
    expect(plan('2027-03-16', unit, new Date('2027-03-01T00:00:00Z'))).toEqual([
      { offset: '7d', at: '2027-03-09T14:00:00.000Z' },
      { offset: '1d', at: '2027-03-15T13:00:00.000Z' },
      { offset: '0d', at: '2027-03-16T13:00:00.000Z' },
    ]);
  });

  it('still come today on Monday morning in Auckland, and not for the weekend already past', () => {
    const auckland: ReminderRecipient = { code: 'NZ', timeZone: AUCKLAND, country: 'NZ' };
    // The 1d reminder of Monday's deadline moved back to Friday, which has passed.
    expect(plan('2026-12-07', auckland, MONDAY_MORNING_AUCKLAND)).toEqual([
      { offset: '0d', at: '2026-12-06T20:00:00.000Z' },
    ]);
  });

  it('on Friday evening in Kuala Lumpur, move Sunday’s 1d and 0d reminders to that Friday morning, now past', () => {
    const miti: ReminderRecipient = { code: 'MITI', timeZone: KL, country: 'MY' };
    expect(plan('2026-11-29', miti, new Date('2026-11-27T11:00:00Z'))).toEqual([]);
    expect(plan('2026-11-29', miti, new Date('2026-11-26T11:00:00Z'))).toEqual([
      { offset: '0d', at: '2026-11-27T01:00:00.000Z' },
    ]);
  });
});
