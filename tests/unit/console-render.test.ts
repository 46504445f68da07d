import { describe, expect, it } from 'vitest';
import { renderCommitment, renderText } from '../../adapters/console/render-text.js';
import { commitmentCard } from '../../src/messages/commitment-messages.js';
import type { Block, CommitmentLine, Message } from '../../src/messages/message.js';
import { ACTION_IDS, code, mention, section, strong, text } from '../../src/messages/message.js';
import type { Commitment } from '../../src/model/commitment.js';

const message = (...blocks: Block[]): Message => ({ text: 'summary', blocks });

const LINE: CommitmentLine = {
  id: 'C-3',
  title: 'Semiconductor supply-chain MoU',
  owners: ['MITI', 'MEITY'],
  person: { platform: 'slack', userId: 'U123', name: 'aisha' },
  status: 'in-progress',
  rag: 'amber',
  deadline: { kind: 'date', date: '2026-12-15' },
  dueText: 'Tue 15 Dec 2026 (in 3 days)',
  area: 'semiconductors',
};

describe('renderText blocks', () => {
  it('underlines a header after a blank line that separates it from what came before', () => {
    expect(renderText(message({ type: 'header', text: 'Overdue' }))).toBe('\nOverdue\n───────');
  });

  it('caps the header underline at 72 characters', () => {
    const long = 'x'.repeat(100);
    expect(renderText(message({ type: 'header', text: long }))).toBe(`\n${long}\n${'─'.repeat(72)}`);
  });

  it('runs the parts of a section together, strong as plain text and code in backticks', () => {
    expect(renderText(message(section(strong('Usage'), text(': '), code('/commit show <id>'))))).toBe(
      'Usage: `/commit show <id>`',
    );
  });

  it('writes fields one per line as label: value', () => {
    const fields: Block = {
      type: 'fields',
      fields: [
        { label: 'Open', value: '4' },
        { label: 'On-time rate', value: '75%' },
      ],
    };
    expect(renderText(message(fields))).toBe('  Open: 4\n  On-time rate: 75%');
  });

  it('indents context text', () => {
    expect(renderText(message({ type: 'context', text: '3 commitments' }))).toBe('  3 commitments');
  });

  it('adds no line of its own for a divider', () => {
    expect(renderText(message(section(text('above')), { type: 'divider' }, section(text('below'))))).toBe(
      'above\nbelow',
    );
  });

  it('renders the blocks in order, one after another', () => {
    const rendered = renderText(
      message({ type: 'header', text: 'C-3' }, { type: 'context', text: 'ctx' }, section(text('body'))),
    );
    expect(rendered).toBe('\nC-3\n───\n  ctx\nbody');
  });

  it('renders a message with no blocks as nothing', () => {
    expect(renderText(message())).toBe('');
  });
});

describe('renderText commitment lines', () => {
  it('shows the RAG mark, id, title, then owners, due text, status, area and person', () => {
    expect(renderCommitment(LINE)).toBe(
      '🟠 C-3   Semiconductor supply-chain MoU\n' +
        '        MITI, MEITY · due Tue 15 Dec 2026 (in 3 days) · in-progress · semiconductors · @aisha',
    );
  });

  it.each([
    ['red', '🔴'],
    ['amber', '🟠'],
    ['green', '🟢'],
    ['closed', '⚪'],
  ] as const)('marks a %s line with %s', (rag, mark) => {
    expect(renderCommitment({ ...LINE, rag }).startsWith(`${mark} C-3 `)).toBe(true);
  });

  it('says "no deadline" and leaves out a missing area and person', () => {
    const bare: CommitmentLine = {
      id: 'C-12',
      title: 'Joint CERT drill',
      owners: ['MEITY'],
      status: 'open',
      rag: 'green',
    };
    expect(renderCommitment(bare)).toBe('🟢 C-12  Joint CERT drill\n        MEITY · no deadline · open');
  });

  it('names a person without a display name by their user id', () => {
    const line = { ...LINE, person: { platform: 'teams' as const, userId: '29:abc' } };
    expect(renderCommitment(line)).toContain(' · @29:abc');
  });

  it('lists several commitments in the order given', () => {
    const other: CommitmentLine = { ...LINE, id: 'C-10', title: 'Second', rag: 'red' };
    const rendered = renderText(message({ type: 'commitments', items: [LINE, other] }));
    expect(rendered.split('\n').filter((line) => !line.startsWith(' '))).toEqual([
      '🟠 C-3   Semiconductor supply-chain MoU',
      '🔴 C-10  Second',
    ]);
  });
});

