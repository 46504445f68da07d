import { describe, expect, it } from 'vitest';
import { commandPrefix, fitOneCard, listCommandFor } from '../../adapters/teams/card-overflow.js';
import { CARD_BYTE_BUDGET, cardBytes, pageMessage } from '../../adapters/teams/card-pages.js';
import { MAX_LINES_PER_CARD, renderCard } from '../../adapters/teams/render-card.js';
import { buildDigest } from '../../src/digest/build-digest.js';
import { commitmentLine } from '../../src/messages/commitment-line.js';
import type { Block, Message } from '../../src/messages/message.js';
import { section, strong, text } from '../../src/messages/message.js';
import { overdueRollup } from '../../src/messages/overdue-message.js';
import type { View } from '../../src/messages/view.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import { digestDataOf } from '../support/digest-fixtures.js';
import { checkAdaptiveCard } from '../support/teams-adaptive-cards.js';
import { cardText } from '../support/teams-harness.js';

const NOW = new Date('2026-06-10T04:00:00Z');
const view: View = { now: NOW, readerTimeZone: 'Asia/Kuala_Lumpur', timeZoneOf: () => 'Asia/Kuala_Lumpur' };
const MITI: Agency = {
  code: 'MITI',
  name: 'Ministry of Investment, Trade and Industry',
  timeZone: 'Asia/Kuala_Lumpur',
  country: 'MY',
  channels: [],
};

function commitment(n: number, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: `C-${n}`,
    title: `Item ${n}`,
    owners: ['MITI'],
    deadline: { kind: 'date', date: '2026-05-20' },
    area: 'trade',
    status: 'open',
    notes: [{ at: '2026-06-01T03:00:00Z', by: 'teams:aad-alice', text: 'on it' }],
    createdBy: 'teams:aad-alice',
    createdAt: '2026-05-01T03:00:00Z',
    updatedBy: 'teams:aad-alice',
    updatedAt: '2026-06-01T03:00:00Z',
    version: 1,
    ...overrides,
  };
}

const overdue = (count: number) => Array.from({ length: count }, (_, i) => commitment(i + 1));

function linesIn(message: Message): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'commitments' ? block.items.map((item) => item.id) : [],
  );
}

function contentOf(block: Block | undefined): string {
  return block?.type === 'section'
    ? block.content.map((part) => ('text' in part ? part.text : '')).join('')
    : '';
}

