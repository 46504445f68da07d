import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build-digest.js';
import type { AgencyMove } from '../../src/digest/deadline-moves.js';
import {
  type DigestData,
  digestFigures,
  hasNothingToReport,
  type Listed,
} from '../../src/digest/digest-data.js';
import { digestWeek } from '../../src/digest/digest-week.js';
import { buildScoreboard, scoreSnapshots } from '../../src/digest/scoreboard.js';
import { rateOf, recordWeeks } from '../../src/digest/track-record.js';
import type { Block, Inline, Message } from '../../src/messages/message.js';
import type { View } from '../../src/messages/view.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { Deadline } from '../../src/model/deadline.js';
import { digestDataOf } from '../support/digest-fixtures.js';

const MITI: Agency = {
  code: 'MITI',
  name: 'Ministry of Investment, Trade and Industry',
  country: 'MY',
  timeZone: 'Asia/Kuala_Lumpur',
  channels: [],
};
const MEITY: Agency = {
  code: 'MEITY',
  name: 'Ministry of Electronics and IT',
  country: 'IN',
  timeZone: 'Asia/Kolkata',
  channels: [],
};
const DBT: Agency = {
  code: 'DBT',
  name: 'Department for Business and Trade',
  country: 'GB',
  timeZone: 'Europe/London',
  channels: [],
};
const AGENCIES = [MITI, MEITY, DBT];
const timeZoneOf = (code: string) => AGENCIES.find((agency) => agency.code === code)?.timeZone ?? 'UTC';

/** Monday 30 November 2026, 09:00 in Kuala Lumpur: when MITI's digest is due. */
const MONDAY_9AM_KL = new Date('2026-11-30T01:00:00.000Z');
const view = (now: Date): View => ({ now, readerTimeZone: 'Asia/Kuala_Lumpur', timeZoneOf });

const onDay = (date: string): Deadline => ({ kind: 'date', date });
const iso = (ms: number) => new Date(ms).toISOString();

