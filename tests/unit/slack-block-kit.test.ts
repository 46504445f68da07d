import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  commitmentText,
  LIMITS,
  LINE_MENU_ACTION_ID,
  renderInlines,
  renderPage,
  renderWhole,
} from '../../adapters/slack/block-kit.js';
import { clip, escapeText } from '../../adapters/slack/mrkdwn.js';
import type { Block, CommitmentLine, Message } from '../../src/messages/message.js';
import { ACTION_IDS, code, mention, personName, section, strong, text } from '../../src/messages/message.js';

const HOSTILE = '<!channel> <@U123> <https://x|y> & <!here>';

function line(overrides: Partial<CommitmentLine> = {}): CommitmentLine {
  return {
    id: 'C-12',
    title: 'Launch the supply-chain dialogue',
    owners: ['MITI', 'MEITY'],
    status: 'open',
    rag: 'amber',
    dueText: 'Tue 15 Dec 2026 (in 3 days)',
    ...overrides,
  };
}

function list(count: number, extra: Block[] = []): Message {
  const items = Array.from({ length: count }, (_, i) => line({ id: `C-${i + 1}`, title: `Item ${i + 1}` }));
  return {
    text: `All commitments: ${count}`,
    blocks: [
      { type: 'header', text: 'All commitments' },
      ...extra,
      { type: 'commitments', items },
      { type: 'context', text: `${count} commitments` },
    ],
  };
}

/** Every string Slack will parse in the rendered output: text objects and the notification text. */
function allText(rendered: { text: string; blocks: KnownBlock[] }): string[] {
  const found: string[] = [rendered.text];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string')
      found.push(record.text);
    for (const value of Object.values(record)) visit(value);
  };
  visit(rendered.blocks);
  return found;
}

function sectionText(block: KnownBlock | undefined): string {
  return ((block as SectionBlock).text?.text as string) ?? '';
}

describe('Block Kit rendering of a commitment line', () => {
  it('shows the RAG mark, id, title, owners, due text written for the reader, status, area and owner', () => {
    const rendered = commitmentText(
      line({ area: 'trade', person: { platform: 'slack', userId: 'U42', name: 'alice' } }),
    );
    expect(rendered).toBe(
      '🟠 *C-12* Launch the supply-chain dialogue\nMITI, MEITY · due Tue 15 Dec 2026 (in 3 days) · open · trade · <@U42>',
    );
  });

  it('says "no deadline" for an undated commitment and shows a person from another platform by name only', () => {
    const rendered = commitmentText(
      line({
        dueText: undefined,
        rag: 'green',
        person: { platform: 'teams', userId: '29:abc', name: 'Priya <Ops>' },
      }),
    );
    expect(rendered).toContain('no deadline');
    expect(rendered).toContain('@Priya &lt;Ops&gt;');
    expect(rendered).not.toContain('<@');
  });

  it.each([
    ['red', '🔴'],
    ['green', '🟢'],
    ['closed', '⚪'],
  ] as const)('marks a %s commitment with %s', (rag, mark) => {
    expect(commitmentText(line({ rag }))).toMatch(new RegExp(`^${mark} `));
  });
});

describe('escaping of user text', () => {
  it('turns every control character of a title into an entity, so no ping, mention or link survives', () => {
    const message: Message = {
      text: `New: ${HOSTILE}`,
      blocks: [
        { type: 'header', text: HOSTILE },
        section(text(HOSTILE), strong(HOSTILE), code(HOSTILE)),
        { type: 'fields', fields: [{ label: HOSTILE, value: HOSTILE }] },
        { type: 'commitments', items: [line({ title: HOSTILE, area: 'x' })] },
        { type: 'context', text: HOSTILE },
        { type: 'actions', buttons: [{ label: HOSTILE, actionId: ACTION_IDS.markDone, value: 'C-1' }] },
      ],
    };
    const texts = allText(renderPage(message));
    expect(texts).toHaveLength(7);
    for (const value of texts) {
      expect(value).not.toMatch(/<[!@#h]/);
      expect(value).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(sectionText(renderPage(message).blocks[1])).toContain(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt; &amp;',
    );
  });

  it('keeps a real mention as a mention', () => {
    expect(renderInlines([text('Owner: '), mention({ platform: 'slack', userId: 'U7' })])).toBe(
      'Owner: <@U7>',
    );
  });

  it('names a person (a history author, the owner in `show`) the way Slack shows names, and others as text', () => {
    expect(
      renderInlines([
        personName({ platform: 'slack', userId: 'U7', name: 'alice' }),
        text(' and '),
        personName({ platform: 'teams', userId: '29:abc', name: 'Priya <Ops>' }),
        text(' and '),
        personName({ platform: 'slack', userId: 'bob>' }),
      ]),
    ).toBe('<@U7> and @Priya &lt;Ops&gt; and @bob&gt;');
  });

  it('does not treat a user id that is not a Slack user id as a mention', () => {
    expect(renderInlines([mention({ platform: 'slack', userId: 'alice>' })])).toBe('@alice&gt;');
  });

  it('puts bold and code markers right against the words, spaces outside', () => {
    expect(renderInlines([strong('Closing note: '), text('signed')])).toBe('*Closing note:* signed');
    expect(renderInlines([code(' a`b ')])).toBe(' `aˋb` ');
  });
});

describe('Block Kit limits', () => {
  it('clips a header to 150 characters without cutting an entity in half', () => {
    const rendered = renderPage({ text: 't', blocks: [{ type: 'header', text: `${'a'.repeat(148)}&&&` }] });
    const header = rendered.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(header.text.text.endsWith('…')).toBe(true);
    expect(header.text.text).not.toMatch(/&(?!amp;)[a-z]*…$/);
  });

  it('clip never leaves half a mention', () => {
    expect(clip('abc <@U12345>', 10)).toBe('abc …');
  });

  it('splits more than ten fields over several sections', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: String(i) }));
    const { blocks } = renderPage({ text: 't', blocks: [{ type: 'fields', fields }] });
    expect(blocks.map((b) => (b as SectionBlock).fields?.length)).toEqual([10, 2]);
  });

  it('never renders more than 50 blocks, even when every line comes with a heading', () => {
    const blocks: Block[] = [];
    for (let i = 0; i < 60; i += 1) {
      blocks.push(
        { type: 'context', text: `group ${i}` },
        { type: 'commitments', items: [line({ id: `C-${i}` })] },
      );
    }
    for (let page = 0; page < 3; page += 1) {
      const rendered = renderPage({ text: 't', blocks }, { page, moreValue: (next) => `p${next}` });
      expect(rendered.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    }
  });
});