describe('a scheduled post fits one card', () => {
  it('a 30-line overdue roll-up keeps its first 25 lines and says how to list the other 5', () => {
    const fitted = fitOneCard(overdueRollup(MITI, overdue(30), view), '@followthrough ');
    expect(linesIn(fitted)).toEqual(overdue(MAX_LINES_PER_CARD).map((c) => c.id));
    const more = fitted.blocks[fitted.blocks.findIndex((b) => b.type === 'commitments') + 1];
    expect(contentOf(more)).toBe(
      '…and 5 more not shown here: type @followthrough list overdue to see them all.',
    );
    expect(more).toMatchObject({ content: [{}, { kind: 'code', text: '@followthrough list overdue' }, {}] });
    // The header and the closing advice stay.
    expect(fitted.blocks[0]).toMatchObject({ type: 'header', text: '🔴 MITI: 30 overdue commitments' });
    expect(fitted.blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(fitted.text).toBe('MITI: 30 overdue commitments');
    const card = renderCard(fitted);
    expect(checkAdaptiveCard(card).events).toEqual([]);
    expect(cardText(card)).toContain('…and 5 more not shown here');
  });

  it('in a personal chat the command is written without the mention', () => {
    const fitted = fitOneCard(overdueRollup(MITI, overdue(26), view), commandPrefix('personal'));
    expect(fitted.blocks.some((block) => contentOf(block).includes('type list overdue to see'))).toBe(true);
    expect(commandPrefix('channel')).toBe('@followthrough ');
    expect(commandPrefix('groupChat')).toBe('@followthrough ');
  });

  it('a message within one card is left as it is', () => {
    const message = overdueRollup(MITI, overdue(MAX_LINES_PER_CARD), view);
    expect(fitOneCard(message, '')).toBe(message);
  });

  it('a digest reply grouped by area drops the headings of areas cut entirely', () => {
    const open = [
      ...Array.from({ length: 20 }, (_, i) => commitment(i + 1, { area: 'defence' })),
      ...Array.from({ length: 10 }, (_, i) => commitment(i + 21, { area: 'energy' })),
      ...Array.from({ length: 5 }, (_, i) => commitment(i + 31, { area: 'trade' })),
    ];
    const digest = buildDigest(
      digestDataOf(MITI, NOW, {
        open: open.length,
        overdue: open.length,
        lists: { ...digestDataOf(MITI, NOW).lists!, overdue: { items: open, total: open.length } },
      }),
      view,
    );
    const fitted = fitOneCard(digest.replies[1]!, '@followthrough ');
    expect(linesIn(fitted)).toHaveLength(MAX_LINES_PER_CARD);
    const headings = fitted.blocks.map(contentOf).filter((content) => /^[a-z]+$/.test(content));
    expect(headings).toEqual(['defence', 'energy']);
    expect(contentOf(fitted.blocks.at(-1))).toContain('…and 10 more not shown here');
  });
});

describe('the command that lists what was cut', () => {
  const line = (n: number, overrides: Partial<Commitment> = {}) =>
    commitmentLine(commitment(n, overrides), view);
  const later = { deadline: { kind: 'date', date: '2026-12-15' } } as const;

  it('overdue lines: list overdue', () => {
    expect(listCommandFor([line(1), line(2)])).toBe('list overdue');
  });

  it('a blocked line is red without being overdue, so it is listed by its agency', () => {
    expect(listCommandFor([line(1), line(2, { status: 'blocked', ...later })])).toBe('list owner:MITI');
  });

  it('open lines sharing an agency: that agency’s list', () => {
    expect(listCommandFor([line(1, { ...later, owners: ['MEITY', 'MITI'] }), line(2, { ...later })])).toBe(
      'list owner:MITI',
    );
  });

  it('closed lines of one status: that status', () => {
    expect(listCommandFor([line(1, { status: 'done' }), line(2, { status: 'done' })])).toBe(
      'list status:done',
    );
  });

  it('anything else: list all', () => {
    expect(listCommandFor([line(1, { status: 'done' }), line(2, { ...later, owners: ['MEITY'] })])).toBe(
      'list all',
    );
  });
});

describe('a scheduled post stays within Teams’ message size', () => {
  const fat = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      commitment(i + 1, {
        title: `"${'漢字の長い題名'.repeat(28)}"`.slice(0, 200),
        owners: ['MITI', 'MEITY', 'DPIIT', 'MOFA', 'MOD', 'MHA', 'NSCS', 'MEA'],
        area: 'semiconductors',
      }),
    );

  it('25 lines of long, wide titles are cut to what fits 25 KB, saying how to list the rest', () => {
    const message = overdueRollup(MITI, fat(25), view);
    expect(cardBytes(renderCard(message))).toBeGreaterThan(CARD_BYTE_BUDGET);
    const fitted = fitOneCard(message, '@followthrough ');
    const card = renderCard(fitted);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    const kept = linesIn(fitted).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(25);
    expect(cardText(card)).toContain(`…and ${25 - kept} more not shown here`);
  });
});

describe('pages of a long answer', () => {
  const longSection = (n: number) => section(text(`Event ${n}: ${'x'.repeat(1900)}`));

  it('each page renders within the budget, and together they hold every block in order', () => {
    const message: Message = {
      text: 'History',
      blocks: Array.from({ length: 40 }, (_, i) => longSection(i + 1)),
    };
    const pages = pageMessage(message);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(cardBytes(renderCard(page))).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    const events = pages.flatMap((page) =>
      page.blocks.map(contentOf).filter((content) => content.startsWith('Event ')),
    );
    expect(events.map((content) => content.split(':')[0])).toEqual(
      Array.from({ length: 40 }, (_, i) => `Event ${i + 1}`),
    );
    expect(pages[1]!.text).toBe(`History (2/${pages.length})`);
  });

  it('a heading that would end a page moves to the next one, with what it heads', () => {
    const blocks: Block[] = [
      ...Array.from({ length: 11 }, (_, i) => longSection(i + 1)),
      section(strong('History')),
      longSection(99),
    ];
    const pages = pageMessage({ text: 'x', blocks });
    const first = pages[0]!.blocks;
    expect(first.at(-1)?.type).toBe('section');
    expect(contentOf(first.at(-1))).not.toBe('History');
    const withHeading = pages.find((page) => page.blocks.some((block) => contentOf(block) === 'History'))!;
    const at = withHeading.blocks.findIndex((block) => contentOf(block) === 'History');
    expect(contentOf(withHeading.blocks[at + 1])).toMatch(/^Event/);
  });

  it('a block too large for a card of its own is shortened to fit', () => {
    const huge: Message = { text: 'x', blocks: [section(text('"\\'.repeat(20_000)))] };
    const [only] = pageMessage(huge);
    expect(cardBytes(renderCard(only!))).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(contentOf(only!.blocks[0])).toMatch(/…$/);
  });
});
