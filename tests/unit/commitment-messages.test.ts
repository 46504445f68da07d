import { describe, expect, it } from 'vitest';
import {
  commitmentButtons,
  commitmentCard,
  commitmentDetails,
  commitmentList,
  describeEvent,
} from '../../src/messages/commitment-messages.js';
import { homeOverview } from '../../src/messages/home-overview.js';
import type { Block, Inline, Message } from '../../src/messages/message.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import type { View } from '../../src/messages/view.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { HistoryEvent } from '../../src/model/history-event.js';
import type { PersonRef } from '../../src/model/platform.js';
import type { Status } from '../../src/model/status.js';

const ZONES: Record<string, string> = {
  MITI: 'Asia/Kuala_Lumpur',
  MEITY: 'Asia/Kolkata',
  DBT: 'Europe/London',
};
/** Tuesday 1 December 2026, 10:00 in Kuala Lumpur. */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const view: View = {
  now: NOW,
  readerTimeZone: 'Asia/Kuala_Lumpur',
  timeZoneOf: (code) => ZONES[code] ?? 'UTC',
};

const AISHA: PersonRef = { platform: 'slack', userId: 'U100', name: 'aisha' };
const RAVI: PersonRef = { platform: 'teams', userId: '29:ravi', name: 'ravi' };

function commitment(id: string, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id,
    title: `Commitment ${id}`,
    owners: ['MITI'],
    status: 'open',
    notes: [],
    createdBy: 'slack:U100',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'slack:U100',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** Inline parts as the plain text they stand for, mentions as @name. */
function plain(parts: Inline[]): string {
  return parts
    .map((part) =>
      part.kind === 'mention' || part.kind === 'person'
        ? `@${part.person.name ?? part.person.userId}`
        : part.kind === 'moment'
          ? part.moment.text
          : part.text,
    )
    .join('');
}

function sectionLines(message: Message): string[] {
  return message.blocks.flatMap((block) => (block.type === 'section' ? [plain(block.content)] : []));
}

function fieldsOf(message: Message): Record<string, string> {
  const block = message.blocks.find((b) => b.type === 'fields');
  return block?.type === 'fields' ? Object.fromEntries(block.fields.map((f) => [f.label, f.value])) : {};
}

const blockOf = <T extends Block['type']>(message: Message, type: T) =>
  message.blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);

describe('commitmentButtons', () => {
  it('offers done, two snoozes, an update and a deadline change on an open commitment, each for its id', () => {
    const buttons = commitmentButtons(commitment('C-3'));
    expect(buttons.map((b) => b.actionId)).toEqual([
      ACTION_IDS.markDone,
      ACTION_IDS.snoozeDay,
      ACTION_IDS.snoozeWeek,
      ACTION_IDS.postUpdate,
      ACTION_IDS.changeDeadline,
    ]);
    expect(buttons.every((b) => b.value === 'C-3')).toBe(true);
    expect(buttons[0]).toMatchObject({ label: 'Mark done', style: 'primary' });
  });

  it.each(['in-progress', 'at-risk', 'blocked'] as Status[])('offers the same buttons when %s', (status) => {
    expect(commitmentButtons(commitment('C-3', { status }))).toHaveLength(5);
  });

  it.each(['done', 'cancelled'] as Status[])('offers no button once %s', (status) => {
    expect(commitmentButtons(commitment('C-3', { status }))).toEqual([]);
  });
});

describe('commitmentCard', () => {
  it('shows the headline, the commitment line and the buttons', () => {
    const card = commitmentCard(
      commitment('C-3', { deadline: { kind: 'date', date: '2026-12-15' } }),
      view,
      'New commitment C-3:',
    );
    expect(card.text).toBe('New commitment C-3: C-3: Commitment C-3');
    expect(card.blocks.map((b) => b.type)).toEqual(['section', 'commitments', 'actions']);
    expect(blockOf(card, 'commitments')[0]!.items[0]).toMatchObject({
      id: 'C-3',
      rag: 'green',
      dueText: 'Tue 15 Dec 2026 (in 14 days)',
    });
  });

  it('has no actions block for a closed commitment', () => {
    const card = commitmentCard(commitment('C-3', { status: 'done' }), view);
    expect(card.blocks.map((b) => b.type)).toEqual(['commitments']);
  });
});

