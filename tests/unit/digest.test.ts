import { describe, expect, it } from 'vitest';
import { buildDigest, buildScoreboard } from '../../src/digest/build-digest.js';
import {
  collectDigestData,
  type DigestData,
  digestFigures,
  hasNothingToReport,
} from '../../src/digest/digest-data.js';
import { digestWeek } from '../../src/digest/digest-week.js';
import type { Block, Message } from '../../src/messages/message.js';
import type { View } from '../../src/messages/view.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { Deadline } from '../../src/model/deadline.js';
import type { CommitmentQuery, CommitmentStore, DeadlineMove } from '../../src/store/commitment-store.js';

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
  return {
    agency: MITI,
    week: digestWeek(now, MITI.timeZone),
    open: [],
    closedLastWeek: [],
    deadlinesMovedLastWeek: 0,
    ...overrides,
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

describe('digestFigures and hasNothingToReport', () => {
  const now = MONDAY_9AM_KL;

  it('counts open, overdue and due-this-week items, reading each deadline in its lead zone', () => {
    const figures = digestFigures(
      data({
        open: [
          commitment('C-1', { deadline: onDay('2026-11-27') }),
          commitment('C-2', { deadline: onDay('2026-11-30'), status: 'in-progress' }),
          commitment('C-3', { deadline: onDay('2026-12-06') }),
          commitment('C-4', { deadline: onDay('2026-12-07') }),
          commitment('C-5'),
        ],
      }),
      now,
      timeZoneOf,
    );
    expect(figures).toMatchObject({ open: 5, overdue: 1, dueThisWeek: 2, closedLastWeek: 0 });
  });

  it('counts a deadline that ends before the week does in its lead zone as due this week', () => {
    // Sunday 6 December ends at 18:30Z in Kolkata, after MITI's week ends at 16:00Z: not this week for MITI.
    const kolkataLed = commitment('C-6', { owners: ['MEITY', 'MITI'], deadline: onDay('2026-12-06') });
    expect(digestFigures(data({ open: [kolkataLed] }), now, timeZoneOf).dueThisWeek).toBe(0);
    const klLed = commitment('C-7', { owners: ['MITI', 'MEITY'], deadline: onDay('2026-12-06') });
    expect(digestFigures(data({ open: [klLed] }), now, timeZoneOf).dueThisWeek).toBe(1);
  });

  it('rates as on time a closure made by the end of the deadline day in the lead zone', () => {
    const closed = [
      commitment('C-8', {
        status: 'done',
        deadline: onDay('2026-11-26'),
        closedAt: '2026-11-26T15:59:59.999Z',
      }),
      commitment('C-9', {
        status: 'done',
        deadline: onDay('2026-11-26'),
        closedAt: '2026-11-26T16:00:00.000Z',
      }),
      commitment('C-10', {
        status: 'done',
        owners: ['MEITY'],
        deadline: onDay('2026-11-26'),
        closedAt: '2026-11-26T16:00:00.000Z',
      }),
      commitment('C-11', {
        status: 'done',
        deadline: onDay('2026-11-20'),
        closedAt: '2026-11-24T03:00:00.000Z',
      }),
    ];
    const figures = digestFigures(data({ closedLastWeek: closed }), now, timeZoneOf);
    expect(figures.closedLastWeek).toBe(4);
    expect(figures.onTimeRate).toBe(0.5);
  });

  it('has no on-time rate when nothing closed last week', () => {
    expect(digestFigures(data(), now, timeZoneOf).onTimeRate).toBeUndefined();
  });

  it('passes the deadlines-moved count through', () => {
    expect(digestFigures(data({ deadlinesMovedLastWeek: 3 }), now, timeZoneOf).deadlinesMovedLastWeek).toBe(
      3,
    );
  });

  it('has nothing to report only with nothing open, nothing closed and nothing moved', () => {
    expect(hasNothingToReport(data())).toBe(true);
    expect(hasNothingToReport(data({ open: [commitment('C-1')] }))).toBe(false);
    expect(hasNothingToReport(data({ closedLastWeek: [commitment('C-1', { status: 'done' })] }))).toBe(false);
    expect(hasNothingToReport(data({ deadlinesMovedLastWeek: 1 }))).toBe(false);
  });
});

describe('collectDigestData', () => {
  const done = [
    commitment('C-20', { status: 'done', closedAt: '2026-11-22T15:59:59.999Z' }),
    commitment('C-21', { status: 'done', closedAt: '2026-11-22T16:00:00.000Z' }),
    commitment('C-22', { status: 'done', closedAt: '2026-11-29T15:59:59.999Z' }),
    commitment('C-23', { status: 'done', closedAt: '2026-11-29T16:00:00.000Z' }),
    commitment('C-24', { status: 'done', owners: ['MEITY', 'MITI'], closedAt: '2026-11-25T00:00:00.000Z' }),
    commitment('C-25', { status: 'done', owners: ['MEITY'], closedAt: '2026-11-25T00:00:00.000Z' }),
  ];
  const open = [
    commitment('C-30'),
    commitment('C-31', { owners: ['MEITY'] }),
    commitment('C-32', { owners: ['DBT', 'MITI'] }),
  ];
  const moves: DeadlineMove[] = [
    { id: 'C-30', at: '2026-11-22T15:00:00.000Z', by: 'slack:U1' },
    { id: 'C-30', at: '2026-11-23T00:00:00.000Z', by: 'slack:U1' },
    { id: 'C-30', at: '2026-11-25T00:00:00.000Z', by: 'slack:U1' },
    { id: 'C-32', at: '2026-11-29T15:59:00.000Z', by: 'slack:U1' },
    { id: 'C-31', at: '2026-11-26T00:00:00.000Z', by: 'slack:U1' },
    { id: 'C-30', at: '2026-11-30T00:30:00.000Z', by: 'slack:U1' },
  ];

  /** Only what collectDigestData reads; deadlineMoves honours its window like the real store. */
  const store = {
    async query(query: CommitmentQuery) {
      if (query.kind === 'status') return done.filter((c) => c.status === query.status);
      if (query.kind === 'open-for-agency') return open.filter((c) => c.owners.includes(query.agency));
      throw new Error(`unexpected query ${query.kind}`);
    },
    async deadlineMoves(since: number, until: number) {
      return moves.filter((m) => Date.parse(m.at) >= since && Date.parse(m.at) < until);
    },
    async getMany(ids: readonly string[]) {
      return [...done, ...open].filter((c) => ids.includes(c.id));
    },
  } as unknown as CommitmentStore;

  it("takes last week's closures of the agency's commitments, Monday 00:00 to Monday 00:00 in its zone", async () => {
    const [miti] = await collectDigestData(store, [MITI], MONDAY_9AM_KL);
    expect(miti!.week.key).toBe('2026-W49');
    expect(miti!.closedLastWeek.map((c) => c.id)).toEqual(['C-21', 'C-22', 'C-24']);
    expect(miti!.open.map((c) => c.id)).toEqual(['C-30', 'C-32']);
  });

  it('counts the commitments whose deadline moved last week, each once, not the few hours of this week', async () => {
    const [miti, meity] = await collectDigestData(store, [MITI, MEITY], MONDAY_9AM_KL);
    // C-30 moved twice last week (once more this week, once the week before); C-32 once, on Sunday night.
    expect(miti!.deadlinesMovedLastWeek).toBe(2);
    expect(meity!.deadlinesMovedLastWeek).toBe(1);
  });
});

describe('buildDigest', () => {
  const open = [
    commitment('C-1', { deadline: onDay('2026-11-27'), area: 'trade' }),
    commitment('C-2', { deadline: onDay('2026-12-02'), area: 'trade', status: 'in-progress' }),
    commitment('C-3', { deadline: onDay('2026-12-06'), area: 'digital' }),
    commitment('C-4', { deadline: onDay('2026-12-07'), area: 'digital', status: 'at-risk' }),
    commitment('C-5', { deadline: onDay('2026-12-20'), status: 'blocked' }),
    commitment('C-6', { area: 'energy' }),
  ];
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
  const digest = buildDigest(data({ open, closedLastWeek, deadlinesMovedLastWeek: 2 }), view(MONDAY_9AM_KL));

  it('heads the parent message with the agency and the ISO week', () => {
    expect(digest.parent.blocks[0]).toEqual({
      type: 'header',
      text: 'MITI weekly delivery digest · 2026-W49',
    });
    expect(digest.parent.text).toBe(
      'MITI weekly delivery digest, 2026-W49: 6 open, 1 overdue, 2 due this week',
    );
  });

  it('gives the figures in the parent message', () => {
    expect(fieldsOf(digest.parent)).toEqual({
      Open: '6',
      'Due this week': '2',
      Overdue: '1',
      'Closed last week': '3',
      'On-time rate': '67%',
      'Deadlines moved last week': '2',
    });
  });

  it('points to the thread only when there is a thread', () => {
    const lastContext = (message: Message) => message.blocks.filter((b) => b.type === 'context').at(-1);
    expect(lastContext(digest.parent)).toMatchObject({
      text: expect.stringContaining('details in the thread'),
    });
    const quiet = buildDigest(data({ open: [commitment('C-6', { area: 'energy' })] }), view(MONDAY_9AM_KL));
    expect(quiet.replies).toEqual([]);
    expect(lastContext(quiet.parent)).toMatchObject({ text: expect.not.stringContaining('thread') });
  });

  it('shows a dash for the on-time rate when nothing closed', () => {
    expect(fieldsOf(buildDigest(data({ open }), view(MONDAY_9AM_KL)).parent)['On-time rate']).toBe('–');
  });

  it('replies overdue, due in 14 days, at risk or blocked, then closed last week, with their counts', () => {
    expect(digest.replies.map((reply) => reply.text)).toEqual([
      '🔴 Overdue (1)',
      '📅 Due in the next 14 days (3)',
      '🟠 At risk or blocked (2)',
      '✅ Closed last week (3)',
    ]);
  });

  it('groups each reply by area, areas in alphabetical order and items without one under "other"', () => {
    const [overdue, dueSoon, atRisk, closed] = digest.replies.map(listing);
    expect(overdue).toEqual(['trade', 'C-1']);
    expect(dueSoon).toEqual(['digital', 'C-3', 'C-4', 'trade', 'C-2']);
    expect(atRisk).toEqual(['digital', 'C-4', 'other', 'C-5']);
    expect(closed).toEqual(['people', 'C-7', 'trade', 'C-8', 'C-9']);
  });

  it('leaves out a deadline 14 days away or more, and items with no deadline, from the due-soon reply', () => {
    const at = MONDAY_9AM_KL.getTime();
    const edge = [
      commitment('C-40', { deadline: { kind: 'instant', at: iso(at + 14 * 86_400_000 - 1) } }),
      commitment('C-41', { deadline: { kind: 'instant', at: iso(at + 14 * 86_400_000) } }),
      commitment('C-42'),
    ];
    const replies = buildDigest(data({ open: edge }), view(MONDAY_9AM_KL)).replies;
    expect(replies.map(listing)).toEqual([['other', 'C-40']]);
  });

  it('shows each listed item with its RAG as read at the digest time', () => {
    const rags = digest.replies[0]!.blocks.flatMap((b) =>
      b.type === 'commitments' ? b.items.map((i) => i.rag) : [],
    );
    expect(rags).toEqual(['red']);
  });

  it('posts no thread reply for an empty group, and none at all when there is nothing to list', () => {
    expect(
      buildDigest(data({ open: [commitment('C-6', { area: 'energy' })] }), view(MONDAY_9AM_KL)).replies,
    ).toEqual([]);
    expect(buildDigest(data(), view(MONDAY_9AM_KL)).replies).toEqual([]);
  });
});

describe('buildScoreboard', () => {
  const now = MONDAY_9AM_KL;
  const mitiData = data({
    open: [
      commitment('C-1', { deadline: onDay('2026-11-27') }),
      commitment('C-2', { deadline: onDay('2026-12-02') }),
    ],
    closedLastWeek: [
      commitment('C-3', {
        status: 'done',
        deadline: onDay('2026-11-26'),
        closedAt: '2026-11-25T00:00:00.000Z',
      }),
    ],
    deadlinesMovedLastWeek: 1,
  });
  const meityData: DigestData = {
    agency: MEITY,
    week: digestWeek(now, MEITY.timeZone),
    open: [],
    closedLastWeek: [],
    deadlinesMovedLastWeek: 0,
  };
  const scoreboard = buildScoreboard([mitiData, meityData], view(now));

  it('heads the scoreboard with the week', () => {
    expect(scoreboard.blocks[0]).toEqual({
      type: 'header',
      text: 'All-agency delivery scoreboard · 2026-W49',
    });
  });

  it('gives one line of figures per agency, in the order given', () => {
    const lines = scoreboard.blocks
      .slice(1)
      .map((block) =>
        block.type === 'section'
          ? block.content.map((part) => ('text' in part ? part.text : '')).join('')
          : block.type,
      );
    expect(lines).toEqual([
      'MITI · 2 open · 1 due this week · 1 overdue · 1 closed last week · on time 100% · 1 deadline moved last week',
      'MEITY · 0 open · 0 due this week · 0 overdue · 0 closed last week · on time – · 0 deadlines moved last week',
    ]);
  });

  it('says so when there is no agency yet', () => {
    const empty = buildScoreboard([], view(now));
    expect(empty.blocks).toEqual([
      { type: 'header', text: 'All-agency delivery scoreboard' },
      { type: 'context', text: 'No agency has been added yet.' },
    ]);
  });
});
