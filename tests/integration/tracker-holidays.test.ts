import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { PermissionDeniedError } from '../../src/errors/permission-denied-error.js';
import type { Agency } from '../../src/model/agency.js';
import type { Planner } from '../../src/ports/planner.js';
import { noopPlanner } from '../../src/ports/planner.js';
import { useTestRedis } from '../support/test-redis.js';
import {
  addAgencies,
  buildTestTracker,
  CONSOLE,
  slackUser,
  type TestTracker,
} from '../support/test-tracker.js';

const { redis } = useTestRedis();
let t: TestTracker;
let told: string[][];
let prefixCount = 0;
const ADMIN = slackUser('UADMIN');

beforeEach(async () => {
  told = [];
  const planner: Planner = {
    ...noopPlanner,
    holidaysChanged: async (agencies: readonly Agency[]) => void told.push(agencies.map((a) => a.code)),
  };
  // Thursday 26 Nov 2026, 15:30 in New Delhi.
  t = buildTestTracker(redis, `{holidays-${process.pid}-${++prefixCount}}:`, {
    now: '2026-11-26T10:00:00Z',
    admins: ['slack:UADMIN'],
    planner,
  });
  await addAgencies(t.tracker);
});

const listing = async (code: string) =>
  JSON.stringify((await t.tracker.execute(`agency holidays ${code}`, CONSOLE)).reply);

describe('agency holiday add', () => {
  it('gives the agency a day of its own, says what it does to reminders, and tells the planner', async () => {
    const result = await t.tracker.execute('agency holiday add MEITY 2026-12-31 "Year-end closure"', ADMIN);
    expect(result.reply.text).toBe(
      '📅 MEITY does not work on Thu 31 Dec 2026 (Year-end closure): a reminder due that day now comes on the working day before.',
    );
    expect(await t.holidays.list({ kind: 'agency', code: 'MEITY' })).toEqual([
      { date: '2026-12-31', name: 'Year-end closure', source: 'added by slack:UADMIN on 2026-11-26' },
    ]);
    expect(told).toEqual([['MEITY']]);
  });

  it('reads the day in the agency’s zone, as a deadline is read', async () => {
    await t.tracker.execute('agency holiday add MEITY tomorrow "Staff day"', ADMIN);
    expect((await t.holidays.list({ kind: 'agency', code: 'MEITY' }))[0]?.date).toBe('2026-11-27');
  });

  it('says when the day was already a non-working day', async () => {
    const result = await t.tracker.execute('agency holiday add MEITY 2026-12-25 "Christmas"', ADMIN);
    expect(result.reply.text).toContain('It was already a non-working day (Christmas Day).');
  });

  it.each([
    [
      'someone who is not an administrator',
      'agency holiday add MEITY 2026-12-31 "x"',
      slackUser('U2'),
      PermissionDeniedError,
    ],
    ['a day that has passed', 'agency holiday add MEITY 2026-11-01 "x"', ADMIN, InvalidDateError],
    ['a time of day', 'agency holiday add MEITY 2026-12-31T10:00 "x"', ADMIN, InvalidDateError],
    ['an unreadable day', 'agency holiday add MEITY someday "x"', ADMIN, InvalidDateError],
  ])('is refused for %s, and nothing changes', async (_case, command, ctx, errorType) => {
    await expect(t.tracker.execute(command, ctx)).rejects.toBeInstanceOf(errorType);
    expect(await t.holidays.list({ kind: 'agency', code: 'MEITY' })).toEqual([]);
    expect(told).toEqual([]);
  });
});