function commitment(id: string, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id,
    title: `Commitment ${id}`,
    owners: ['MITI'],
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-10-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function data(overrides: Partial<DigestData> = {}, now = MONDAY_9AM_KL): DigestData {
  return digestDataOf(MITI, now, overrides);
}

/** A group holding these items and no more. */
const all = (items: Commitment[]): Listed => ({ items, total: items.length });

/** A move of C-n's deadline, with the commitment it moved. */
function moveOf(c: Commitment, at: string, before?: string, after?: string, reason?: string): AgencyMove {
  return {
    commitment: c,
    move: { id: c.id, at, by: 'slack:U7', before, after, ...(reason ? { reason } : {}) },
  };
}

/** The ids listed in a message, area heading before its commitments: `['trade', 'C-1', 'digital', 'C-3']`. */
function listing(message: Message): string[] {
  return message.blocks.flatMap((block: Block) => {
    if (block.type === 'section') return block.content.map((part) => ('text' in part ? part.text : ''));
    if (block.type === 'commitments') return block.items.map((item) => item.id);
    return [];
  });
}

function fieldsOf(message: Message): Record<string, string> {
  const block = message.blocks.find((b) => b.type === 'fields');
  return block?.type === 'fields' ? Object.fromEntries(block.fields.map((f) => [f.label, f.value])) : {};
}

describe('digestWeek', () => {
  it('reads the week in the agency zone: Monday 00:30 in Kuala Lumpur is a new week though UTC is still on Sunday', () => {
    const now = new Date('2026-11-29T16:30:00.000Z');
    expect(digestWeek(now, 'Asia/Kuala_Lumpur')).toEqual({
      key: '2026-W49',
      start: Date.parse('2026-11-29T16:00:00.000Z'),
      end: Date.parse('2026-12-06T16:00:00.000Z'),
      lastWeekStart: Date.parse('2026-11-22T16:00:00.000Z'),
    });
    expect(digestWeek(now, 'UTC').key).toBe('2026-W48');
  });

  it('still counts Sunday 23:59 in Kuala Lumpur as the old week', () => {
    expect(digestWeek(new Date('2026-11-29T15:59:59.999Z'), 'Asia/Kuala_Lumpur').key).toBe('2026-W48');
  });

  it('gives 2026 its 53rd ISO week, running from Monday 28 December to Sunday 3 January', () => {
    for (const instant of [
      '2026-12-28T00:00:00.000Z',
      '2026-12-31T12:00:00.000Z',
      '2027-01-01T12:00:00.000Z',
      '2027-01-03T23:59:59.999Z',
    ]) {
      expect(digestWeek(new Date(instant), 'UTC').key).toBe('2026-W53');
    }
    expect(digestWeek(new Date('2026-12-27T23:59:59.999Z'), 'UTC').key).toBe('2026-W52');
    expect(digestWeek(new Date('2027-01-04T00:00:00.000Z'), 'UTC').key).toBe('2027-W01');
  });

  it('starts 2027-W01 on Monday 4 January in Kuala Lumpur while UTC is still in 2026-W53', () => {
    const now = new Date('2027-01-03T16:30:00.000Z');
    const week = digestWeek(now, 'Asia/Kuala_Lumpur');
    expect(week.key).toBe('2027-W01');
    expect(iso(week.start)).toBe('2027-01-03T16:00:00.000Z');
    expect(iso(week.lastWeekStart)).toBe('2026-12-27T16:00:00.000Z');
    expect(digestWeek(now, 'UTC').key).toBe('2026-W53');
  });

  it('files the first days of January under the ISO year of their week', () => {
    expect(digestWeek(new Date('2025-12-29T12:00:00.000Z'), 'UTC').key).toBe('2026-W01');
    expect(digestWeek(new Date('2028-01-01T12:00:00.000Z'), 'UTC').key).toBe('2027-W52');
  });

  it('keeps the week bounds on local midnights across a DST change in London', () => {
    const week = digestWeek(new Date('2027-03-29T08:00:00.000Z'), 'Europe/London');
    expect(week.key).toBe('2027-W13');
    expect(iso(week.start)).toBe('2027-03-28T23:00:00.000Z');
    expect(iso(week.end)).toBe('2027-04-04T23:00:00.000Z');
    expect(iso(week.lastWeekStart)).toBe('2027-03-22T00:00:00.000Z');
  });

  it('gives the first and the last millisecond of a week the same key and bounds', () => {
    const a = digestWeek(new Date('2026-11-29T16:00:00.000Z'), 'Asia/Kuala_Lumpur');
    const b = digestWeek(new Date('2026-12-06T15:59:59.999Z'), 'Asia/Kuala_Lumpur');
    expect(b).toEqual(a);
  });
});

describe('recordWeeks', () => {
  it("gives an agency's 12 full weeks before this one, in its zone, oldest first", () => {
    const weeks = recordWeeks(MONDAY_9AM_KL, MITI.timeZone);
    expect(weeks.map((w) => w.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${String(37 + i)}`));
    expect(iso(weeks[0]!.start)).toBe('2026-09-06T16:00:00.000Z');
    expect(iso(weeks.at(-1)!.end)).toBe('2026-11-29T16:00:00.000Z');
  });
});

describe('digestFigures and hasNothingToReport', () => {
  it('passes the counts read from the indexes through, and the 12-week on-time rate', () => {
    const figures = digestFigures(
      data({ open: 5, overdue: 1, dueThisWeek: 2, atRisk: 1, record: { onTime: rateOf(4, 2) } }),
      timeZoneOf,
    );
    expect(figures).toMatchObject({ open: 5, overdue: 1, dueThisWeek: 2, atRisk: 1, closedLastWeek: 0 });
    expect(figures.onTime).toEqual({ closed: 4, onTime: 2, rate: 0.5 });
  });

  it('has no on-time rate, and says why, when nothing with a deadline was closed in 12 weeks', () => {
    const onTime = digestFigures(data(), timeZoneOf).onTime;
    expect(onTime).toEqual({ closed: 0, onTime: 0 });
    expect(fieldsOf(buildDigest(data({ open: 1 }), view(MONDAY_9AM_KL)).parent)['On-time rate']).toBe(
      'none yet: nothing with a deadline was closed in the last 12 weeks',
    );
  });

  it('counts each commitment moved last week once, and sums the days its moves added', () => {
    const c30 = commitment('C-30', { deadline: onDay('2026-12-20') });
    const c31 = commitment('C-31', { deadline: onDay('2026-12-01') });
    const figures = digestFigures(
      data({
        movesLastWeek: [
          moveOf(c30, '2026-11-23T00:00:00.000Z', '2026-12-01', '2026-12-10'),
          moveOf(c30, '2026-11-25T00:00:00.000Z', '2026-12-10', '2026-12-20'),
          moveOf(c31, '2026-11-26T00:00:00.000Z', '2026-12-03', '2026-12-01'),
          moveOf(c31, '2026-11-27T00:00:00.000Z', undefined, '2026-12-01'),
        ],
      }),
      timeZoneOf,
    );
    expect(figures.deadlinesMovedLastWeek).toBe(2);
    // 9 + 10 days later, 2 days earlier; setting a first deadline slips nothing.
    expect(figures.slippageDaysLastWeek).toBe(17);
  });

  it('has nothing to report only with nothing open, nothing closed and nothing moved', () => {
    expect(hasNothingToReport(data())).toBe(true);
    expect(hasNothingToReport(data({ open: 1 }))).toBe(false);
    expect(hasNothingToReport(data({ closedLastWeek: 1 }))).toBe(false);
    expect(
      hasNothingToReport(data({ movesLastWeek: [moveOf(commitment('C-1'), '2026-11-24T00:00:00.000Z')] })),
    ).toBe(false);
  });
});

describe('buildDigest', () => {
  const ravi = { platform: 'slack' as const, userId: 'U9', name: 'ravi' };
  const c1 = commitment('C-1', {
    deadline: onDay('2026-11-27'),
    area: 'trade',
    person: ravi,
    notes: [
      { at: '2026-11-20T02:00:00.000Z', by: 'slack:U9', text: 'draft with AGC' },
      { at: '2026-11-26T02:00:00.000Z', by: 'slack:U3', text: 'awaiting cabinet note' },
    ],
  });
  const c2 = commitment('C-2', { deadline: onDay('2026-12-02'), area: 'trade', status: 'in-progress' });
  const c3 = commitment('C-3', { deadline: onDay('2026-12-06'), area: 'digital' });
  const c4 = commitment('C-4', { deadline: onDay('2026-12-07'), area: 'digital', status: 'at-risk' });
  const c5 = commitment('C-5', { deadline: onDay('2026-12-20'), status: 'blocked' });
  const closedLastWeek = [
    commitment('C-7', {
      status: 'done',
      area: 'people',
      deadline: onDay('2026-11-26'),
      closedAt: '2026-11-25T02:00:00.000Z',
    }),
    commitment('C-8', {
      status: 'done',
      area: 'trade',
      deadline: onDay('2026-11-24'),
      closedAt: '2026-11-28T02:00:00.000Z',
    }),
    commitment('C-9', {
      status: 'done',
      area: 'trade',
      deadline: onDay('2026-11-27'),
      closedAt: '2026-11-27T02:00:00.000Z',
    }),
  ];
  const movesLastWeek = [
    moveOf(c4, '2026-11-24T02:00:00.000Z', '2026-11-30', '2026-12-07', 'customs'),
    moveOf(c5, '2026-11-25T02:00:00.000Z', '2026-12-08', '2026-12-20'),
  ];
  const weeks = recordWeeks(MONDAY_9AM_KL, MITI.timeZone);
  // As the store reads them at Monday 09:00: six open (C-6 undated), C-1 overdue, C-2 and C-3 due this
  // week, C-2 to C-4 within 14 days, C-4 and C-5 at risk or blocked; in the week of 23 Nov three fell due
  // and three closed, two of them by their deadline.
  const digest = buildDigest(
    data({
      open: 6,
      overdue: 1,
      dueThisWeek: 2,
      atRisk: 2,
      closedLastWeek: 3,
      movesLastWeek,
      record: {
        weeks,
        tallies: weeks.map((week, i) => ({ week, due: i === 11 ? 3 : 0, closed: i === 11 ? 3 : 0 })),
        closed: 3,
        onTime: rateOf(3, 2),
      },
      lists: {
        overdue: all([c1]),
        dueSoon: all([c2, c3, c4]),
        attention: all([c4, c5]),
        closedLastWeek: all(closedLastWeek),
      },
    }),
    view(MONDAY_9AM_KL),
  );

  it('heads the parent message with the agency and the ISO week', () => {
    expect(digest.parent.blocks[0]).toEqual({
      type: 'header',
      text: 'MITI weekly delivery digest · 2026-W49',
    });
    expect(digest.parent.text).toBe(
      'MITI weekly delivery digest, 2026-W49: 6 open, 1 overdue, 2 due this week',
    );
  });

  it('gives the figures in the parent, the on-time rate saying what it counts and the moves their slippage', () => {
    expect(fieldsOf(digest.parent)).toEqual({
      Open: '6',
      'Due this week': '2',
      Overdue: '1',
      'At risk or blocked': '2',
      'Closed last week': '3',
      'On-time rate': '67%: 2 of 3 closed on or before the deadline in the last 12 weeks',
      'Deadlines moved last week': '2 (19 days of slippage in total)',
    });
  });

  it('puts the chart first in the thread, its figures in the alt text', () => {
    const [chart] = digest.replies;
    const image = chart!.blocks[0];
    expect(image?.type).toBe('image');
    if (image?.type !== 'image') return;
    expect(image.fileName).toBe('MITI-2026-W49.png');
    expect(image.svg.startsWith('<svg')).toBe(true);
    expect(image.alt).toContain('week of 23 Nov: 3 due, 3 closed');
    expect(image.alt).toContain('On-time rate: 67%, 2 of 3 closed on or before the deadline');
  });

  it('replies overdue, due in 14 days, at risk or blocked, deadlines moved, then closed last week, with their counts', () => {
    expect(digest.replies.slice(1).map((reply) => reply.text)).toEqual([
      '🔴 Overdue (1)',
      '📅 Due in the next 14 days (3)',
      '🟠 At risk or blocked (2)',
      '🗓️ Deadlines moved last week (2, 19 days of slippage in total)',
      '✅ Closed last week (3)',
    ]);
  });

  it('shows each overdue item with its owner person, days overdue and latest progress note', () => {
    const line = digest.replies[1]!.blocks.flatMap((b) => (b.type === 'commitments' ? b.items : []))[0]!;
    expect(line.id).toBe('C-1');
    expect(line.detail).toEqual([
      { kind: 'text', text: 'Owner: ' },
      { kind: 'person', person: ravi },
      { kind: 'text', text: ' · 3 days overdue · ' },
      { kind: 'text', text: 'latest note, 26 Nov 2026 by ' },
      { kind: 'person', person: { platform: 'slack', userId: 'U3' } },
      { kind: 'text', text: ': awaiting cabinet note' },
    ]);
    const late = commitment('C-11', { deadline: onDay('2026-11-29') });
    const bare = buildDigest(
      data({ open: 1, overdue: 1, lists: { ...data().lists!, overdue: all([late]) } }),
      view(MONDAY_9AM_KL),
    );
    const bareLine = bare.replies[1]!.blocks.flatMap((b) => (b.type === 'commitments' ? b.items : []))[0]!;
    expect(bareLine.detail?.map((part) => ('text' in part ? part.text : '@')).join('')).toBe(
      'No owner person named · 1 day overdue · no progress note yet',
    );
  });

  it('shows each moved deadline from and to, by how many days, by whom and why', () => {
    const moved = digest.replies[4]!.blocks.flatMap((b) => (b.type === 'commitments' ? b.items : []));
    expect(moved.map((line) => line.id)).toEqual(['C-4', 'C-5']);
    const words = (parts: Inline[] | undefined) =>
      (parts ?? [])
        .map((part) => ('text' in part ? part.text : 'person' in part ? `@${part.person.userId}` : ''))
        .join('');
    expect(words(moved[0]!.detail)).toBe(
      'moved from 30 Nov 2026 to 7 Dec 2026 (7 days later) by @U7: customs',
    );
    expect(words(moved[1]!.detail)).toBe('moved from 8 Dec 2026 to 20 Dec 2026 (12 days later) by @U7');
  });

  it('always points to the thread, where the chart is', () => {
    const lastContext = (message: Message) => message.blocks.filter((b) => b.type === 'context').at(-1);
    const quiet = buildDigest(data({ open: 1 }), view(MONDAY_9AM_KL));
    expect(quiet.replies.map((reply) => reply.blocks[0]!.type)).toEqual(['image']);
    expect(lastContext(quiet.parent)).toMatchObject({ text: expect.stringContaining('in the thread') });
  });

  it('groups each reply by area, areas in alphabetical order and items without one under "other"', () => {
    const [overdue, dueSoon, atRisk, , closed] = digest.replies.slice(1).map(listing);
    expect(overdue).toEqual(['trade', 'C-1']);
    expect(dueSoon).toEqual(['digital', 'C-3', 'C-4', 'trade', 'C-2']);
    expect(atRisk).toEqual(['digital', 'C-4', 'other', 'C-5']);
    expect(closed).toEqual(['people', 'C-7', 'trade', 'C-8', 'C-9']);
  });

  it('says how many a group holds beyond the lines it shows, and which list has them all', () => {
    const reply = buildDigest(
      data({ open: 30, lists: { ...data().lists!, dueSoon: { items: [c2], total: 30 } } }),
      view(MONDAY_9AM_KL),
    ).replies[1]!;
    expect(reply.text).toBe('📅 Due in the next 14 days (30)');
    expect(listing(reply)).toEqual([
      'trade',
      'C-2',
      '…and 29 more, the most urgent shown first; ',
      'list owner:MITI',
      ' lists every open one.',
    ]);
  });

  it('shows each listed item with its RAG as read at the digest time', () => {
    const rags = digest.replies[1]!.blocks.flatMap((b) =>
      b.type === 'commitments' ? b.items.map((i) => i.rag) : [],
    );
    expect(rags).toEqual(['red']);
  });

  it('posts only the chart when there is nothing to list', () => {
    expect(buildDigest(data(), view(MONDAY_9AM_KL)).replies.map((reply) => reply.text)).toEqual([
      '📊 MITI: due and closed per week, last 12 weeks',
    ]);
  });
});

describe('buildScoreboard', () => {
  const now = MONDAY_9AM_KL;
  const shared = commitment('C-4', { owners: ['MITI', 'MEITY'], deadline: onDay('2026-11-20') });
  const sharedMove = moveOf(shared, '2026-11-24T00:00:00.000Z', '2026-11-13', '2026-11-20', 'late data');
  // C-4 is MITI's and MEITY's: in each agency's line, and once in the totals.
  const mitiData = data({
    open: 3,
    overdue: 2,
    dueThisWeek: 1,
    closedLastWeek: 1,
    record: { onTime: rateOf(1, 1) },
    movesLastWeek: [sharedMove],
  });
  const meityData = digestDataOf(MEITY, now, { open: 2, overdue: 1, atRisk: 1 });
  const dbtData = digestDataOf(DBT, now, { open: 2, atRisk: 2 });
  const totals = digestDataOf(
    { code: '*', name: 'All agencies', timeZone: 'Asia/Kuala_Lumpur', channels: [] },
    now,
    {
      open: 6,
      overdue: 2,
      atRisk: 3,
      dueThisWeek: 1,
      closedLastWeek: 1,
      record: { onTime: rateOf(1, 1) },
      movesLastWeek: [sharedMove],
    },
  );
  const lines = (message: Message) =>
    message.blocks
      .slice(2)
      .map((block) =>
        block.type === 'section'
          ? block.content.map((part) => ('text' in part ? part.text : '')).join('')
          : block.type,
      );
  const board = { agencies: [dbtData, meityData, mitiData], totals };
  const scoreboard = buildScoreboard(board, view(now));

  it('heads the scoreboard with the week', () => {
    expect(scoreboard.parent.blocks[0]).toEqual({
      type: 'header',
      text: 'All-agency delivery scoreboard · 2026-W49',
    });
  });

  it('sorts agencies by overdue, then at risk or blocked, and ends with the totals', () => {
    expect(lines(scoreboard.parent)).toEqual([
      'MITI · 2 overdue · 0 at risk or blocked · 3 open · 1 due this week · 1 closed last week · on time 100% · 1 deadline moved last week (7 days of slippage in total)',
      'MEITY · 1 overdue · 1 at risk or blocked · 2 open · 0 due this week · 0 closed last week · on time none yet · 0 deadlines moved last week',
      'DBT · 0 overdue · 2 at risk or blocked · 2 open · 0 due this week · 0 closed last week · on time none yet · 0 deadlines moved last week',
      'divider',
      'All agencies · 2 overdue · 3 at risk or blocked · 6 open · 1 due this week · 1 closed last week · on time 100% · 1 deadline moved last week (7 days of slippage in total)',
    ]);
  });

  it("gives each figure's change since last week's snapshot, and marks an agency that was not on it", () => {
    const previous = scoreSnapshots({ agencies: [mitiData, dbtData], totals }, view(now));
    previous.MITI = { open: 1, overdue: 3, atRisk: 0, onTimeRate: 0.8 };
    const next = buildScoreboard(board, view(now), previous);
    expect(lines(next.parent)[0]).toBe(
      'MITI · 2 overdue (−1) · 0 at risk or blocked (=) · 3 open (+2) · 1 due this week · 1 closed last week · on time 100% (+20 pts) · 1 deadline moved last week (7 days of slippage in total)',
    );
    expect(lines(next.parent)[1]!.startsWith('MEITY (new) · 1 overdue · ')).toBe(true);
    expect(next.parent.blocks[1]).toMatchObject({
      text: expect.stringContaining("since last week's scoreboard"),
    });
    expect(scoreboard.parent.blocks[1]).toMatchObject({
      text: expect.stringContaining('no changes are shown'),
    });
  });

  it('carries the chart of on-time rate and overdue per agency in its thread, in the same order', () => {
    const image = scoreboard.replies[0]!.blocks[0];
    expect(image?.type).toBe('image');
    if (image?.type !== 'image') return;
    expect(image.alt).toBe(
      'On-time rate and overdue commitments per agency, 2026-W49. MITI: on time 100% (1 of 1), 2 overdue; MEITY: no on-time rate (nothing with a deadline closed), 1 overdue; DBT: no on-time rate (nothing with a deadline closed), 0 overdue.',
    );
  });

  it('says so when there is no agency yet', () => {
    const empty = buildScoreboard({ agencies: [], totals }, view(now));
    expect(empty.parent.blocks).toEqual([
      { type: 'header', text: 'All-agency delivery scoreboard · 2026-W49' },
      { type: 'context', text: 'No agency has been added yet.' },
    ]);
    expect(empty.replies).toEqual([]);
  });
});
