import { beforeEach, describe, expect, it } from 'vitest';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';
import { InvalidTransitionError } from '../../src/errors/invalid-transition-error.js';
import { UnknownAgencyError } from '../../src/errors/unknown-agency-error.js';
import { UnknownCommitmentError } from '../../src/errors/unknown-commitment-error.js';
import { noopPlanner } from '../../src/ports/planner.js';
import { allCommitments, readAll } from '../support/read-store.js';
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
let prefix: string;
let prefixCount = 0;

beforeEach(async () => {
  // Thursday 26 Nov 2026, 10:00 in Kuala Lumpur.
  prefix = `{tracker-${process.pid}-${++prefixCount}}:`;
  t = buildTestTracker(redis, prefix, { now: '2026-11-26T02:00:00Z' });
  await addAgencies(t.tracker);
});

const ids = async () => (await allCommitments(t.commitments)).map((c) => c.id);

describe('add', () => {
  it('saves the commitment with its owners, reads "next friday" in the lead agency zone, and announces it', async () => {
    // 23:30 UTC on Thursday is already Friday 07:30 in Kuala Lumpur: "next friday" is the week after.
    t.clock.set('2026-11-26T23:30:00Z');
    const result = await t.tracker.execute(
      'add Semiconductor talent exchange owner:MITI,MEITY by next friday area:semiconductors source:"Joint statement"',
      CONSOLE,
    );
    const stored = await t.commitments.get('C-1');
    expect(stored).toMatchObject({
      title: 'Semiconductor talent exchange',
      owners: ['MITI', 'MEITY'],
      deadline: { kind: 'date', date: '2026-12-04' },
      area: 'semiconductors',
      source: 'Joint statement',
      status: 'open',
      createdBy: 'console:operator',
    });
    expect(result.announcement?.text).toContain('C-1');
    expect((await t.commitments.history('C-1')).events.map((e) => e.type)).toEqual(['created']);
  });

  it('takes the lead agency from the channel the command was typed in', async () => {
    await t.tracker.execute('channel link MEITY', slackUser('U1', 'C-MEITY'));
    await t.tracker.execute('add UPI-DuitNow link pilot due:2027-03-31', slackUser('U1', 'C-MEITY'));
    expect((await t.commitments.get('C-1'))?.owners).toEqual(['MEITY']);
  });

  it.each([
    ['no owner in an unlinked channel', 'add Orphan task due:2027-01-10', CommandSyntaxError],
    ['an unknown agency', 'add Task owner:NOPE due:2027-01-10', UnknownAgencyError],
    ['a date in the past', 'add Task owner:MITI due:2026-11-01', InvalidDateError],
    ['an impossible date', 'add Task owner:MITI due:2027-02-30', InvalidDateError],
    ['no title', 'add owner:MITI due:2027-01-10', CommandSyntaxError],
  ])('refuses %s and saves nothing', async (_case, command, errorType) => {
    await expect(t.tracker.execute(command, slackUser('U1', 'C-unlinked'))).rejects.toBeInstanceOf(errorType);
    expect(await ids()).toEqual([]);
  });

  it('keeps counting ids after a restart of the process', async () => {
    await t.tracker.execute('add First owner:MITI', CONSOLE);
    await t.tracker.execute('add Second owner:MITI', CONSOLE);
    const restarted = buildTestTracker(redis, prefix, { now: '2026-11-26T02:00:00Z' });
    const result = await restarted.tracker.execute('add Third owner:MITI', CONSOLE);
    expect(result.commitment?.id).toBe('C-3');
  });
});

