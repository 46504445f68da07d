import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/dates/duration.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { importCommitments } from '../../src/import/import-commitments.js';
import { parseImportFile } from '../../src/import/import-file.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { CommitmentStore } from '../../src/store/commitment-store.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { allCommitments } from '../support/read-store.js';
import { type Harness, OPERATOR, useSchedulerHarness } from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { CHANNEL_DEFAULTS } from '../support/test-tracker.js';

/**
 * Recurring commitments on the real store and the real BullMQ planner, at chosen instants: the next
 * occurrence's deadline follows the rule in the lead agency's zone and working days (a Kedah Friday, an
 * Indian holiday from the operators' list), its reminders are planned, and it is created once whatever
 * happens to the close that creates it.
 */

const newHarness = useSchedulerHarness(useTestRedis());
const ALICE: CommandContext = { actor: { platform: 'slack', userId: 'U1', name: 'alice' } };
const OFFSETS = { reminderOffsets: ['1d', '0d'].map((text) => parseDuration(text)!) };

async function kedahHarness(now: string): Promise<Harness> {
  const h = await newHarness({ now, settings: OFFSETS });
  await h.tracker.execute(
    'agency add KEDAH "Kedah State Economic Planning Unit" tz:Asia/Kuala_Lumpur country:MY-02',
    OPERATOR,
  );
  await h.tracker.execute('agency add MITI "Trade" tz:Asia/Kuala_Lumpur country:MY', OPERATOR);
  return h;
}

/** The pending reminders of a commitment: when each is planned, as an ISO instant. */
async function reminderTimes(h: Harness, id: string): Promise<string[]> {
  const jobs = await h.scheduler.queues.reminders.getDelayed();
  return jobs
    .filter((job) => job.data.commitmentId === id)
    .map((job) => new Date(job.data.at).toISOString())
    .sort();
}

async function all(h: Harness): Promise<Commitment[]> {
  return allCommitments(h.commitments);
}

describe('add … every <rule>', () => {
  it('puts a rule that lands on a Kedah Friday on the Thursday before, and plans its reminders there', async () => {
    // Sunday 1 March 2026, 10:00 in Kuala Lumpur; the 13th is a Friday, Kedah's weekend.
    const h = await kedahHarness('2026-03-01T02:00:00Z');
    const added = await h.tracker.execute(
      'add Port data exchange report owner:KEDAH every month on the 13th',
      ALICE,
    );
    expect(added.reply.text).toBe(
      '✅ Added C-1: Port data exchange report — due Thu 12 Mar 2026 (in 11 days), repeating every month on the 13th (the rule gives Fri 13 Mar 2026, a weekend for KEDAH: due the working day before).',
    );
    expect(added.announcement?.text).toContain(
      'New commitment C-1, led by KEDAH, repeating every month on the 13th (the rule gives Fri 13 Mar 2026, a weekend for KEDAH: due the working day before):',
    );
    expect(added.commitment).toMatchObject({
      deadline: { kind: 'date', date: '2026-03-12' },
      recurrence: {
        rule: { unit: 'month', interval: 1, day: 13 },
        anchor: '2026-03-13',
        scheduled: '2026-03-13',
      },
    });
    // 09:00 in Kuala Lumpur on the Wednesday and on the Thursday.
    expect(await reminderTimes(h, 'C-1')).toEqual(['2026-03-11T01:00:00.000Z', '2026-03-12T01:00:00.000Z']);

    // The same rule for an agency that works on Fridays keeps the Friday.
    const federal = await h.tracker.execute('add Trade figures owner:MITI every month on the 13th', ALICE);
    expect(federal.commitment?.deadline).toEqual({ kind: 'date', date: '2026-03-13' });
  });

  it('takes the first deadline given and counts the rule from it', async () => {
    const h = await kedahHarness('2026-03-01T02:00:00Z');
    const added = await h.tracker.execute(
      'add Working group report owner:MITI due:2026-03-31 every quarter source:"JS para 9"',
      ALICE,
    );
    expect(added.commitment).toMatchObject({
      deadline: { kind: 'date', date: '2026-03-31' },
      recurrence: { anchor: '2026-03-31', scheduled: '2026-03-31' },
    });
    h.clock.set('2026-03-30T02:00:00Z');
    const closed = await h.tracker.execute('done C-1 report tabled', ALICE);
    expect(closed.reply.text).toBe(
      '✅ C-1 is done. 🔁 Next occurrence: C-2, due Tue 30 Jun 2026 (in 92 days).',
    );
    expect(await h.commitments.get('C-2')).toMatchObject({
      title: 'Working group report',
      owners: ['MITI'],
      source: 'JS para 9',
      status: 'open',
      deadline: { kind: 'date', date: '2026-06-30' },
      previousOccurrence: 'C-1',
      recurrence: { anchor: '2026-03-31', scheduled: '2026-06-30' },
    });
    expect(await reminderTimes(h, 'C-2')).toEqual(['2026-06-29T01:00:00.000Z', '2026-06-30T01:00:00.000Z']);
    expect(await reminderTimes(h, 'C-1')).toEqual([]);
  });

  it('refuses a rule it cannot read with the usage line, and saves nothing', async () => {
    const h = await kedahHarness('2026-03-01T02:00:00Z');
    for (const text of [
      'add Report owner:MITI every 2 weaks',
      'add Report owner:MITI every year on 31 Feb',
      'add Report owner:MITI every:fortnightly',
    ]) {
      const refused = h.tracker.execute(text, ALICE);
      await expect(refused, text).rejects.toBeInstanceOf(InvalidValueError);
      await expect(refused, text).rejects.toMatchObject({
        message: expect.stringContaining('Write a rule like: every 2 weeks'),
        usage: expect.stringContaining('[every <rule>]'),
      });
    }
    expect(await all(h)).toEqual([]);
    // "every" in a title that is not a rule stays in the title.
    const plain = await h.tracker.execute('add Review every contract owner:MITI', ALICE);
    expect(plain.commitment).toMatchObject({ title: 'Review every contract' });
    expect(plain.commitment?.recurrence).toBeUndefined();
  });
});

