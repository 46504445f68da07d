import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/dates/duration.js';
import { readIcsHolidays } from '../../src/import/ics-holidays.js';
import { importHolidayList } from '../../src/import/import-holiday-list.js';
import type { Commitment } from '../../src/model/commitment.js';
import {
  addMitiAndMeity,
  type Harness,
  OPERATOR,
  TEAMS_MEITY,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

const newHarness = useSchedulerHarness(useTestRedis());

/** 09:00 in New Delhi (MEITY), the hour a date-only deadline is reminded at. */
const NINE_IST = (date: string) => Date.parse(`${date}T03:30:00Z`);

async function start(now: string): Promise<Harness> {
  const h = await newHarness({
    now,
    settings: { reminderOffsets: ['1d', '0d'].map((text) => parseDuration(text)!) },
  });
  await h.scheduler.startWorkers();
  await addMitiAndMeity(h);
  return h;
}

async function addDueOn(h: Harness, date: string): Promise<Commitment> {
  const result = await h.tracker.run(
    { kind: 'add', title: 'Semiconductor fab incentives note', owners: ['MEITY'], dueText: date },
    OPERATOR,
  );
  return result.commitment!;
}

/** The pending reminder jobs of a commitment, as offset → moment. */
async function pending(h: Harness, commitment: Commitment): Promise<Record<string, string>> {
  const jobs = await h.scheduler.queues.reminders.getJobs(['delayed', 'waiting']);
  return Object.fromEntries(
    jobs
      .filter((job) => job.data.commitmentId === commitment.id)
      .map((job) => [job.data.offset, new Date(job.data.at).toISOString()])
      .sort(),
  );
}

function icsWithOneDay(date: string, name: string): string {
  const compact = date.replaceAll('-', '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    `UID:${compact}@test`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART;VALUE=DATE:${compact}`,
    `SUMMARY:${name}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe('holidays move pending reminders', () => {
  it('a day from an .ics list for India moves MEITY’s reminder to the working day before, where it is posted', async () => {
    // Wednesday 4 November 2026, three seconds before 09:00 in New Delhi.
    const h = await start('2026-11-04T03:29:57Z');
    const commitment = await addDueOn(h, '2026-11-06');
    expect(await pending(h, commitment)).toEqual({
      '0d': '2026-11-06T03:30:00.000Z',
      '1d': '2026-11-05T03:30:00.000Z',
    });

    const days = readIcsHolidays(icsWithOneDay('2026-11-05', 'Central government closure'), {
      year: 2027,
      month: 12,
      day: 31,
    }).map((day) => ({ ...day, source: 'imported from closure.ics' }));
    const importedAt = Date.now();
    const imported = await importHolidayList(
      days,
      { kind: 'region', code: 'IN' },
      { agencies: h.agencies, holidays: h.holidays, planner: h.scheduler.planner },
      { replace: false },
    );
    expect(imported.agencies).toEqual(['MEITY']);

    // Thursday is now closed: the 1d reminder comes on Wednesday at 09:00, three seconds away.
    await waitUntil(
      () => h.teams.postsTo(TEAMS_MEITY.id).length >= 1,
      'the moved reminder in MEITY’s channel',
    );
    await waitForDrain([h.scheduler.queues.deliveries]);
    const [post, ...others] = h.teams.postsTo(TEAMS_MEITY.id);
    expect(others).toEqual([]);
    expect(post!.message.text).toContain(`Reminder: ${commitment.id}`);
    // At its new moment: three seconds after the import (the clock stands still; BullMQ's delay does not).
    expect(post!.at).toBeGreaterThanOrEqual(importedAt + 2_900);
    expect(post!.at).toBeLessThanOrEqual(importedAt + 6_000);
    expect(await pending(h, commitment)).toEqual({ '0d': '2026-11-06T03:30:00.000Z' });
  });

  it('a day added by command moves the reminder, and removing it moves the reminder back', async () => {
    // Tuesday 3 November 2026, 05:30 in New Delhi.
    const h = await start('2026-11-03T00:00:00Z');
    const commitment = await addDueOn(h, '2026-11-05');
    expect(await pending(h, commitment)).toEqual({
      '0d': '2026-11-05T03:30:00.000Z',
      '1d': '2026-11-04T03:30:00.000Z',
    });

    await h.tracker.execute('agency holiday add MEITY 2026-11-04 "Office closure"', OPERATOR);
    expect(await pending(h, commitment)).toEqual({
      '0d': '2026-11-05T03:30:00.000Z',
      '1d': new Date(NINE_IST('2026-11-03')).toISOString(),
    });

    await h.tracker.execute('agency holiday remove MEITY 2026-11-04', OPERATOR);
    expect(await pending(h, commitment)).toEqual({
      '0d': '2026-11-05T03:30:00.000Z',
      '1d': '2026-11-04T03:30:00.000Z',
    });
    expect(h.teams.posts).toEqual([]);
  });

  it('leaves the reminders of an agency the day is not for where they were', async () => {
    const h = await start('2026-11-03T00:00:00Z');
    const result = await h.tracker.run(
      { kind: 'add', title: 'Trade review', owners: ['MITI'], dueText: '2026-11-05' },
      OPERATOR,
    );
    const before = await pending(h, result.commitment!);
    await h.tracker.execute('agency holiday add MEITY 2026-11-04 "Office closure"', OPERATOR);
    expect(await pending(h, result.commitment!)).toEqual(before);
    expect(Object.keys(before)).toEqual(['0d', '1d']);
  });
});
