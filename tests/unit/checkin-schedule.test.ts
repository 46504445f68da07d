import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/calendar/working-days.js';
import { checkinDueToday, dailyAtTimeOf, isoWeekOf } from '../../src/checkins/checkin-day.js';
import { readCron, readWeeklyTime, weeklyTimeWords } from '../../src/dates/weekly-time.js';

const KL = 'Asia/Kuala_Lumpur';
const WEDNESDAY_9AM = '0 9 * * 3';
const federal = new WorkingCalendar('MY');

describe('the check-in day', () => {
  it('runs daily at CHECKIN_CRON’s time of day, seconds kept', () => {
    expect(dailyAtTimeOf('0 9 * * 3')).toBe('0 9 * * *');
    expect(dailyAtTimeOf('30 0 9 * * 3')).toBe('30 0 9 * * *');
  });

  it('is CHECKIN_CRON’s day in the agency’s zone, whatever the host’s zone', () => {
    // Wed 4 Mar 2026 08:00 in Kuala Lumpur is still Tuesday in UTC.
    expect(checkinDueToday(WEDNESDAY_9AM, KL, federal, new Date('2026-03-04T00:00:00Z'))).toEqual({
      week: '2026-W10',
      day: '2026-03-04',
    });
    expect(checkinDueToday(WEDNESDAY_9AM, KL, federal, new Date('2026-03-03T08:00:00Z'))).toBeUndefined();
  });

  it('moves to the working day before when the agency does not work on it', () => {
    const closedWednesday = new WorkingCalendar('MY', new Map([['2026-03-04', { name: 'Staff retreat' }]]));
    expect(
      checkinDueToday(WEDNESDAY_9AM, KL, closedWednesday, new Date('2026-03-04T02:00:00Z')),
    ).toBeUndefined();
    expect(checkinDueToday(WEDNESDAY_9AM, KL, closedWednesday, new Date('2026-03-03T02:00:00Z'))).toEqual({
      week: '2026-W10',
      day: '2026-03-04',
    });
  });

  it('in Kedah, a Friday check-in comes on the Thursday', () => {
    const kedah = new WorkingCalendar('MY-02');
    const friday = '0 9 * * 5';
    expect(checkinDueToday(friday, KL, kedah, new Date('2026-03-05T02:00:00Z'))).toEqual({
      week: '2026-W10',
      day: '2026-03-06',
    });
    expect(checkinDueToday(friday, KL, kedah, new Date('2026-03-06T02:00:00Z'))).toBeUndefined();
  });

  it('counts a check-in moved back across a Monday for the week it belongs to', () => {
    // Monday 2 Feb 2026 closed: its check-in comes on Friday 30 January, for week 6.
    const closedMonday = new WorkingCalendar('IN', new Map([['2026-02-02', { name: 'Office move' }]]));
    expect(
      checkinDueToday('0 9 * * 1', 'Asia/Kolkata', closedMonday, new Date('2026-01-30T04:00:00Z')),
    ).toEqual({
      week: '2026-W06',
      day: '2026-02-02',
    });
    expect(isoWeekOf({ year: 2027, month: 1, day: 1 })).toBe('2026-W53');
  });
});

describe('a digest time in words', () => {
  it('reads days and a time of day as a weekly cron', () => {
    expect(readWeeklyTime('mon 09:00')).toBe('0 9 * * 1');
    expect(readWeeklyTime('Friday at 4:30pm')).toBe('30 16 * * 5');
    expect(readWeeklyTime('mon,thu 17:30')).toBe('30 17 * * 1,4');
    expect(readWeeklyTime('weekdays 08:00')).toBe('0 8 * * 1-5');
    expect(readWeeklyTime('mon 9')).toBeUndefined();
    expect(readWeeklyTime('someday 09:00')).toBeUndefined();
    expect(readWeeklyTime('mon 25:00')).toBeUndefined();
    expect(readCron('0 9 * * 1')).toBe('0 9 * * 1');
    expect(readCron('every monday')).toBeUndefined();
  });

  it('says a weekly cron in words, and any other as the cron', () => {
    expect(weeklyTimeWords('0 9 * * 1')).toBe('Mondays at 09:00');
    expect(weeklyTimeWords('30 17 * * 1,4')).toBe('Mondays and Thursdays at 17:30');
    expect(weeklyTimeWords('0 8 * * 1-5')).toBe('weekdays at 08:00');
    expect(weeklyTimeWords('0 9 1 * *')).toBe('cron "0 9 1 * *"');
  });
});
