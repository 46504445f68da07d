import { renderPng } from '../../src/charts/render-png.js';
import { RESTRICTED_MARK } from '../../src/messages/commitment-line.js';
import type {
  Block,
  CommitmentLine,
  Field,
  ImageBlock,
  Inline,
  Message,
} from '../../src/messages/message.js';
import { text } from '../../src/messages/message.js';
import type { PersonRef } from '../../src/model/platform.js';
import type { Rag } from '../../src/model/rag.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, type MentionEntity } from './adaptive-card.js';
import { type CardActionKind, renderButton } from './card-buttons.js';
import { markdownText, mentionName, plainText } from './card-text.js';
import { readerTime, readerTimeLine } from './date-functions.js';

/**
 * No card holds more commitment lines than this, whatever their size: a page people can read. Bytes are
 * the other limit (card-pages.ts).
 */
export const MAX_LINES_PER_CARD = 25;

const RAG_MARK: Record<Rag, string> = { red: '🔴', amber: '🟠', green: '🟢', closed: '⚪' };

export interface CardOptions {
  /** How the card's buttons reach the bot: `execute` in Teams (the default), `submit` elsewhere. */
  actions?: CardActionKind;
}

/** A neutral message as one Adaptive Card; plain strings are escaped, mentions become Teams mentions. */
export function renderCard(message: Message, options: CardOptions = {}): AdaptiveCard {
  const mentions = new MentionTags();
  const body: CardElement[] = [];
  let separate = false;
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separate = body.length > 0;
      continue;
    }
    const element = renderBlock(block, mentions, options.actions ?? 'execute');
    if (!element) continue;
    if (separate) Object.assign(element, { separator: true, spacing: 'Medium' });
    separate = false;
    body.push(element);
  }
  if (body.length === 0) body.push(richText([text(message.text)], mentions));
  const card = adaptiveCard(body, { fallbackText: plainText(message.text) });
  card.msteams =
    mentions.entities.length > 0 ? { width: 'Full', entities: mentions.entities } : { width: 'Full' };
  return card;
}

function renderBlock(
  block: Exclude<Block, { type: 'divider' }>,
  mentions: MentionTags,
  actions: CardActionKind,
): CardElement | undefined {
  switch (block.type) {
    case 'header':
      return { type: 'RichTextBlock', inlines: [run(block.text, { size: 'Large', weight: 'Bolder' })] };
    case 'section':
      return block.content.length > 0 ? richText(block.content, mentions) : undefined;
    case 'fields':
      return block.fields.length > 0 ? { type: 'FactSet', facts: block.fields.flatMap(facts) } : undefined;
    case 'commitments':
      return block.items.length > 0
        ? { type: 'Container', items: block.items.map((item) => commitmentLine(item, mentions)) }
        : undefined;
    case 'actions':
      return block.buttons.length > 0
        ? { type: 'ActionSet', actions: block.buttons.map((button) => renderButton(button, actions)) }
        : undefined;
    case 'context':
      return { type: 'RichTextBlock', inlines: [run(block.text, { isSubtle: true, size: 'Small' })] };
    case 'image':
      return chartImage(block);
  }
}

/**
 * A chart travels inside its card as base64 (a third larger than the PNG), and the card must stay within
 * the 25 KB budget of card-pages.ts; a chart is about 9 KB. One past this bound (a scoreboard of very
 * many agencies) is given in words instead, never dropped.
 */
export const MAX_INLINE_IMAGE_BYTES = 17_000;

/** A chart as an inline PNG, its figures in `altText` for screen readers. */
function chartImage(block: ImageBlock): CardElement {
  const png = renderPng(block.svg);
  if (png.length > MAX_INLINE_IMAGE_BYTES) {
    return { type: 'RichTextBlock', inlines: [run(`📊 ${block.alt}`, { size: 'Small' })] };
  }
  return {
    type: 'Image',
    url: `data:image/png;base64,${png.toString('base64')}`,
    altText: plainText(block.alt),
    size: 'Stretch',
  };
}

/** A field that names a moment is followed by a fact with the moment on the reader's clock. */
function facts(field: Field): { title: string; value: string }[] {
  const shown = { title: markdownText(field.label), value: markdownText(field.value) };
  if (!field.moment) return [shown];
  return [shown, { title: markdownText(`${field.label}, your time`), value: readerTime(field.moment) }];
}

