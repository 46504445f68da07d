import type { Block, Inline, Message } from '../../src/messages/message.js';
import { type AdaptiveCard, cardActivity } from './adaptive-card.js';
import { type CardOptions, MAX_LINES_PER_CARD, renderCard } from './render-card.js';

/**
 * Teams refuses a bot message of about 28 KB or more (the activity as JSON). Every card stays under
 * this, which leaves room for the fields botbuilder adds to the activity (ids, addresses, the thread).
 */
export const CARD_BYTE_BUDGET = 25_000;

/** The size Teams judges: the card's message activity as UTF-8 JSON. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(cardActivity(card)), 'utf8');
}

export interface PagingOptions extends CardOptions {
  budget?: number;
  maxLines?: number;
  /** The block closing every page but the last (a "Show more" button, a line saying how to see the rest). */
  more?: (nextPage: number) => Block;
}

/**
 * A message cut into pages that each render within the byte budget and hold at most `maxLines`
 * commitment lines, in order: pages break between blocks and between lines, a heading or divider that
 * would end a page goes with what it heads, and a block too large for a card of its own is shortened.
 * A message that fits is returned as it is; later pages say which page they are.
 */
export function pageMessage(message: Message, options: PagingOptions = {}): Message[] {
  const budget = options.budget ?? CARD_BYTE_BUDGET;
  const maxLines = options.maxLines ?? MAX_LINES_PER_CARD;
  if (fits(message, budget, options) && lineCount(message.blocks) <= maxLines) return [message];
  const pages: Block[][] = [];
  let current: Block[] = [];
  const draft = (blocks: Block[]) => pageOf(message, blocks, pages.length, options.more);
  for (const unit of units(message.blocks)) {
    const sized = fits(draft([unit]), budget, options)
      ? unit
      : shrink(unit, (b) => fits(draft([b]), budget, options));
    const candidate = joined(current, sized);
    const full = lineCount(candidate) > maxLines || !fits(draft(candidate), budget, options);
    if (current.length > 0 && full) {
      const carried = trailingChrome(current);
      pages.push(current.slice(0, current.length - carried.length));
      current = joined(carried, sized);
    } else {
      current = candidate;
    }
  }
  pages.push(current);
  const kept = pages.filter((blocks) => blocks.length > 0);
  return kept.map((blocks, index) => ({
    text: index === 0 ? message.text : `${message.text} (${index + 1}/${kept.length})`,
    blocks: withPaging(blocks, index, index + 1 < kept.length ? options.more : undefined),
  }));
}

/** The first page alone, ending with a line that says more was left out, for places with one card only. */
export function firstPage(message: Message, options: PagingOptions = {}): Message {
  const note = (): Block => ({ type: 'context', text: '…more was left out to fit in one card.' });
  return pageMessage(message, { more: note, ...options })[0]!;
}

function fits(message: Message, budget: number, options: CardOptions): boolean {
  return cardBytes(renderCard(message, options)) <= budget;
}

/** A page as it will be sent, for measuring: the continuation line and the "more" block included. */
function pageOf(message: Message, blocks: Block[], index: number, more: PagingOptions['more']): Message {
  return { text: message.text, blocks: withPaging(blocks, index, more) };
}

function withPaging(blocks: Block[], index: number, more: PagingOptions['more']): Block[] {
  const head: Block[] = index > 0 ? [{ type: 'context', text: `…continued, page ${index + 1}` }] : [];
  return [...head, ...blocks, ...(more ? [more(index + 1)] : [])];
}

/** Blocks with each commitment line on its own, so that pages can break between lines. */
function units(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((block) =>
    block.type === 'commitments'
      ? block.items.map((item) => ({ type: 'commitments', items: [item] }) as Block)
      : [block],
  );
}

/** Appends a block, merging consecutive commitment lines back into one list. */
function joined(blocks: readonly Block[], next: Block): Block[] {
  const last = blocks.at(-1);
  if (last?.type === 'commitments' && next.type === 'commitments') {
    return [...blocks.slice(0, -1), { type: 'commitments', items: [...last.items, ...next.items] }];
  }
  return [...blocks, next];
}

function lineCount(blocks: readonly Block[]): number {
  return blocks.reduce((count, block) => count + (block.type === 'commitments' ? block.items.length : 0), 0);
}

/** Headings and dividers at the end of a page belong with what follows them. */
function trailingChrome(blocks: readonly Block[]): Block[] {
  let at = blocks.length;
  while (at > 1 && isChrome(blocks[at - 1]!)) at -= 1;
  return blocks.slice(at);
}

function isChrome(block: Block): boolean {
  return (
    block.type === 'header' ||
    block.type === 'divider' ||
    (block.type === 'section' && block.content.every((part) => part.kind === 'strong'))
  );
}

/** A block cut to fit a card of its own: its text shortened, half at a time, then to a mark. */
function shrink(block: Block, fitsAlone: (block: Block) => boolean): Block {
  for (let limit = 4000; limit >= 50; limit = Math.floor(limit / 2)) {
    const cut = clipped(block, limit);
    if (fitsAlone(cut)) return cut;
  }
  return { type: 'context', text: '(too long to show here)' };
}

function clipped(block: Block, limit: number): Block {
  const clip = (value: string) => (value.length <= limit ? value : `${value.slice(0, limit - 1)}…`);
  switch (block.type) {
    case 'header':
    case 'context':
      return { ...block, text: clip(block.text) };
    case 'section':
      return {
        ...block,
        content: block.content.map(
          (part): Inline => ('text' in part ? { ...part, text: clip(part.text) } : part),
        ),
      };
    case 'fields':
      return {
        ...block,
        fields: block.fields.map((field) => ({ label: clip(field.label), value: clip(field.value) })),
      };
    case 'commitments':
      return { ...block, items: block.items.map((item) => ({ ...item, title: clip(item.title) })) };
    default:
      return block;
  }
}
