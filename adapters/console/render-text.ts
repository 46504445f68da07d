import { decodeCheckinRef } from '../../src/messages/checkin-message.js';
import { RESTRICTED_MARK } from '../../src/messages/commitment-line.js';
import type { Block, Button, CommitmentLine, Inline, Message } from '../../src/messages/message.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import type { Rag } from '../../src/model/rag.js';

const RAG_MARK: Record<Rag, string> = { red: '🔴', amber: '🟠', green: '🟢', closed: '⚪' };

/** A neutral message as terminal text. Plain text needs no escaping; mentions become @user. */
export function renderText(message: Message): string {
  return message.blocks
    .map(renderBlock)
    .filter((line) => line !== '')
    .join('\n');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'header':
      return `\n${block.text}\n${'─'.repeat(Math.min(block.text.length, 72))}`;
    case 'section':
      return renderInline(block.content);
    case 'fields':
      return block.fields.map((field) => `  ${field.label}: ${field.value}`).join('\n');
    case 'commitments':
      return block.items.map(renderCommitment).join('\n');
    case 'actions':
      return `  ↳ ${block.buttons.map(commandFor).join('  ·  ')}`;
    case 'context':
      return `  ${block.text}`;
    case 'divider':
      return '';
    case 'image':
      // A terminal shows no picture: the chart's figures, in words.
      return `📊 ${block.title}\n  ${block.alt}`;
  }
}

function renderInline(content: Inline[]): string {
  return content.map(renderPart).join('');
}

function renderPart(part: Inline): string {
  switch (part.kind) {
    case 'text':
    case 'strong':
      return part.text;
    case 'code':
      return `\`${part.text}\``;
    case 'mention':
    case 'person':
      return `@${part.person.name ?? part.person.userId}`;
    case 'moment':
      // A terminal cannot know its reader's zone: the lead agency's is all it shows.
      return part.moment.text;
  }
}

export function renderCommitment(line: CommitmentLine): string {
  const details = [
    line.owners.join(', '),
    line.dueText ? `due ${line.dueText}` : 'no deadline',
    line.status,
    line.area,
    line.restricted ? RESTRICTED_MARK : undefined,
    line.person ? `@${line.person.name ?? line.person.userId}` : undefined,
  ].filter(Boolean);
  const detail = line.detail ? `\n        ${renderInline(line.detail)}` : '';
  return `${RAG_MARK[line.rag]} ${line.id.padEnd(5)} ${line.title}\n        ${details.join(' · ')}${detail}`;
}

/** A terminal has no buttons: each one is shown as the command that does the same. */
function commandFor(button: Button): string {
  switch (button.actionId) {
    case ACTION_IDS.markDone:
      return `done ${button.value}`;
    case ACTION_IDS.snoozeDay:
      return `snooze ${button.value} 1d`;
    case ACTION_IDS.snoozeWeek:
      return `snooze ${button.value} 1w`;
    case ACTION_IDS.postUpdate:
      return `update ${button.value} note:"…"`;
    case ACTION_IDS.changeDeadline:
      return `update ${button.value} due:… reason:"…"`;
    case ACTION_IDS.moreResults:
      return button.label;
    case ACTION_IDS.checkinOnTrack:
      return `update ${checkinId(button)} status:in-progress note:"On track"`;
    case ACTION_IDS.checkinAtRisk:
      return `update ${checkinId(button)} status:at-risk note:"…"`;
    case ACTION_IDS.checkinBlocked:
      return `update ${checkinId(button)} status:blocked note:"…"`;
    case ACTION_IDS.checkinDone:
      return `done ${checkinId(button)} <evidence>`;
    case ACTION_IDS.checkinUpdate:
      return `update ${checkinId(button)} note:"…"`;
  }
}

/** A check-in button carries its check-in too; the command needs only the commitment. */
function checkinId(button: Button): string {
  return decodeCheckinRef(button.value)?.id ?? button.value;
}
