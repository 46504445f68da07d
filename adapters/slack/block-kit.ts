import type {
  ActionsBlock,
  ContextBlock,
  KnownBlock,
  MrkdwnElement,
  Overflow,
  PlainTextElement,
  SectionBlock,
  Button as SlackButton,
} from '@slack/types';
import { RESTRICTED_MARK } from '../../src/messages/commitment-line.js';
import type { Block, Button, CommitmentLine, Field, Inline, Message } from '../../src/messages/message.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import type { PersonRef } from '../../src/model/platform.js';
import type { Rag } from '../../src/model/rag.js';
import { isClosed } from '../../src/model/status.js';
import { readerTime, readerTimeField } from './date-token.js';
import {
  bold,
  clip,
  inlineCode,
  joinMrkdwn,
  type Mrkdwn,
  md,
  plain,
  slackMention,
  userText,
} from './mrkdwn.js';

/** Slack's own limits (https://docs.slack.dev/reference/block-kit): exceeding one makes the whole call fail. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  buttonsPerActions: 25,
  optionText: 75,
  optionValue: 150,
  /** The notification text; Slack accepts more, but nobody reads more in a notification. */
  messageText: 3000,
} as const;

/** Commitment lines per message page: a page people can read, well inside the 50-block limit. */
export const DEFAULT_PAGE_SIZE = 20;

/** The overflow menu on a commitment line: its options carry `<action id>|<commitment id>`. */
export const LINE_MENU_ACTION_ID = 'commitment.menu';

const RAG_MARK: Record<Rag, string> = { red: '🔴', amber: '🟠', green: '🟢', closed: '⚪' };

const LINE_MENU: readonly [string, string][] = [
  [ACTION_IDS.markDone, 'Mark done'],
  [ACTION_IDS.snoozeDay, 'Snooze 1 day'],
  [ACTION_IDS.snoozeWeek, 'Snooze 1 week'],
  [ACTION_IDS.postUpdate, 'Post update'],
  [ACTION_IDS.changeDeadline, 'Change deadline'],
];

export interface SlackMessage {
  /** Notification and screen-reader text, escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

export interface PageOptions {
  /** 0-based page of the commitment lines to show. */
  page?: number;
  pageSize?: number;
  /** 50 for messages, 100 for modals and the Home tab. */
  blockLimit?: number;
  /** The value of the "Show more" button for the next page; without it, no button is shown. */
  moreValue?: (nextPage: number) => string | undefined;
}

export interface RenderedPage extends SlackMessage {
  page: number;
  pages: number;
  /** Commitment lines on the pages after this one. */
  remaining: number;
}

interface Piece {
  block: KnownBlock;
  /** A commitment line, the unit that pages are counted in; everything else is chrome around lines. */
  line: boolean;
}

/** One page of a neutral message as Block Kit. Pure: the same message and options give the same blocks. */
export function renderPage(message: Message, options: PageOptions = {}): RenderedPage {
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  const blockLimit = options.blockLimit ?? LIMITS.messageBlocks;
  const pieces = renderPieces(message);
  const { body, page, pages, remaining } = message.paging
    ? windowOf(pieces, message.paging, pageSize)
    : pageOfWhole(pieces, pageSize, options.page ?? 0);
  const head: KnownBlock[] =
    page > 0
      ? [contextBlock(md`_…continued, page ${userText(String(page + 1))} of ${userText(String(pages))}_`)]
      : [];
  const tail: KnownBlock[] = [];
  const more = page + 1 < pages ? options.moreValue?.(page + 1) : undefined;
  if (more !== undefined) {
    tail.push({
      type: 'actions',
      elements: [button({ label: `Show ${remaining} more`, actionId: ACTION_IDS.moreResults, value: more })],
    });
  }
  const room = blockLimit - head.length - tail.length;
  const kept = body.length > room ? [...body.slice(0, room - 1), contextBlock(TRUNCATED)] : body;
  const summary = page > 0 ? `(continued) ${message.text}` : message.text;
  return {
    text: clip(userText(summary), LIMITS.messageText),
    blocks: [...head, ...kept, ...tail],
    page,
    pages,
    remaining,
  };
}

const TRUNCATED = md`_Some lines were left out to fit in one Slack message._`;

interface PageCut {
  body: KnownBlock[];
  page: number;
  pages: number;
  remaining: number;
}

/** One page cut out of a message that holds every line. */
function pageOfWhole(pieces: readonly Piece[], pageSize: number, wanted: number): PageCut {
  const pageOf = assignPages(pieces, pageSize);
  const pages = Math.max(1, ...pageOf.map((p) => p + 1));
  const page = Math.min(Math.max(0, wanted), pages - 1);
  return {
    body: pieces.filter((_, index) => pageOf[index] === page).map((piece) => piece.block),
    page,
    pages,
    remaining: pieces.filter((piece, index) => piece.line && pageOf[index]! > page).length,
  };
}