function commitmentLine(line: CommitmentLine, mentions: MentionTags): CardElement {
  const details: Inline[] = [
    text(
      [
        line.owners.join(', '),
        line.dueText ? `due ${line.dueText}` : 'no deadline',
        line.status,
        line.area,
        line.restricted ? RESTRICTED_MARK : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  ];
  // Named, not mentioned: a list or an answer in a thread must not notify every owner on it.
  if (line.person) details.push(text(' · '), { kind: 'person', person: line.person });
  const items: CardElement[] = [
    {
      type: 'RichTextBlock',
      inlines: [run(`${RAG_MARK[line.rag]} `), run(line.id, { weight: 'Bolder' }), run(`  ${line.title}`)],
    },
    { ...richText(details, mentions, { isSubtle: true, size: 'Small' }), spacing: 'None' },
  ];
  if (line.dueMoment) {
    const text = readerTimeLine(line.dueMoment);
    items.push({ type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'Small', spacing: 'None' });
  }
  if (line.detail) items.push({ ...richText(line.detail, mentions, { size: 'Small' }), spacing: 'None' });
  return { type: 'Container', spacing: 'Small', items };
}

type RunStyle = { size?: 'Small' | 'Large'; weight?: 'Bolder'; isSubtle?: boolean; fontType?: 'Monospace' };

/**
 * Inline content without a Teams mention or a moment goes into a RichTextBlock, whose TextRuns Teams
 * renders without Markdown. A mention, and DATE()/TIME(), only work in a TextBlock, so content with one
 * is written as escaped Markdown there.
 */
function richText(content: Inline[], mentions: MentionTags, style: RunStyle = {}): CardElement {
  const needsTextBlock = (part: Inline) =>
    (part.kind === 'mention' && isTeamsPerson(part.person)) || part.kind === 'moment';
  if (content.some(needsTextBlock)) {
    const markdown = content.map((part) => inlineMarkdown(part, mentions)).join('');
    const block: CardElement = { type: 'TextBlock', text: markdown, wrap: true };
    if (style.isSubtle) block.isSubtle = true;
    if (style.size) block.size = style.size;
    return block;
  }
  const inlines = content.map((part) => inlineRun(part, style)).filter((inline) => inline.text !== '');
  return { type: 'RichTextBlock', inlines: inlines.length > 0 ? inlines : [run(' ', style)] };
}

function inlineRun(part: Inline, style: RunStyle): CardElement & { text: string } {
  switch (part.kind) {
    case 'text':
      return run(part.text, style);
    case 'strong':
      return run(part.text, { ...style, weight: 'Bolder' });
    case 'code':
      return run(part.text, { ...style, fontType: 'Monospace' });
    case 'mention':
    case 'person':
      return run(`@${part.person.name ?? part.person.userId}`, style);
    case 'moment':
      return run(part.moment.text, style);
  }
}

function inlineMarkdown(part: Inline, mentions: MentionTags): string {
  switch (part.kind) {
    case 'text':
    case 'code':
      return markdownText(part.text);
    case 'strong': {
      const inner = part.text.trim();
      if (inner === '') return markdownText(part.text);
      const [lead, trail] = [part.text.match(/^\s*/)![0], part.text.match(/\s*$/)![0]];
      return `${lead}**${markdownText(inner)}**${trail}`;
    }
    case 'mention':
      return isTeamsPerson(part.person)
        ? mentions.tag(part.person)
        : markdownText(`@${part.person.name ?? part.person.userId}`);
    case 'person':
      return markdownText(`@${part.person.name ?? part.person.userId}`);
    case 'moment':
      return `${markdownText(part.moment.text)} (${readerTime(part.moment)} your time)`;
  }
}

function run(value: string, style: RunStyle = {}): CardElement & { text: string } {
  return { type: 'TextRun', text: plainText(value), ...style };
}

function isTeamsPerson(person: PersonRef): boolean {
  return person.platform === 'teams';
}

/** One `<at>…</at>` tag per person in a card, each text unique so Teams can tell the entities apart. */
class MentionTags {
  readonly entities: MentionEntity[] = [];
  private readonly byUser = new Map<string, string>();

  tag(person: PersonRef): string {
    const known = this.byUser.get(person.userId);
    if (known) return known;
    const base = mentionName(person.name);
    let label = base;
    for (let n = 2; this.entities.some((entity) => entity.text === `<at>${label}</at>`); n += 1)
      label = `${base} ${n}`;
    const tag = `<at>${label}</at>`;
    this.byUser.set(person.userId, tag);
    this.entities.push({
      type: 'mention',
      text: tag,
      mentioned: { id: person.userId, name: person.name ?? label },
    });
    return tag;
  }
}