describe('deadlines as the lead agency reads them: Friday 4 December 2026, 10:30 UTC', () => {
  // 16:00 in New Delhi (MEITY), 18:30 in Kuala Lumpur (MITI); TRACKER_TZ is UTC here.
  beforeEach(() => t.clock.set('2026-12-04T10:30:00Z'));

  it('reads "by friday 5pm" for MEITY, where 17:00 today is still ahead, as today, shown in India time', async () => {
    const result = await t.tracker.execute('add Cabinet note owner:MEITY by friday 5pm', CONSOLE);
    expect((await t.commitments.get('C-1'))?.deadline).toEqual({
      kind: 'instant',
      at: '2026-12-04T11:30:00.000Z',
    });
    expect(result.reply.text).toBe(
      '✅ Added C-1: Cabinet note — due Fri 4 Dec 2026 17:00 India time (in 1 hour).',
    );
  });

  it('reads "by friday 5pm" for MITI, where 17:00 today has passed, as next Friday, shown in Kuala Lumpur time', async () => {
    const result = await t.tracker.execute('add Cabinet note owner:MITI by friday 5pm', CONSOLE);
    expect((await t.commitments.get('C-1'))?.deadline).toEqual({
      kind: 'instant',
      at: '2026-12-11T09:00:00.000Z',
    });
    expect(result.reply.text).toContain('due Fri 11 Dec 2026 17:00 Kuala Lumpur time (in 6 days)');
  });

  it('refuses a title ending in a date with no by, shows the command with by, and saves nothing', async () => {
    const error = await t.tracker.execute('add Friday five owner:MEITY friday 5pm', CONSOLE).catch((e) => e);
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect(error.message).toContain('add Friday five owner:MEITY by friday 5pm');
    expect(await ids()).toEqual([]);
  });

  it('refuses "by" a date it cannot read, with the reason, and saves nothing', async () => {
    const error = await t.tracker.execute('add Cabinet note owner:MEITY by tomorow', CONSOLE).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidDateError);
    expect(error.message).toContain('I could not read "tomorow" as a date');
    expect(await ids()).toEqual([]);
  });

  it('shows a snooze’s end and the history in the lead agency’s zone', async () => {
    await t.tracker.execute('add Cabinet note owner:MEITY due:2026-12-20', CONSOLE);
    const snoozed = await t.tracker.execute('snooze C-1 1d', CONSOLE);
    expect(snoozed.reply.text).toBe(
      '😴 Reminders for C-1 are held for 1d, until Sat 5 Dec 2026 16:00 India time.',
    );
    const shown = JSON.stringify((await t.tracker.execute('show C-1', CONSOLE)).reply);
    expect(shown).toContain('4 Dec 2026 16:00 India time');
    expect(shown).not.toContain('UTC');
  });
});