/** A message that is one window of a longer list already (the core read only that page): all of it. */
function windowOf(
  pieces: readonly Piece[],
  paging: { offset: number; total: number },
  pageSize: number,
): PageCut {
  const lines = pieces.filter((piece) => piece.line).length;
  return {
    body: pieces.map((piece) => piece.block),
    page: Math.floor(paging.offset / pageSize),
    pages: Math.max(1, Math.ceil(paging.total / pageSize)),
    remaining: Math.max(0, paging.total - paging.offset - lines),
  };
}

/**
 * The whole message as one post, for places with no "Show more" button (scheduled posts, the Home
 * tab): what does not fit is counted in a last line, never dropped silently.
 */
export function renderWhole(message: Message, blockLimit: number = LIMITS.messageBlocks): SlackMessage {
  const page = renderPage(message, { pageSize: blockLimit, blockLimit: blockLimit - 1 });
  const blocks = page.blocks;
  if (page.remaining > 0) {
    blocks.push(
      contextBlock(
        md`_…and ${userText(String(page.remaining))} more not shown here; \`/commit list all\` shows every one._`,
      ),
    );
  }
  return { text: page.text, blocks };
}

/**
 * A chrome block belongs to the page of the next commitment line (a heading goes with what it
 * heads); chrome after the last line goes with the last page.
 */
function assignPages(pieces: readonly Piece[], pageSize: number): number[] {
  const pageOf: number[] = new Array(pieces.length).fill(-1);
  let lines = 0;
  pieces.forEach((piece, index) => {
    if (piece.line) pageOf[index] = Math.floor(lines++ / pageSize);
  });
  let next = lines === 0 ? 0 : Math.floor((lines - 1) / pageSize);
  for (let index = pieces.length - 1; index >= 0; index -= 1) {
    if (pieces[index]!.line) next = pageOf[index]!;
    else pageOf[index] = next;
  }
  return pageOf;
}

function renderPieces(message: Message): Piece[] {
  const menus = !message.blocks.some((block) => block.type === 'actions');
  return message.blocks.flatMap((block) => renderBlock(block, menus));
}

function renderBlock(block: Block, menus: boolean): Piece[] {
  const chrome = (rendered: KnownBlock[]): Piece[] => rendered.map((b) => ({ block: b, line: false }));
  switch (block.type) {
    case 'header':
      return block.text.trim()
        ? chrome([{ type: 'header', text: plainText(block.text, LIMITS.headerText) }])
        : [];
    case 'section': {
      // Text alone goes as plain_text, which Slack shows exactly as typed; names and bold need mrkdwn.
      if (block.content.every((part) => part.kind === 'text')) {
        const raw = block.content.map((part) => (part.kind === 'text' ? part.text : '')).join('');
        return raw.trim() ? chrome([{ type: 'section', text: plainText(raw, LIMITS.sectionText) }]) : [];
      }
      const text = renderInlines(block.content);
      if (!text.trim()) return [];
      const section: SectionBlock = { type: 'section', text: mrkdwn(clip(text, LIMITS.sectionText)) };
      const moments = block.content.flatMap((part) => (part.kind === 'moment' ? [part.moment] : []));
      if (moments.length > 0) {
        section.fields = moments.slice(0, LIMITS.fieldsPerSection).map((at) => mrkdwn(readerTime(at)));
      }
      return chrome([section]);
    }
    case 'fields':
      return chrome(fieldSections(block.fields));
    case 'commitments':
      return block.items.map((item) => ({ block: commitmentSection(item, menus), line: true }));
    case 'actions':
      return chrome(actionBlocks(block.buttons));
    case 'context':
      return block.text.trim()
        ? chrome([{ type: 'context', elements: [plainText(block.text, LIMITS.contextText)] }])
        : [];
    case 'divider':
      return chrome([{ type: 'divider' }]);
    case 'image':
      // A message cannot carry a picture of its own: the gateway uploads it as a file (slack-gateway.ts);
      // where that cannot be done (a private answer) the chart's figures are given in words.
      return chrome([{ type: 'context', elements: [plainText(`📊 ${block.alt}`, LIMITS.contextText)] }]);
  }
}

export function renderInlines(content: readonly Inline[]): Mrkdwn {
  return joinMrkdwn(content.map(renderInline), md``);
}

function renderInline(part: Inline): Mrkdwn {
  switch (part.kind) {
    case 'text':
      return userText(part.text);
    case 'strong':
      return bold(part.text);
    case 'code':
      return inlineCode(part.text);
    case 'mention':
    case 'person':
      // Slack shows a user's name only through a mention; `person` appears in private answers, which notify no one.
      return mentionText(part.person);
    case 'moment':
      // The reader's own clock comes beside it, in a text object of its own (see date-token.ts).
      return userText(part.moment.text);
  }
}