describe('closing or cancelling an occurrence', () => {
  it('moves the next deadline off an Indian holiday from the operators’ list', async () => {
    const h = await newHarness({ now: '2026-09-01T04:00:00Z', settings: OFFSETS });
    await h.tracker.execute('agency add MEITY "Electronics and IT" tz:Asia/Kolkata country:IN', OPERATOR);
    // Dussehra, Tuesday 20 October 2026, is on the central government's list but not in date-holidays.
    await h.holidays.put({ kind: 'region', code: 'IN' }, [
      { date: '2026-10-20', name: 'Dussehra', source: 'imported from india-central-2026.ics' },
    ]);
    await h.tracker.execute(
      'add Semiconductor council minutes owner:MEITY due:2026-09-21 every month on the 20th',
      ALICE,
    );
    h.clock.set('2026-09-21T04:00:00Z');
    const cancelled = await h.tracker.execute('cancel C-1 meeting merged into the October one', ALICE);
    expect(cancelled.reply.text).toBe(
      '✖️ C-1 was cancelled. 🔁 Next occurrence: C-2, due Mon 19 Oct 2026 (in 28 days) (the rule gives Tue 20 Oct 2026, Dussehra for MEITY: due the working day before).',
    );
    // 09:00 in New Delhi (03:30 UTC) on the Friday before, the Monday being the deadline.
    expect(await reminderTimes(h, 'C-2')).toEqual(['2026-10-16T03:30:00.000Z', '2026-10-19T03:30:00.000Z']);
    const shown = await h.tracker.execute('show C-2', ALICE);
    const fields = shown.reply.blocks.find((block) => block.type === 'fields');
    expect(
      fields?.type === 'fields' && fields.fields.filter((f) => /Repeats|occurrence/.test(f.label)),
    ).toEqual([
      { label: 'Repeats', value: 'every month on the 20th' },
      { label: 'Previous occurrence', value: 'C-1' },
    ]);
    const previous = await h.tracker.execute('show C-1', ALICE);
    expect(JSON.stringify(previous.reply)).toContain('"label":"Next occurrence","value":"C-2"');
    expect(JSON.stringify(previous.reply)).toContain('cancelled, next occurrence C-2 opened by ');
    expect(JSON.stringify(shown.reply)).toContain('as the next occurrence of C-1 by ');
  });

  it('creates one next occurrence when closed twice, concurrently, or reopened and closed again', async () => {
    const h = await kedahHarness('2026-03-01T02:00:00Z');
    await h.tracker.execute('add Monthly returns owner:MITI every month on the last working day', ALICE);
    await h.tracker.execute('done C-1 filed', ALICE);
    await expect(h.tracker.execute('done C-1 filed again', ALICE)).rejects.toThrow('C-1 is already done');
    await h.tracker.execute('reopen C-1', ALICE);
    const again = await h.tracker.execute('done C-1 filed, corrected', ALICE);
    expect(again.reply.text).toContain('Next occurrence: C-2');
    expect((await all(h)).map((c) => c.id)).toEqual(['C-2', 'C-1']);

    // Two people close C-2 at the same moment: one close wins, one next occurrence.
    const both = await Promise.allSettled([
      h.tracker.execute('done C-2 filed', ALICE),
      h.tracker.execute('done C-2 filed', { actor: { platform: 'slack', userId: 'U2' } }),
    ]);
    expect(both.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const ids = (await all(h)).map((c) => c.id);
    expect(ids.filter((id) => id !== 'C-1' && id !== 'C-2')).toHaveLength(1);
    const third = await h.commitments.get(ids[0]!);
    expect(third).toMatchObject({ previousOccurrence: 'C-2', deadline: { date: '2026-05-29' } });
    expect((await h.commitments.get('C-2'))?.nextOccurrence).toBe(third?.id);
  });

  it('creates it once when the close is cut short after creating it and is run again', async () => {
    const h = await kedahHarness('2026-03-01T02:00:00Z');
    await h.tracker.execute('add Fortnightly sync owner:MITI due:2026-03-06 every 2 weeks', ALICE);
    let failSaves = 1;
    const failing: CommitmentStore = Object.create(h.commitments, {
      save: {
        value: (previous: Commitment, next: Commitment, event: Parameters<CommitmentStore['save']>[2]) => {
          if (failSaves-- > 0) return Promise.reject(new Error('connection lost'));
          return h.commitments.save(previous, next, event);
        },
      },
    });
    const tracker = new Tracker({
      commitments: failing,
      agencies: h.agencies,
      holidays: h.holidays,
      channelSettings: h.channelSettings,
      checkins: h.checkins,
      clock: h.clock,
      planner: h.scheduler.planner,
      settings: { trackerTimeZone: 'UTC', trackerAdmins: [], channelDefaults: CHANNEL_DEFAULTS },
    });
    await expect(tracker.execute('done C-1 met', ALICE)).rejects.toThrow('connection lost');
    expect((await h.commitments.get('C-1'))?.status).toBe('open');
    const retried = await tracker.execute('done C-1 met', ALICE);
    expect(retried.reply.text).toContain('Next occurrence: C-2, due Fri 20 Mar 2026');
    expect((await all(h)).map((c) => c.id)).toEqual(['C-2', 'C-1']);
    expect(await h.commitments.get('C-1')).toMatchObject({ status: 'done', nextOccurrence: 'C-2' });
  });

  it('stops the series with every:none, and changes the rule with every:<rule>', async () => {
    const h = await kedahHarness('2026-03-01T02:00:00Z');
    await h.tracker.execute('add Fortnightly sync owner:MITI due:2026-03-06 every 2 weeks', ALICE);
    const changed = await h.tracker.execute('update C-1 every:week on friday', ALICE);
    expect(changed.reply.text).toBe('Updated C-1: repeats every week on Friday.');
    const stopped = await h.tracker.execute('update C-1 every:none', ALICE);
    expect(stopped.reply.text).toBe('Updated C-1: series stopped.');
    const closed = await h.tracker.execute('done C-1 met', ALICE);
    expect(closed.reply.text).toBe('✅ C-1 is done.');
    expect((await all(h)).map((c) => c.id)).toEqual(['C-1']);
    const history = JSON.stringify((await h.tracker.execute('show C-1', ALICE)).reply);
    expect(history).toContain('repeat rule changed from every 2 weeks to every week on Friday');
    expect(history).toContain('series stopped (it repeated every week on Friday)');
    await expect(h.tracker.execute('update C-1 every:sometimes', ALICE)).rejects.toBeInstanceOf(
      InvalidValueError,
    );
  });
});

describe('the import format', () => {
  it('starts a series from a row’s every:, from its due: or from the rule’s first day ahead', async () => {
    const h = await kedahHarness('2026-03-01T02:00:00Z');
    const file = parseImportFile(
      [
        'commitments:',
        '  - ref: kedah-port-01',
        '    title: Port data exchange report',
        '    owners: [KEDAH]',
        '    every: month on the 13th',
        '  - ref: jc-01',
        '    title: Joint Commission',
        '    owners: [MITI]',
        '    due: 2026-07-31',
        '    every: year on 31 Jul',
      ].join('\n'),
      { knownAgencies: ['KEDAH', 'MITI'] },
    );
    const deps = { ...h, planner: h.scheduler.planner };
    await importCommitments(file, deps, { by: 'console:operator', fileName: 'plan.yaml' });
    const [port, commission] = await Promise.all([
      h.commitments.findImported('kedah-port-01'),
      h.commitments.findImported('jc-01'),
    ]);
    expect(port).toMatchObject({
      deadline: { kind: 'date', date: '2026-03-12' },
      recurrence: { scheduled: '2026-03-13' },
    });
    expect(commission).toMatchObject({
      deadline: { kind: 'date', date: '2026-07-31' },
      recurrence: { rule: { unit: 'year', month: 7, day: 31 } },
    });
    expect(await reminderTimes(h, port!.id)).toEqual([
      '2026-03-11T01:00:00.000Z',
      '2026-03-12T01:00:00.000Z',
    ]);
    h.clock.set('2026-07-30T02:00:00Z');
    const closed = await h.tracker.execute(`done ${commission!.id} held in Putrajaya`, ALICE);
    // 31 July 2027 is a Saturday: the next Joint Commission is due on the Friday before.
    expect(closed.reply.text).toContain('due Fri 30 Jul 2027');
  });
});
