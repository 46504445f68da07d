import { formatDeadline } from '../dates/time-display.js';
import type { Commitment } from '../model/commitment.js';
import type { HistoryEvent } from '../model/history-event.js';
import { parsePersonKey } from '../model/platform.js';
import { isClosed } from '../model/status.js';
import { isRestricted } from '../model/visibility.js';
import { ruleText } from '../recurrence/rule-text.js';
import { commitmentLine, dueMoment, dueText, leadTimeZone } from './commitment-line.js';
import { eventWords } from './history-words.js';
import type { Block, Button, Field, Inline, Message, Moment } from './message.js';
import { ACTION_IDS, mention, momentInline, personName, section, strong, text } from './message.js';
import { moment, stamp } from './moment.js';
import type { View } from './view.js';

/** History lines `show` prints: the latest ones. */
export const HISTORY_LINES = 15;

/** The buttons a person would click on an open commitment. */
export function commitmentButtons(commitment: Commitment): Button[] {
  if (isClosed(commitment.status)) return [];
  return [
    { label: 'Mark done', actionId: ACTION_IDS.markDone, value: commitment.id, style: 'primary' },
    { label: 'Snooze 1 day', actionId: ACTION_IDS.snoozeDay, value: commitment.id },
    { label: 'Snooze 1 week', actionId: ACTION_IDS.snoozeWeek, value: commitment.id },
    { label: 'Post update', actionId: ACTION_IDS.postUpdate, value: commitment.id },
    { label: 'Change deadline', actionId: ACTION_IDS.changeDeadline, value: commitment.id },
  ];
}

/**
 * A single commitment as a card: its line, then the buttons. `callOwner` mentions the owner person so
 * the platform notifies them, as when a commitment has just been given to them.
 */
export function commitmentCard(
  commitment: Commitment,
  view: View,
  headline?: string,
  options: { callOwner?: boolean } = {},
): Message {
  const blocks: Block[] = [];
  if (headline) blocks.push({ type: 'section', content: [text(headline)] });
  if (options.callOwner && commitment.person)
    blocks.push(section(text('Owner: '), mention(commitment.person)));
  blocks.push({ type: 'commitments', items: [commitmentLine(commitment, view)] });
  const buttons = commitmentButtons(commitment);
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  return { text: `${headline ? `${headline} ` : ''}${commitment.id}: ${commitment.title}`, blocks };
}

/** `history` is its latest events, oldest first; `historyTotal` how many it has in all. */
export function commitmentDetails(
  commitment: Commitment,
  history: HistoryEvent[],
  view: View,
  historyTotal = history.length,
): Message {
  const zone = leadTimeZone(commitment, view);
  const fields: Field[] = [
    { label: 'Status', value: commitment.status },
    { label: 'Lead', value: commitment.owners[0]! },
    withMoment({ label: 'Deadline', value: dueText(commitment, view) }, dueMoment(commitment, view)),
  ];
  if (commitment.owners.length > 1)
    fields.push({ label: 'Supporting', value: commitment.owners.slice(1).join(', ') });
  if (commitment.area) fields.push({ label: 'Area', value: commitment.area });
  if (commitment.source) fields.push({ label: 'Source', value: commitment.source });
  if (isRestricted(commitment)) {
    fields.push({
      label: 'Visibility',
      value: `🔒 restricted: seen only in channels linked to ${commitment.owners.join(' or ')}, by its owner and by administrators`,
    });
  }
  fields.push(...seriesFields(commitment));
  if (commitment.snoozedUntil && Date.parse(commitment.snoozedUntil) > view.now.getTime()) {
    const until = { kind: 'instant', at: commitment.snoozedUntil } as const;
    const value = formatDeadline(until, { leadTimeZone: zone, now: view.now });
    fields.push({ label: 'Snoozed until', value, moment: moment(until.at, zone) });
  }
  const blocks: Block[] = [
    { type: 'header', text: `${commitment.id}: ${commitment.title}` },
    { type: 'commitments', items: [commitmentLine(commitment, view)] },
    { type: 'fields', fields },
  ];
  if (commitment.person) blocks.push(section(text('Owner: '), personName(commitment.person)));
  if (commitment.closingNote) blocks.push(section(strong('Closing note: '), text(commitment.closingNote)));
  const notes = commitment.notes.slice(-5);
  if (notes.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push(section(strong('Progress notes')));
    for (const note of notes)
      blocks.push(section(...stamped(note.at, zone), ...authorOf(note.by), text(`: ${note.text}`)));
  }
  blocks.push({ type: 'divider' });
  const shown = history.slice(-HISTORY_LINES);
  blocks.push(
    section(
      strong(
        historyTotal > shown.length
          ? `History (the last ${shown.length} of ${historyTotal} changes)`
          : 'History',
      ),
    ),
  );
  for (const event of shown) blocks.push(section(...describeEvent(event, zone)));
  const buttons = commitmentButtons(commitment);
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  return { text: `${commitment.id}: ${commitment.title} (${commitment.status})`, blocks };
}