describe('commitmentDetails', () => {
  const detailed = commitment('C-5', {
    title: 'Joint working group on semiconductors',
    owners: ['MITI', 'MEITY', 'DBT'],
    person: AISHA,
    deadline: { kind: 'date', date: '2026-12-15' },
    area: 'semiconductors',
    source: 'Joint Statement 2024, para 12',
    status: 'in-progress',
    snoozedUntil: '2026-12-03T02:00:00.000Z',
    notes: [
      { at: '2026-11-10T03:04:00.000Z', by: 'slack:U100', text: 'Terms of reference drafted' },
      { at: '2026-11-20T09:30:00.000Z', by: 'teams:29:ravi', text: 'MEITY comments in' },
    ],
  });
  const history: HistoryEvent[] = [
    {
      at: '2026-11-01T00:00:00.000Z',
      by: 'slack:U100',
      type: 'created',
      changes: { title: { after: 'Joint working group' } },
    },
    {
      at: '2026-11-15T06:45:00.000Z',
      by: 'teams:29:ravi',
      type: 'deadline-moved',
      changes: {
        deadline: {
          before: { kind: 'date', date: '2026-11-30' },
          after: { kind: 'date', date: '2026-12-15' },
        },
      },
      reason: 'awaiting cabinet approval',
    },
  ];
  const details = commitmentDetails(detailed, history, view);

  it('heads with the id and title and sums up with the status', () => {
    expect(details.blocks[0]).toEqual({ type: 'header', text: 'C-5: Joint working group on semiconductors' });
    expect(details.text).toBe('C-5: Joint working group on semiconductors (in-progress)');
  });

  it('shows status, lead, deadline, supporting agencies, area, source and an active snooze', () => {
    expect(fieldsOf(details)).toEqual({
      Status: 'in-progress',
      Lead: 'MITI',
      Deadline: 'Tue 15 Dec 2026 (in 14 days)',
      Supporting: 'MEITY, DBT',
      Area: 'semiconductors',
      Source: 'Joint Statement 2024, para 12',
      'Snoozed until': 'Thu 3 Dec 2026 10:00 Kuala Lumpur time (in 2 days)',
    });
  });

  it('leaves out what a bare commitment does not have, and a snooze that has run out', () => {
    const bare = commitmentDetails(commitment('C-6', { snoozedUntil: '2026-12-01T01:59:59.999Z' }), [], view);
    expect(fieldsOf(bare)).toEqual({ Status: 'open', Lead: 'MITI', Deadline: 'no deadline' });
    expect(sectionLines(bare).some((line) => line.startsWith('Owner'))).toBe(false);
    expect(sectionLines(bare)).not.toContain('Progress notes');
  });

  it('names the owner person without calling on them', () => {
    const owner = blockOf(details, 'section').find((b) => plain(b.content).startsWith('Owner: '));
    expect(owner?.content).toEqual([
      { kind: 'text', text: 'Owner: ' },
      { kind: 'person', person: AISHA },
    ]);
  });

  it('lists the progress notes with their time in the lead agency’s zone and author named', () => {
    const lines = sectionLines(details);
    expect(lines).toContain('10 Nov 2026 11:04 Kuala Lumpur time · @U100: Terms of reference drafted');
    expect(lines).toContain('20 Nov 2026 17:30 Kuala Lumpur time · @29:ravi: MEITY comments in');
  });

  it('gives each stamp and the snooze as a moment, for platforms that show the reader’s clock too', () => {
    const note = blockOf(details, 'section').find((b) => plain(b.content).includes('Terms of reference'));
    expect(note?.content[0]).toEqual({
      kind: 'moment',
      moment: { at: '2026-11-10T03:04:00Z', text: '10 Nov 2026 11:04 Kuala Lumpur time' },
    });
    const snooze = blockOf(details, 'fields')[0]!.fields.find((f) => f.label === 'Snoozed until');
    expect(snooze?.moment).toEqual({
      at: '2026-12-03T02:00:00Z',
      text: 'Thu 3 Dec 2026 10:00 Kuala Lumpur time',
    });
  });

  it('keeps only the last five progress notes', () => {
    const notes = Array.from({ length: 7 }, (_, i) => ({
      at: `2026-11-0${i + 1}T00:00:00.000Z`,
      by: 'slack:U100',
      text: `note ${i + 1}`,
    }));
    const lines = sectionLines(commitmentDetails(commitment('C-7', { notes }), [], view)).filter((l) =>
      l.includes(': note '),
    );
    expect(lines.map((l) => l.split(': ').at(-1))).toEqual([
      'note 3',
      'note 4',
      'note 5',
      'note 6',
      'note 7',
    ]);
  });

  it('writes one history line per event in words, a deadline move with its days and its reason', () => {
    const lines = sectionLines(details);
    const start = lines.indexOf('History');
    expect(lines.slice(start + 1)).toEqual([
      '1 Nov 2026 08:00 Kuala Lumpur time · created, with no deadline by @U100',
      '15 Nov 2026 14:45 Kuala Lumpur time · deadline moved from 30 Nov 2026 to 15 Dec 2026 (15 days later) by @29:ravi: awaiting cabinet approval',
    ]);
  });

  it('shows the last fifteen history events', () => {
    const events: HistoryEvent[] = Array.from({ length: 20 }, (_, i) => ({
      at: `2026-11-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
      by: 'slack:U100',
      type: 'status-changed',
      changes: { status: { before: 'open', after: 'at-risk' } },
    }));
    const lines = sectionLines(commitmentDetails(commitment('C-8'), events, view)).filter((l) =>
      l.includes('status changed from open to at risk'),
    );
    expect(lines).toHaveLength(15);
    expect(lines[0]!.startsWith('6 Nov 2026 08:00 Kuala Lumpur time')).toBe(true);
  });

  it('shows the closing note and no buttons once done', () => {
    const done = commitmentDetails(
      commitment('C-9', { status: 'done', closingNote: 'MoU signed on 28 Nov' }),
      [],
      view,
    );
    expect(sectionLines(done)).toContain('Closing note: MoU signed on 28 Nov');
    expect(blockOf(done, 'actions')).toEqual([]);
    expect(blockOf(details, 'actions')).toHaveLength(1);
  });
});

describe('describeEvent', () => {
  const line = (event: HistoryEvent, leadTimeZone = 'UTC') => plain(describeEvent(event, leadTimeZone));

  it('names a platform author, without a notification, so each platform prints their name', () => {
    const parts = describeEvent(
      {
        at: '2026-11-01T00:00:00.000Z',
        by: 'slack:U100',
        type: 'created',
        changes: {},
      },
      'UTC',
    );
    expect(parts).toContainEqual({ kind: 'person', person: { platform: 'slack', userId: 'U100' } });
  });

  it('writes a console user or the system by name, without a mention', () => {
    const parts = describeEvent(
      {
        at: '2026-11-01T00:00:00.000Z',
        by: 'console:lead',
        type: 'created',
        changes: {},
      },
      'UTC',
    );
    expect(parts.some((p) => p.kind === 'mention')).toBe(false);
    expect(plain(parts)).toBe('1 Nov 2026 00:00 UTC · created, with no deadline by console:lead');
    expect(
      line({
        at: '2026-11-01T00:00:00.000Z',
        by: 'import',
        type: 'created',
        changes: {
          owners: { after: ['MITI', 'MEITY'] },
          deadline: { after: { kind: 'date', date: '2027-01-15' } },
        },
      }),
    ).toBe('1 Nov 2026 00:00 UTC · created for MITI and MEITY, due 15 Jan 2027 by import');
  });

  it('shows a deadline moved from a day to an exact time in the lead agency’s zone, with the reason', () => {
    expect(
      line(
        {
          at: '2026-11-15T06:45:59.000Z',
          by: 'slack:U100',
          type: 'deadline-moved',
          changes: {
            deadline: {
              before: { kind: 'date', date: '2026-11-30' },
              after: { kind: 'instant', at: '2026-12-15T09:00:00.000Z' },
            },
          },
          reason: 'legal review',
        },
        'Asia/Kuala_Lumpur',
      ),
    ).toBe(
      '15 Nov 2026 14:45 Kuala Lumpur time · deadline moved from 30 Nov 2026 to 15 Dec 2026 17:00 Kuala Lumpur time (15 days later) by @U100: legal review',
    );
  });

  it('shows a deadline given for the first time as set', () => {
    expect(
      line({
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U100',
        type: 'deadline-moved',
        changes: { deadline: { before: undefined, after: { kind: 'date', date: '2026-12-15' } } },
      }),
    ).toBe('15 Nov 2026 06:45 UTC · deadline set to 15 Dec 2026 by @U100');
  });

  it('lists every change of an update in words: owning agencies, area', () => {
    expect(
      line({
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U100',
        type: 'updated',
        changes: {
          owners: { before: ['MITI'], after: ['MITI', 'MEITY'] },
          area: { before: undefined, after: 'trade' },
        },
      }),
    ).toBe(
      '15 Nov 2026 06:45 UTC · owning agencies changed from MITI to MITI and MEITY, area set to trade by @U100',
    );
  });

  it('shows an added note as the note itself', () => {
    expect(
      line({
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U100',
        type: 'note-added',
        changes: { note: { after: 'Draft sent to AGC' } },
      }),
    ).toBe('15 Nov 2026 06:45 UTC · progress note by @U100: Draft sent to AGC');
  });

  it('shows a cancellation with its reason once, though it is kept as closing note and reason', () => {
    expect(
      line({
        at: '2026-11-15T06:45:00.000Z',
        by: 'teams:29:ravi',
        type: 'cancelled',
        changes: {
          status: { before: 'open', after: 'cancelled' },
          closingNote: { after: 'superseded by C-12' },
        },
        reason: 'superseded by C-12',
      }),
    ).toBe('15 Nov 2026 06:45 UTC · cancelled by @29:ravi: superseded by C-12');
  });

  it('says "marked done by" with the evidence, and a status change with the note that came with it', () => {
    expect(
      line({
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U100',
        type: 'done',
        changes: { status: { before: 'open', after: 'done' }, closingNote: { after: 'MoU signed' } },
      }),
    ).toBe('15 Nov 2026 06:45 UTC · marked done by @U100: MoU signed');
    expect(
      line({
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U100',
        type: 'status-changed',
        changes: { status: { before: 'in-progress', after: 'at-risk' }, note: { after: 'vendor late' } },
      }),
    ).toBe(
      '15 Nov 2026 06:45 UTC · status changed from in progress to at risk, with a progress note by @U100: vendor late',
    );
  });

  it('never shows an internal field name, whatever the event', () => {
    const internal = /closingNote|snoozedUntil|deadline-moved|note-added|status-changed|→/;
    const events: HistoryEvent[] = [
      {
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U1',
        type: 'snoozed',
        changes: { snoozedUntil: { after: '2026-11-17T01:00:00.000Z' } },
      },
      {
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U1',
        type: 'reopened',
        changes: { status: { before: 'done', after: 'open' } },
      },
      {
        at: '2026-11-15T06:45:00.000Z',
        by: 'slack:U1',
        type: 'updated',
        changes: { title: { before: 'a', after: 'b' }, source: { after: 'para 3' } },
      },
    ];
    const lines = events.map((event) => line(event));
    expect(lines).toEqual([
      '15 Nov 2026 06:45 UTC · reminders held until 17 Nov 2026 01:00 UTC by @U1',
      '15 Nov 2026 06:45 UTC · reopened by @U1',
      '15 Nov 2026 06:45 UTC · title changed to “b”, source set to “para 3” by @U1',
    ]);
    for (const l of lines) expect(l).not.toMatch(internal);
  });
});

describe('commitmentList', () => {
  it('answers with the empty text alone when nothing matches', () => {
    expect(commitmentList('Overdue', [], view, 'Nothing is overdue.')).toEqual({
      text: 'Nothing is overdue.',
      blocks: [{ type: 'section', content: [{ kind: 'text', text: 'Nothing is overdue.' }] }],
    });
  });

  it('counts one commitment in the singular and several in the plural, with the hint', () => {
    expect(commitmentList('Overdue', [commitment('C-1')], view, 'none').text).toBe('Overdue: 1 commitment');
    const two = commitmentList(
      'Open',
      [commitment('C-1'), commitment('C-2')],
      view,
      'none',
      'list all for closed ones',
    );
    expect(two.text).toBe('Open: 2 commitments');
    expect(two.blocks.at(-1)).toEqual({ type: 'context', text: '2 commitments · list all for closed ones' });
  });
});

describe('homeOverview', () => {
  const mineRed = commitment('C-1', { person: AISHA, status: 'blocked' });
  const mineGreen = commitment('C-2', { person: AISHA, deadline: { kind: 'date', date: '2027-03-01' } });
  const agencyAmber = commitment('C-4', { person: RAVI, deadline: { kind: 'date', date: '2026-12-04' } });
  const agencyRed = commitment('C-5', {
    owners: ['MEITY', 'MITI'],
    deadline: { kind: 'date', date: '2026-11-30' },
  });
  const agencyAtRisk = commitment('C-6', { status: 'at-risk', owners: ['MEITY'] });

  /** Headings and ids in order: `['Your commitments', '🔴 Overdue or blocked', 'C-1', …]`. */
  function outline(message: Message): string[] {
    return message.blocks.flatMap((block) => {
      if (block.type === 'header' || block.type === 'context') return [block.text];
      if (block.type === 'commitments') return block.items.map((item) => item.id);
      return [];
    });
  }

  const section = (items: Commitment[], more = false, total: number | 'uncounted' = items.length) => ({
    items,
    total: total === 'uncounted' ? undefined : total,
    more,
  });

  it("lists the person's own commitments, then the rest of their agencies', each grouped red, amber, green", () => {
    const overview = homeOverview(
      section([mineRed, mineGreen]),
      section([agencyRed, agencyAmber], false, 'uncounted'),
      ['MITI'],
      view,
    );
    expect(outline(overview)).toEqual([
      'Your commitments',
      '🔴 Overdue or blocked',
      'C-1',
      '🟢 On track',
      'C-2',
      'MITI: open commitments',
      '🔴 Overdue or blocked',
      'C-5',
      '🟠 At risk or due within 7 days',
      'C-4',
    ]);
    expect(overview.text).toBe('2 open commitments of yours, 2 more of your agency');
  });

  it('covers every agency the person belongs to, named in the heading', () => {
    const overview = homeOverview(
      section([mineRed, mineGreen]),
      section([agencyRed, agencyAmber, agencyAtRisk], false, 'uncounted'),
      ['MITI', 'MEITY'],
      view,
    );
    expect(outline(overview).slice(5)).toEqual([
      'MITI, MEITY: open commitments',
      '🔴 Overdue or blocked',
      'C-5',
      '🟠 At risk or due within 7 days',
      'C-4',
      'C-6',
    ]);
  });

  it('leaves out the agency part for a person with no agency', () => {
    const overview = homeOverview(section([mineRed, mineGreen]), section([]), [], view);
    expect(overview.blocks.some((b) => b.type === 'divider')).toBe(false);
    expect(overview.text).toBe('2 open commitments of yours, 0 more of your agency');
  });

  it('says so when the person owns nothing and their agency has nothing else open', () => {
    const overview = homeOverview(section([]), section([]), ['MEITY'], view);
    expect(outline(overview)).toEqual([
      'Your commitments',
      'You own no open commitment.',
      'MEITY: open commitments',
      'Nothing else is open for your agency.',
    ]);
  });

  it('counts a single commitment of yours in the singular', () => {
    expect(homeOverview(section([mineRed]), section([]), [], view).text).toBe(
      '1 open commitment of yours, 0 more of your agency',
    );
  });

  it('says how much more there is, and which list has it all, when a section shows only the most urgent', () => {
    const overview = homeOverview(
      section([mineRed], true, 31),
      section([agencyRed], true, 'uncounted'),
      ['MITI', 'MEITY'],
      view,
    );
    expect(overview.text).toBe('31 open commitments of yours, 1+ more of your agency');
    const lines = overview.blocks.flatMap((b) =>
      b.type === 'section' ? [b.content.map((part) => ('text' in part ? part.text : '')).join('')] : [],
    );
    expect(lines).toEqual([
      'Your 1 most urgent of 31 are shown. list mine lists every one.',
      'The 1 most urgent are shown. list owner:MITI lists every one.',
    ]);
  });
});

describe('commitmentCard and the owner', () => {
  it('calls on the owner only when asked, as when a commitment has just been given to them', () => {
    const owned = commitment('C-7', { person: AISHA });
    const quiet = commitmentCard(owned, view, 'Listed:');
    const called = commitmentCard(owned, view, 'New commitment C-7:', { callOwner: true });
    const mentions = (m: Message) =>
      m.blocks.flatMap((b) => (b.type === 'section' ? b.content.filter((p) => p.kind === 'mention') : []));
    expect(mentions(quiet)).toEqual([]);
    expect(mentions(called)).toEqual([{ kind: 'mention', person: AISHA }]);
  });
});