describe('update, done, cancel, reopen, snooze', () => {
  beforeEach(async () => {
    await t.tracker.execute('add Maritime exercise owner:MITI due:2027-01-15 area:defence', CONSOLE);
  });

  it('moves a deadline and records the old and new dates, who moved it and why', async () => {
    await t.tracker.execute('update c-1 due:2027-02-01 reason:"cabinet approval pending"', slackUser('U7'));
    const event = (await t.commitments.history('C-1')).events.at(-1);
    expect(event).toMatchObject({
      type: 'deadline-moved',
      by: 'slack:U7',
      reason: 'cabinet approval pending',
      changes: {
        deadline: {
          before: { kind: 'date', date: '2027-01-15' },
          after: { kind: 'date', date: '2027-02-01' },
        },
      },
    });
    const moves = await t.commitments.deadlineMoves(0, Date.parse('2030-01-01'));
    expect(moves).toHaveLength(1);
    expect((await t.commitments.get('C-1'))?.version).toBe(2);
  });

  it('adds a progress note and changes status within the active states', async () => {
    await t.tracker.execute('update C-1 status:at-risk note:"vessel availability"', CONSOLE);
    const stored = await t.commitments.get('C-1');
    expect(stored?.status).toBe('at-risk');
    expect(stored?.notes.map((n) => n.text)).toEqual(['vessel availability']);
  });

  it('will not close through update, so that the closing note is kept', async () => {
    await expect(t.tracker.execute('update C-1 status:done', CONSOLE)).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    expect((await t.commitments.get('C-1'))?.status).toBe('open');
  });

  it('closes with evidence, refuses to close twice or to change a closed one, and reopens', async () => {
    await t.tracker.execute('done C-1 exercise held, see the after-action report', CONSOLE);
    expect(await t.commitments.get('C-1')).toMatchObject({
      status: 'done',
      closingNote: 'exercise held, see the after-action report',
      closedBy: 'console:operator',
    });
    expect(await readAll(t.commitments, { kind: 'open' })).toEqual([]);
    await expect(t.tracker.execute('close C-1', CONSOLE)).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(t.tracker.execute('update C-1 due:2027-03-01', CONSOLE)).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    await t.tracker.execute('reopen C-1', CONSOLE);
    const reopened = await t.commitments.get('C-1');
    expect(reopened?.status).toBe('open');
    expect([reopened?.closedAt, reopened?.closedBy, reopened?.closingNote]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    await expect(t.tracker.execute('reopen C-1', CONSOLE)).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it('cancels with a reason', async () => {
    await t.tracker.execute('cancel C-1 merged into the annual exercise', CONSOLE);
    expect(await t.commitments.get('C-1')).toMatchObject({
      status: 'cancelled',
      closingNote: 'merged into the annual exercise',
    });
    expect((await t.commitments.history('C-1')).events.at(-1)?.reason).toBe(
      'merged into the annual exercise',
    );
  });

  it('snoozes reminders for the given time', async () => {
    await t.tracker.execute('snooze C-1 2d', CONSOLE);
    expect((await t.commitments.get('C-1'))?.snoozedUntil).toBe('2026-11-28T02:00:00.000Z');
  });

  it('answers an unknown id clearly and changes nothing', async () => {
    await expect(t.tracker.execute('done C-42', CONSOLE)).rejects.toBeInstanceOf(UnknownCommitmentError);
    expect((await t.commitments.get('C-1'))?.version).toBe(1);
  });
});

describe('list', () => {
  beforeEach(async () => {
    await t.tracker.execute('add Overdue soon owner:MITI due:2026-11-27 area:trade', CONSOLE);
    await t.tracker.execute('add Later owner:MEITY due:2027-06-30 area:digital', slackUser('U9'));
    await t.tracker.execute('add Mine owner:MEITY <@U9> due:2026-12-01 area:digital', slackUser('U9'));
    await t.tracker.execute('add Closed owner:MITI due:2027-01-01', CONSOLE);
    await t.tracker.execute('done C-4', CONSOLE);
  });

  const listed = async (text: string, ctx = CONSOLE) => {
    const reply = (await t.tracker.execute(text, ctx)).reply;
    return reply.blocks.flatMap((b) => (b.type === 'commitments' ? b.items.map((i) => i.id) : []));
  };

  it('lists open commitments by deadline, and each filter picks its own', async () => {
    expect(await listed('list')).toEqual(['C-1', 'C-3', 'C-2']);
    expect(await listed('list owner:MEITY')).toEqual(['C-3', 'C-2']);
    expect(await listed('list area:trade')).toEqual(['C-1']);
    expect(await listed('list mine', slackUser('U9'))).toEqual(['C-3']);
    expect(await listed('list status:done')).toEqual(['C-4']);
    expect(await listed('list all')).toEqual(['C-4', 'C-3', 'C-2', 'C-1']);
    expect(await listed('list due:week')).toEqual(['C-1', 'C-3']);
  });

  it('lists as overdue only what has passed the end of its day in the lead zone', async () => {
    // 27 Nov ends at 16:00 UTC in Kuala Lumpur.
    t.clock.set('2026-11-27T15:59:00Z');
    expect(await listed('list overdue')).toEqual([]);
    t.clock.set('2026-11-27T16:00:00Z');
    expect(await listed('list overdue')).toEqual(['C-1']);
  });

  it("lists a linked channel's agency by default", async () => {
    await t.tracker.execute('channel link MEITY', slackUser('U1', 'C-MEITY'));
    expect(await listed('list', slackUser('U1', 'C-MEITY'))).toEqual(['C-3', 'C-2']);
  });
});

describe('show, digest and help', () => {
  it('shows a commitment with its history', async () => {
    await t.tracker.execute('add Fintech MoU owner:MEITY due:2027-01-15', CONSOLE);
    await t.tracker.execute('update C-1 due:2027-02-15 reason:"legal review"', CONSOLE);
    const text = JSON.stringify((await t.tracker.execute('show C-1', CONSOLE)).reply);
    expect(text).toContain('deadline moved from 15 Jan 2027 to 15 Feb 2027 (31 days later) by ');
    expect(text).toContain(': legal review');
  });

  it("previews an agency's digest with its figures and thread", async () => {
    await t.tracker.execute('add Overdue item owner:MITI due:2026-11-27 area:trade', CONSOLE);
    t.clock.set('2026-11-30T02:00:00Z');
    const result = await t.tracker.execute('digest owner:MITI', CONSOLE);
    const fields = result.reply.blocks.find((b) => b.type === 'fields');
    expect(fields).toMatchObject({ fields: expect.arrayContaining([{ label: 'Overdue', value: '1' }]) });
    expect(result.thread?.map((m) => m.text)).toEqual([
      '📊 MITI: due and closed per week, last 12 weeks',
      '🔴 Overdue (1)',
    ]);
  });

  it('shows the usage and examples of one subcommand', async () => {
    expect(JSON.stringify((await t.tracker.execute('help snooze', CONSOLE)).reply)).toContain(
      'snooze C-12 2d',
    );
  });
});

describe('typed commands from forms and buttons', () => {
  it('refuses what the command line would refuse, and saves nothing', async () => {
    const add = { kind: 'add' as const, owners: ['MITI'], dueText: '2027-01-10' };
    await expect(t.tracker.run({ ...add, title: 'x'.repeat(201) }, CONSOLE)).rejects.toThrow('at most 200');
    await expect(t.tracker.run({ ...add, title: '   ' }, CONSOLE)).rejects.toThrow('needs a title');
    await expect(t.tracker.run({ ...add, title: 'Fine', area: 'Not an area!' }, CONSOLE)).rejects.toThrow(
      'not an area',
    );
    await expect(t.tracker.run({ ...add, title: 'Bell \u0007 title' }, CONSOLE)).rejects.toThrow(
      'control characters',
    );
    expect(await ids()).toEqual([]);
    await t.tracker.run({ ...add, title: 'Fine' }, CONSOLE);
    await expect(t.tracker.run({ kind: 'done', id: 'C-1', note: 'n'.repeat(2001) }, CONSOLE)).rejects.toThrow(
      'at most 2000',
    );
    expect((await t.commitments.get('C-1'))?.status).toBe('open');
  });
});

describe('agency remove', () => {
  it('refuses while the agency owns open commitments, then forgets it and its channel links', async () => {
    await t.tracker.execute('channel link MEITY', slackUser('U1', 'C-MEITY'));
    await t.tracker.execute('add Digital ID pilot owner:MITI,MEITY due:2027-03-01', CONSOLE);
    await expect(t.tracker.execute('agency remove MEITY', CONSOLE)).rejects.toThrow(
      'MEITY still owns 1 open commitment (C-1)',
    );
    expect(await t.agencies.get('MEITY')).toBeDefined();

    await t.tracker.execute('done C-1', CONSOLE);
    await t.tracker.execute('agency remove meity', CONSOLE);
    expect(await t.agencies.get('MEITY')).toBeUndefined();
    expect(await t.agencies.agenciesForChannel({ platform: 'slack', id: 'C-MEITY' })).toEqual([]);
    await expect(t.tracker.execute('agency remove MEITY', CONSOLE)).rejects.toBeInstanceOf(
      UnknownAgencyError,
    );
  });

  it('tells the planner, so the agency’s schedules go with it', async () => {
    const removed: string[] = [];
    const planned = buildTestTracker(redis, `${prefix}planned:`, {
      planner: {
        ...noopPlanner,
        agencyRemoved: async (code) => void removed.push(code),
        holidaysChanged: async () => {},
        channelSettingsChanged: async () => {},
      },
    });
    await addAgencies(planned.tracker);
    await planned.tracker.execute('agency remove MITI', CONSOLE);
    expect(removed).toEqual(['MITI']);
  });
});

describe('channel unlink', () => {
  it('stops a channel receiving its agencies’ posts, and says when there was nothing to unlink', async () => {
    const here = slackUser('U1', 'C-SHARED');
    await t.tracker.execute('channel link MITI', here);
    await t.tracker.execute('channel link MEITY', here);
    const result = await t.tracker.execute('channel unlink', here);
    expect(result.announcement?.text).toContain('MEITY, MITI');
    expect(await t.agencies.agenciesForChannel({ platform: 'slack', id: 'C-SHARED' })).toEqual([]);
    expect((await t.agencies.get('MITI'))?.channels).toEqual([]);
    expect((await t.tracker.execute('channel unlink', here)).reply.text).toContain(
      'not linked to any agency',
    );
  });
});

describe('answers', () => {
  it('says "no deadline" for a commitment added without one', async () => {
    const result = await t.tracker.execute('add Open-ended dialogue owner:MITI', CONSOLE);
    expect(result.reply.text).toBe('✅ Added C-1: Open-ended dialogue — no deadline.');
  });
});