describe('paging of long lists', () => {
  const message = list(45);

  it('shows the first 20 lines, the header, and a "Show more" button whose value names the next page', () => {
    const first = renderPage(message, { pageSize: 20, moreValue: (next) => `next=${next}` });
    expect(first.pages).toBe(3);
    expect(first.remaining).toBe(25);
    const lines = first.blocks.filter((b) => sectionText(b).includes('*C-'));
    expect(lines).toHaveLength(20);
    expect(first.blocks[0]).toMatchObject({ type: 'header' });
    const last = first.blocks.at(-1) as {
      type: string;
      elements: { action_id: string; value: string; text: { text: string } }[];
    };
    expect(last.type).toBe('actions');
    expect(last.elements[0]).toMatchObject({ action_id: ACTION_IDS.moreResults, value: 'next=1' });
    expect(last.elements[0]!.text.text).toBe('Show 25 more');
  });

  it('continues on the next page where the last stopped, saying which page it is', () => {
    const second = renderPage(message, { pageSize: 20, page: 1, moreValue: (next) => `next=${next}` });
    expect(JSON.stringify(second.blocks[0])).toContain('page 2 of 3');
    expect(sectionText(second.blocks[1])).toContain('*C-21*');
    expect(second.text.startsWith('(continued)')).toBe(true);
  });

  it('ends with the count line and no button on the last page', () => {
    const third = renderPage(message, { pageSize: 20, page: 2, moreValue: (next) => `next=${next}` });
    expect(third.blocks.filter((b) => sectionText(b).includes('*C-'))).toHaveLength(5);
    expect(third.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(third.blocks.at(-1))).toContain('45 commitments');
  });

  it('offers no button when there is no way to ask for the next page', () => {
    expect(renderPage(message, { pageSize: 20 }).blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('renderWhole says how many lines did not fit instead of dropping them silently', () => {
    const whole = renderWhole(list(120));
    expect(whole.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(JSON.stringify(whole.blocks.at(-1))).toMatch(/and \d+ more not shown/);
  });
});

describe('buttons and menus', () => {
  it('renders the core buttons with their action ids, values and styles', () => {
    const { blocks } = renderPage({
      text: 't',
      blocks: [
        {
          type: 'actions',
          buttons: [{ label: 'Mark done', actionId: ACTION_IDS.markDone, value: 'C-3', style: 'primary' }],
        },
      ],
    });
    expect(blocks[0]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'commitment.done',
          value: 'C-3',
          style: 'primary',
          text: { type: 'plain_text', text: 'Mark done', emoji: true },
        },
      ],
    });
  });

  it('gives each open line of a list an overflow menu whose options name the action and the commitment', () => {
    const { blocks } = renderPage({
      text: 't',
      blocks: [
        {
          type: 'commitments',
          items: [line({ id: 'C-1' }), line({ id: 'C-2', status: 'done', rag: 'closed' })],
        },
      ],
    });
    const [open, closed] = blocks as SectionBlock[];
    expect(open!.accessory).toMatchObject({ type: 'overflow', action_id: LINE_MENU_ACTION_ID });
    const values = (open!.accessory as { options: { value: string }[] }).options.map((o) => o.value);
    expect(values).toEqual([
      'commitment.done|C-1',
      'commitment.snooze-1d|C-1',
      'commitment.snooze-1w|C-1',
      'commitment.update|C-1',
      'commitment.change-deadline|C-1',
    ]);
    expect(closed!.accessory).toBeUndefined();
  });

  it('leaves the menu off when the message already has its own buttons', () => {
    const { blocks } = renderPage({
      text: 't',
      blocks: [
        { type: 'commitments', items: [line()] },
        { type: 'actions', buttons: [{ label: 'Mark done', actionId: ACTION_IDS.markDone, value: 'C-12' }] },
      ],
    });
    expect((blocks[0] as SectionBlock).accessory).toBeUndefined();
  });
});

describe('escapeText', () => {
  it('escapes exactly the three characters Slack reserves', () => {
    expect(escapeText(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
  });
});
