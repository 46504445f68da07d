import type { Block, CommitmentLine, Message } from '../../src/messages/message.js';
import { code, section, text } from '../../src/messages/message.js';
import { CARD_BYTE_BUDGET, cardBytes, firstPage } from './card-pages.js';
import { MAX_LINES_PER_CARD, renderCard } from './render-card.js';

/** What goes before a typed command: channels and group chats need the bot's mention, a personal chat not. */
export function commandPrefix(conversationType: string | undefined): string {
  return conversationType === 'channel' || conversationType === 'groupChat' ? '@followthrough ' : '';
}

/**
 * A message that fits one card: its first `maxLines` commitment lines, then how many more there are and
 * the command that lists them. The scheduler records a delivery per message, so a scheduled post must be
 * one activity: were it several cards, a failure on the second would re-send the first on retry.
 * Blocks that head only lines that were cut go with them; blocks after the last list stay.
 */
export function fitOneCard(message: Message, prefix: string, maxLines = MAX_LINES_PER_CARD): Message {
  const lines = message.blocks.flatMap((block) => (block.type === 'commitments' ? block.items : []));
  for (let shown = Math.min(maxLines, lines.length); shown >= 0; shown -= 1) {
    const fitted = shown === lines.length ? message : withFirstLines(message, lines, shown, prefix);
    if (cardBytes(renderCard(fitted)) <= CARD_BYTE_BUDGET) return fitted;
  }
  // Not the lines but other blocks are too large: the byte budget decides what is left out.
  return firstPage(withFirstLines(message, lines, 0, prefix));
}

/** The message with its first `maxLines` commitment lines, and a line on how to list the others. */
function withFirstLines(
  message: Message,
  lines: readonly CommitmentLine[],
  maxLines: number,
  prefix: string,
): Message {
  const lastList = message.blocks.findLastIndex((block) => block.type === 'commitments');
  const blocks: Block[] = [];
  let room = maxLines;
  message.blocks.forEach((block, index) => {
    if (block.type !== 'commitments') {
      if (room > 0 || index > lastList) blocks.push(block);
      return;
    }
    if (room === 0) return;
    const shown = block.items.slice(0, room);
    room -= shown.length;
    blocks.push({ type: 'commitments', items: shown });
    if (room === 0) blocks.push(moreLine(lines.length - maxLines, `${prefix}${listCommandFor(lines)}`));
  });
  if (maxLines === 0 && lines.length > 0) {
    blocks.push(moreLine(lines.length, `${prefix}${listCommandFor(lines)}`));
  }
  return { text: message.text, blocks };
}

/** A `list` whose answer holds every one of these lines, as narrow as one filter allows. */
export function listCommandFor(lines: readonly CommitmentLine[]): string {
  // Red is overdue or blocked, so a red line that is not blocked is overdue.
  if (lines.every((line) => line.rag === 'red' && line.status !== 'blocked')) return 'list overdue';
  if (lines.every((line) => line.rag !== 'closed')) {
    const shared = lines[0]?.owners.find((owner) => lines.every((line) => line.owners.includes(owner)));
    if (shared) return `list owner:${shared}`;
  }
  const status = lines[0]?.status;
  if (status && lines.every((line) => line.status === status)) return `list status:${status}`;
  return 'list all';
}

function moreLine(hidden: number, command: string): Block {
  return section(text(`…and ${hidden} more not shown here: type `), code(command), text(' to see them all.'));
}