describe('renderText buttons', () => {
  it('shows each button as the command that does the same thing', () => {
    const actions: Block = {
      type: 'actions',
      buttons: [
        { label: 'Mark done', actionId: ACTION_IDS.markDone, value: 'C-3' },
        { label: 'Snooze 1 day', actionId: ACTION_IDS.snoozeDay, value: 'C-3' },
        { label: 'Snooze 1 week', actionId: ACTION_IDS.snoozeWeek, value: 'C-3' },
        { label: 'Post update', actionId: ACTION_IDS.postUpdate, value: 'C-3' },
        { label: 'Change deadline', actionId: ACTION_IDS.changeDeadline, value: 'C-3' },
      ],
    };
    expect(renderText(message(actions))).toBe(
      '  ↳ done C-3  ·  snooze C-3 1d  ·  snooze C-3 1w  ·  update C-3 note:"…"  ·  update C-3 due:… reason:"…"',
    );
  });

  it('shows a paging button by its label, which names what to type', () => {
    const more: Block = {
      type: 'actions',
      buttons: [{ label: 'list all (page 2)', actionId: ACTION_IDS.moreResults, value: 'all:2' }],
    };
    expect(renderText(message(more))).toBe('  ↳ list all (page 2)');
  });

  it("turns a commitment card's buttons into commands for that commitment", () => {
    const commitment: Commitment = {
      id: 'C-7',
      title: 'Digital payments link',
      owners: ['MEITY'],
      status: 'open',
      notes: [],
      createdBy: 'console:lead',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedBy: 'console:lead',
      updatedAt: '2026-11-01T00:00:00.000Z',
      version: 1,
    };
    const view = {
      now: new Date('2026-11-02T00:00:00.000Z'),
      readerTimeZone: 'UTC',
      timeZoneOf: () => 'Asia/Kolkata',
    };
    const rendered = renderText(commitmentCard(commitment, view));
    expect(rendered).toContain('↳ done C-7  ·  snooze C-7 1d  ·  snooze C-7 1w');
    expect(renderText(commitmentCard({ ...commitment, status: 'done' }, view))).not.toContain('↳');
  });
});

describe('renderText mentions and user text', () => {
  it('writes a mention as @name, or @userId when the name is unknown', () => {
    const rendered = renderText(
      message(
        section(text('Owner: '), mention({ platform: 'slack', userId: 'U1', name: 'aisha' })),
        section(text('Owner: '), mention({ platform: 'teams', userId: '29:x' })),
      ),
    );
    expect(rendered).toBe('Owner: @aisha\nOwner: @29:x');
  });

  it('shows markup-like text exactly as typed, with nothing escaped or interpreted', () => {
    const typed = '*not bold* _nor italic_ <@U999> <!channel> &amp; <b>html</b> `tick` [link](http://x)';
    expect(renderText(message(section(text(typed))))).toBe(typed);
    expect(renderText(message({ type: 'header', text: typed })).split('\n')[1]).toBe(typed);
    expect(renderText(message({ type: 'context', text: typed }))).toBe(`  ${typed}`);
    expect(renderCommitment({ ...LINE, title: typed })).toContain(`C-3   ${typed}\n`);
  });

  it('keeps the line breaks a person typed in a note or a title', () => {
    const note = 'first line\nsecond line';
    expect(renderText(message(section(text(`: ${note}`))))).toBe(': first line\nsecond line');
    expect(
      renderCommitment({ ...LINE, title: 'MoU\ndraft 2' })
        .split('\n')
        .slice(0, 2),
    ).toEqual(['🟠 C-3   MoU', 'draft 2']);
  });

  it('shows field values as typed, markup and all', () => {
    const fields: Block = { type: 'fields', fields: [{ label: 'Source', value: 'Joint Statement ¶12 <*>' }] };
    expect(renderText(message(fields))).toBe('  Source: Joint Statement ¶12 <*>');
  });
});