describe('agency holiday remove', () => {
  it('removes one of the agency’s own days and tells the planner', async () => {
    await t.tracker.execute('agency holiday add MEITY 2026-12-31 "Year-end closure"', ADMIN);
    const result = await t.tracker.execute('agency holiday remove MEITY 2026-12-31', ADMIN);
    expect(result.reply.text).toBe(
      'MEITY works on Thu 31 Dec 2026 again. Its reminders may come on that day again.',
    );
    expect(await t.holidays.list({ kind: 'agency', code: 'MEITY' })).toEqual([]);
    expect(told).toEqual([['MEITY'], ['MEITY']]);
  });

  it('refuses a day that is not the agency’s own, saying where it comes from', async () => {
    await t.holidays.put({ kind: 'region', code: 'IN' }, [
      { date: '2026-11-08', name: 'Diwali (Deepavali)', source: 'imported from india.ics' },
    ]);
    const error = await t.tracker.execute('agency holiday remove MEITY 2026-11-08', ADMIN).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toContain("Sun 8 Nov 2026 is not one of MEITY's own non-working days");
    expect(error.message).toContain('It is Diwali (Deepavali)');
    expect(told).toEqual([]);
  });
});

describe('agency holidays', () => {
  it('lists the next non-working days of the agency with where each comes from', async () => {
    await t.holidays.put({ kind: 'region', code: 'IN' }, [
      { date: '2026-11-08', name: 'Diwali (Deepavali)', source: 'imported from india.ics' },
      { date: '2027-03-22', name: 'Holi', source: 'imported from india.ics' },
    ]);
    await t.tracker.execute('agency holiday add MEITY 2026-12-31 "Year-end closure"', ADMIN);
    const shown = await listing('MEITY');
    expect(shown).toContain('MEITY: non-working days in the next 12 months');
    expect(shown).toContain('Holi — the country:IN list, imported from india.ics');
    expect(shown).toContain('Christmas Day — public holiday of IN (date-holidays)');
    expect(shown).toContain("Year-end closure — MEITY's own day, added by slack:UADMIN on 2026-11-26");
    // Diwali (8 Nov) has passed on 26 Nov; a Malaysian agency does not get India's days.
    expect(shown).not.toContain('Diwali');
    expect(await listing('MITI')).not.toContain('Holi');
  });

  it('is open to anyone, since it changes nothing', async () => {
    const result = await t.tracker.execute('agency holidays MITI', slackUser('U2'));
    expect(result.reply.text).toMatch(/^MITI: \d+ non-working days in the next 12 months$/);
  });
});

describe('removing an agency', () => {
  it('forgets its own days', async () => {
    await t.tracker.execute('agency holiday add MEITY 2026-12-31 "Year-end closure"', ADMIN);
    await t.tracker.execute('agency remove MEITY', ADMIN);
    expect(await t.holidays.list({ kind: 'agency', code: 'MEITY' })).toEqual([]);
  });
});

describe('the holiday store', () => {
  const IN = { kind: 'region', code: 'IN' } as const;

  it('replaces the days of the years a list covers, keeping other years', async () => {
    await t.holidays.put(IN, [
      { date: '2026-03-04', name: 'Holi', source: 'a' },
      { date: '2026-03-05', name: 'Holi (wrong day)', source: 'a' },
      { date: '2027-01-26', name: 'Republic Day', source: 'a' },
    ]);
    const written = await t.holidays.replaceYears(
      IN,
      [2026],
      [{ date: '2026-03-04', name: 'Holi', source: 'b' }],
    );
    expect(written).toEqual({ added: 0, updated: 1, removed: 1 });
    expect((await t.holidays.list(IN)).map((day) => day.date)).toEqual(['2026-03-04', '2027-01-26']);
    expect(await t.holidays.scopes()).toEqual([IN]);
  });

  it('gives the later scope’s day where two scopes name the same day', async () => {
    await t.holidays.put(IN, [{ date: '2026-12-31', name: 'National', source: 'a' }]);
    await t.holidays.put({ kind: 'agency', code: 'MEITY' }, [
      { date: '2026-12-31', name: 'Own', source: 'b' },
    ]);
    const days = await t.holidays.daysOf([IN, { kind: 'agency', code: 'MEITY' }]);
    expect(days.get('2026-12-31')).toMatchObject({ name: 'Own', scope: { kind: 'agency', code: 'MEITY' } });
  });
});
