import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/calendar/working-days.js';
import { isoDay } from '../../src/dates/calendar-day.js';
import type { RecurrenceRule } from '../../src/model/recurrence.js';
import { firstScheduled, nextScheduled } from '../../src/recurrence/occurrences.js';
import { looksLikeRuleAttempt, parseRule } from '../../src/recurrence/parse-rule.js';
import { ruleText } from '../../src/recurrence/rule-text.js';
import {
  deadlineOn,
  dueOn,
  followingOccurrence,
  parseDay,
  startSeries,
} from '../../src/recurrence/series.js';

function rule(text: string): RecurrenceRule {
  const reading = parseRule(text);
  if (!reading.ok) throw new Error(reading.message);
  return reading.rule;
}

const federal = new WorkingCalendar('MY');
const kedah = new WorkingCalendar('MY-02');

/** The series' days after `from`, counted from `anchor`, as ISO days. */
function series(text: string, anchor: string, count: number, calendar = federal): string[] {
  const days: string[] = [];
  let after = parseDay(anchor);
  for (let i = 0; i < count; i += 1) {
    after = nextScheduled(rule(text), parseDay(anchor), after, calendar);
    days.push(isoDay(after));
  }
  return days;
}

describe('reading a rule', () => {
  it('reads the rules of the issue and their everyday variants, and writes each back one way', () => {
    const cases: [string, RecurrenceRule, string][] = [
      ['every year on 15 Mar', { unit: 'year', interval: 1, month: 3, day: 15 }, 'every year on 15 Mar'],
      ['year on March 15th', { unit: 'year', interval: 1, month: 3, day: 15 }, 'every year on 15 Mar'],
      ['every quarter', { unit: 'month', interval: 3 }, 'every quarter'],
      [
        'every month on the last working day',
        { unit: 'month', interval: 1, day: 'last-working' },
        'every month on the last working day',
      ],
      ['every 2 weeks', { unit: 'week', interval: 2 }, 'every 2 weeks'],
      ['every other week', { unit: 'week', interval: 2 }, 'every 2 weeks'],
      ['every fortnight', { unit: 'week', interval: 2 }, 'every 2 weeks'],
      ['every Friday', { unit: 'week', interval: 1, weekday: 5 }, 'every week on Friday'],
      ['every 2 weeks on thu', { unit: 'week', interval: 2, weekday: 4 }, 'every 2 weeks on Thursday'],
      ['every month on the 15th', { unit: 'month', interval: 1, day: 15 }, 'every month on the 15th'],
      [
        'every 6 months on the last day',
        { unit: 'month', interval: 6, day: 'last' },
        'every 6 months on the last day',
      ],
      [
        'every quarter on the first working day',
        { unit: 'month', interval: 3, day: 'first-working' },
        'every quarter on the first working day',
      ],
      ['every 2 quarters', { unit: 'month', interval: 6 }, 'every 6 months'],
      ['EVERY   3 days', { unit: 'day', interval: 3 }, 'every 3 days'],
      ['every year on 29 feb', { unit: 'year', interval: 1, month: 2, day: 29 }, 'every year on 29 Feb'],
    ];
    for (const [text, expected, written] of cases) {
      expect(parseRule(text), text).toEqual({ ok: true, rule: expected });
      expect(ruleText(expected), text).toBe(written);
    }
  });

  it('says why a rule cannot be read', () => {
    const refused: [string, RegExp][] = [
      ['every 2 weaks', /not a rule I can read/],
      ['every year on 31 Feb', /31 Feb is not a day of the year/],
      ['every month on the 32nd', /A month has no 32nd day/],
      ['every week on the 15th', /A weekly rule falls on a weekday/],
      ['every year on the 15th', /A yearly rule falls on a day of the year/],
      ['every 0 weeks', /at least one/],
      ['every 200 weeks', /too far apart/],
      ['every day on monday', /daily rule has no "on" part/],
    ];
    for (const [text, message] of refused) {
      const reading = parseRule(text);
      expect(reading.ok, text).toBe(false);
      expect(!reading.ok && reading.message, text).toMatch(message);
    }
  });

  it('tells a rule that went wrong from words of a title', () => {
    expect(looksLikeRuleAttempt('2 weaks')).toBe(true);
    expect(looksLikeRuleAttempt('quarterly')).toBe(true);
    expect(looksLikeRuleAttempt('fri')).toBe(true);
    expect(looksLikeRuleAttempt('contract signed')).toBe(false);
    expect(looksLikeRuleAttempt('satellite launch')).toBe(false);
    expect(looksLikeRuleAttempt('monitoring report')).toBe(false);
  });
});