/**
 * One history event as a line, in words, its time in the lead agency's zone (`leadTimeZone`): `15 Nov 2026
 * 14:45 Kuala Lumpur time · deadline moved from 30 Nov 2026 to 15 Dec 2026 (15 days later) by @ravi:
 * awaiting cabinet approval`.
 */
export function describeEvent(event: HistoryEvent, leadTimeZone: string): Inline[] {
  const { what, detail } = eventWords(event, leadTimeZone);
  return [
    ...stamped(event.at, leadTimeZone),
    text(`${what} by `),
    ...authorOf(event.by),
    ...(detail ? [text(`: ${detail}`)] : []),
  ];
}

/** When a history event or a note happened, as a moment in the lead agency's zone, then ` · `. */
function stamped(at: string, timeZone: string): Inline[] {
  return [momentInline(stamp(at, timeZone)), text(' · ')];
}

/** A recurring commitment's rule and its neighbours in the series, linked both ways. */
function seriesFields(commitment: Commitment): Field[] {
  const fields: Field[] = [];
  if (commitment.recurrence) fields.push({ label: 'Repeats', value: ruleText(commitment.recurrence.rule) });
  else if (commitment.previousOccurrence || commitment.nextOccurrence)
    fields.push({ label: 'Repeats', value: 'no longer (the series was stopped)' });
  if (commitment.previousOccurrence)
    fields.push({ label: 'Previous occurrence', value: commitment.previousOccurrence });
  if (commitment.nextOccurrence) fields.push({ label: 'Next occurrence', value: commitment.nextOccurrence });
  return fields;
}

function withMoment(field: Field, at: Moment | undefined): Field {
  return at ? { ...field, moment: at } : field;
}

/** Authors are stored as `platform:userId`; shown as a mention so each platform prints the person's name. */
export function authorOf(by: string): Inline[] {
  const person = parsePersonKey(by);
  return person && person.platform !== 'console' ? [personName(person)] : [text(by)];
}

/**
 * A list of commitments. With `window`, the list is one window of a longer one (`total` lines in all,
 * these from `offset`): the heading opens the first window and the count closes the last.
 */
export function commitmentList(
  title: string,
  commitments: Commitment[],
  view: View,
  emptyText: string,
  hint?: string,
  window?: { offset: number; total: number },
): Message {
  const total = window?.total ?? commitments.length;
  const offset = window?.offset ?? 0;
  if (total === 0) {
    return { text: emptyText, blocks: [{ type: 'section', content: [text(emptyText)] }] };
  }
  const blocks: Block[] = [];
  if (offset === 0) blocks.push({ type: 'header', text: title });
  blocks.push({
    type: 'commitments',
    items: commitments.map((commitment) => commitmentLine(commitment, view)),
  });
  const count = `${total} commitment${total === 1 ? '' : 's'}`;
  if (offset + commitments.length >= total) {
    blocks.push({ type: 'context', text: hint ? `${count} · ${hint}` : count });
  }
  const message: Message = { text: `${title}: ${count}`, blocks };
  if (window) message.paging = { offset, total };
  return message;
}

export function notice(message: string, detail?: string): Message {
  const blocks: Block[] = [section(text(message))];
  if (detail) blocks.push({ type: 'context', text: detail });
  return { text: message, blocks };
}