/** A Slack user becomes a real mention; a person on another platform is shown by name, as text. */
export function mentionText(person: PersonRef): Mrkdwn {
  const mention = person.platform === 'slack' ? slackMention(person.userId) : undefined;
  return mention ?? userText(`@${person.name ?? person.userId}`);
}

/**
 * `🔴 *C-12* Launch the dialogue` over `MITI, MEITY · due Tue 15 Dec 2026 (in 3 days) · open · trade · @alice`.
 * The due text was written by the core in the lead agency's zone; a time of day also comes on the
 * reader's clock, in the section's own field (commitmentSection).
 */
export function commitmentText(line: CommitmentLine): Mrkdwn {
  const details = [
    userText(line.owners.join(', ')),
    userText(line.dueText ? `due ${line.dueText}` : 'no deadline'),
    userText(line.status),
    line.area ? userText(line.area) : undefined,
    line.restricted ? userText(RESTRICTED_MARK) : undefined,
    line.person ? mentionText(line.person) : undefined,
  ].filter((part): part is Mrkdwn => part !== undefined);
  const mark = userText(RAG_MARK[line.rag]);
  const detail = line.detail ? md`\n${renderInlines(line.detail)}` : md``;
  return md`${mark} *${userText(line.id)}* ${userText(line.title)}\n${joinMrkdwn(details, md` · `)}${detail}`;
}

function commitmentSection(line: CommitmentLine, menu: boolean): SectionBlock {
  const section: SectionBlock = {
    type: 'section',
    text: mrkdwn(clip(commitmentText(line), LIMITS.sectionText)),
  };
  if (line.dueMoment) section.fields = [mrkdwn(readerTime(line.dueMoment))];
  if (menu && !isClosed(line.status)) section.accessory = lineMenu(line.id);
  return section;
}

function lineMenu(id: string): Overflow {
  return {
    type: 'overflow',
    action_id: LINE_MENU_ACTION_ID,
    options: LINE_MENU_TEXTS.map(([actionId, text]) => ({
      text,
      value: `${actionId}|${id}`.slice(0, LIMITS.optionValue),
    })),
  };
}

/**
 * The menu's labels are the same on every line: drawn once, and without the `emoji` flag (they have no
 * emoji codes): a list carries a hundred of them, and its answer is the largest a command sends.
 */
const LINE_MENU_TEXTS = LINE_MENU.map(([actionId, label]): readonly [string, PlainTextElement] => [
  actionId,
  { type: 'plain_text', text: plain(label, LIMITS.optionText) },
]);

/** A field that names a moment is followed by one with the moment on the reader's clock. */
function fieldSections(fields: readonly Field[]): SectionBlock[] {
  const texts = fields.flatMap((field) => {
    const shown = mrkdwn(clip(md`${bold(field.label)}\n${userText(field.value || '–')}`, LIMITS.fieldText));
    return field.moment ? [shown, mrkdwn(readerTimeField(field.label, field.moment))] : [shown];
  });
  const sections: SectionBlock[] = [];
  for (let at = 0; at < texts.length; at += LIMITS.fieldsPerSection) {
    sections.push({ type: 'section', fields: texts.slice(at, at + LIMITS.fieldsPerSection) });
  }
  return sections;
}

function actionBlocks(buttons: readonly Button[]): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let at = 0; at < buttons.length; at += LIMITS.buttonsPerActions) {
    blocks.push({ type: 'actions', elements: buttons.slice(at, at + LIMITS.buttonsPerActions).map(button) });
  }
  return blocks;
}

function button(source: Pick<Button, 'label' | 'actionId' | 'value' | 'style'>): SlackButton {
  const rendered: SlackButton = {
    type: 'button',
    action_id: source.actionId,
    text: plainText(source.label, LIMITS.buttonText),
    value: source.value.slice(0, LIMITS.buttonValue),
  };
  if (source.style) rendered.style = source.style;
  return rendered;
}

export function contextBlock(text: Mrkdwn): ContextBlock {
  return { type: 'context', elements: [mrkdwn(clip(text, LIMITS.contextText))] };
}

/**
 * The one way a mrkdwn text object is made. `verbatim` stops Slack from turning bare URLs, channel
 * names and @words into links and mentions by itself; the bot's own mentions are written out in full.
 */
export function mrkdwn(text: Mrkdwn): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A plain_text object; escaped too, since Slack decodes the three entities in every text object. */
export function plainText(raw: string, limit: number): PlainTextElement {
  return { type: 'plain_text', text: plain(raw, limit), emoji: true };
}