describe('the days of a series', () => {
  it('steps months from the anchor, keeping the end of the month where a month is shorter', () => {
    expect(series('every quarter', '2026-03-31', 4)).toEqual([
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
      '2027-03-31',
    ]);
    expect(series('every month', '2026-01-31', 3)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('puts yearly rules on their day, and 29 February on the 28th in other years', () => {
    expect(series('every year on 15 Mar', '2026-04-01', 2)).toEqual(['2027-03-15', '2028-03-15']);
    expect(series('every year on 29 Feb', '2028-02-29', 2)).toEqual(['2029-02-28', '2030-02-28']);
  });

  it('counts weeks from the anchor, on the rule’s weekday when it names one', () => {
    expect(series('every 2 weeks', '2026-03-06', 2)).toEqual(['2026-03-20', '2026-04-03']);
    // Due on a Wednesday, every Friday: the next is that week's Friday.
    expect(series('every week on friday', '2026-03-04', 2)).toEqual(['2026-03-06', '2026-03-13']);
  });

  it('finds the last working day of each month in the agency’s own calendar', () => {
    // End of May 2026: Hari Raya Haji on the 27th (and the 28th in Kedah), Vesak on Sunday the 31st, and
    // Kedah rests on Friday and Saturday.
    expect(series('every month on the last working day', '2026-04-30', 1, federal)).toEqual(['2026-05-29']);
    expect(series('every month on the last working day', '2026-04-30', 1, kedah)).toEqual(['2026-05-26']);
  });

  it('moves a day that is not worked to the working day before, and says why', () => {
    // 13 Mar 2026 is a Friday: worked in Kuala Lumpur, weekend in Kedah.
    const friday = parseDay('2026-03-13');
    expect(dueOn(friday, federal)).toEqual({ scheduled: friday, due: friday });
    expect(dueOn(friday, kedah)).toEqual({
      scheduled: friday,
      due: parseDay('2026-03-12'),
      movedBecause: 'weekend',
    });
    const diwali = new WorkingCalendar('IN', new Map([['2026-10-20', { name: 'Dussehra' }]]));
    expect(dueOn(parseDay('2026-10-20'), diwali)).toMatchObject({
      due: parseDay('2026-10-19'),
      movedBecause: 'Dussehra',
    });
  });

  it('keeps counting from the scheduled day, not from a deadline moved off a weekend', () => {
    const start = startSeries(rule('every month on the 13th'), undefined, parseDay('2026-03-01'), kedah);
    expect(start.recurrence).toMatchObject({ anchor: '2026-03-13', scheduled: '2026-03-13' });
    expect(start.first && isoDay(start.first.due)).toBe('2026-03-12');
    const next = followingOccurrence(start.recurrence, kedah);
    expect(next.recurrence.scheduled).toBe('2026-04-13');
    expect(isoDay(next.day.due)).toBe('2026-04-13'); // a Monday
  });
});

describe('a series added without a deadline', () => {
  const from = (text: string, today: string, calendar = federal) =>
    isoDay(firstScheduled(rule(text), parseDay(today), calendar));

  it('starts on the rule’s next day still ahead', () => {
    expect(from('every year on 15 Mar', '2026-03-16')).toBe('2027-03-15');
    expect(from('every year on 13 Mar', '2026-03-13')).toBe('2026-03-13');
    expect(from('every month on the 15th', '2026-03-20')).toBe('2026-04-15');
    expect(from('every friday', '2026-03-13')).toBe('2026-03-13');
  });

  it('aligns quarters on the calendar’s quarters', () => {
    expect(from('every quarter on the last working day', '2026-05-04')).toBe('2026-06-30');
    expect(from('every quarter on the last day', '2026-03-02')).toBe('2026-03-31');
    expect(from('every quarter on the 15th', '2026-05-04')).toBe('2026-07-15');
    expect(from('every quarter on the 15th', '2026-04-10')).toBe('2026-04-15');
  });

  it('skips a day whose deadline, moved off a non-working day, would already be past', () => {
    // Sat 14 Mar in Kuala Lumpur is due on Friday the 13th: from Saturday, the next month's counts.
    expect(from('every month on the 14th', '2026-03-14')).toBe('2026-04-14');
  });

  it('counts a rule that names no day from today', () => {
    expect(from('every 2 weeks', '2026-03-04')).toBe('2026-03-18');
    expect(from('every quarter', '2026-01-31')).toBe('2026-04-30');
  });
});

describe('deadlines of the next occurrence', () => {
  it('keeps a time of day in the lead agency’s zone', () => {
    const like = { kind: 'instant', at: '2026-03-13T09:00:00.000Z' } as const; // 17:00 in Kuala Lumpur
    expect(deadlineOn(parseDay('2026-06-12'), like, 'Asia/Kuala_Lumpur')).toEqual({
      kind: 'instant',
      at: '2026-06-12T09:00:00.000Z',
    });
    expect(deadlineOn(parseDay('2026-06-12'), { kind: 'date', date: '2026-03-13' }, 'UTC')).toEqual({
      kind: 'date',
      date: '2026-06-12',
    });
  });
});
