import type { Agency } from '../model/agency.js';
import { CHECKIN_ANSWER_WORDS, type CheckinAnswer, type CheckinRecord } from '../model/checkin.js';
import type { Commitment } from '../model/commitment.js';
import { isClosed } from '../model/status.js';
import { type Audience, canSee } from '../model/visibility.js';
import { commitmentLine, ownersCalledOn } from './commitment-line.js';
import { authorOf } from './commitment-messages.js';
import type { Block, Button, Inline, Message } from './message.js';
import { ACTION_IDS, section, text } from './message.js';
import type { View } from './view.js';

/**
 * Commitments per check-in message: with their five buttons (three of which open a small form in a
 * Teams card), this many fit in one Slack message and one Teams card; more come as thread replies.
 */
export const CHECKIN_BATCH = 6;

/** What each check-in button carries: which commitment, and which agency's check-in of which week. */
export interface CheckinRef {
  id: string;
  agency: string;
  week: string;
}

export function encodeCheckinRef(ref: CheckinRef): string {
  return `${ref.id}|${ref.agency}|${ref.week}`;
}

export function decodeCheckinRef(value: string): CheckinRef | undefined {
  const [id, agency, week, stray] = value.split('|');
  return id && agency && week && stray === undefined ? { id, agency, week } : undefined;
}

/**
 * The messages of one check-in: the first is the post, the others its thread replies. `commitments` are
 * those of the record; the ones `audience` (the channel it is posted in) may not see, such as a
 * restricted one given to another agency since the check-in was asked, are left out and not counted.
 */
export function checkinMessages(
  agency: Agency,
  record: CheckinRecord,
  commitments: readonly Commitment[],
  answers: ReadonlyMap<string, CheckinAnswer>,
  view: View,
  audience: Audience,
): Message[] {
  const batches = Math.max(1, Math.ceil(record.ids.length / CHECKIN_BATCH));
  return Array.from({ length: batches }, (_, index) =>
    checkinBatch(agency, record, index, commitments, answers, view, audience),
  );
}

/** Which of a check-in's messages lists the commitment. */
export function batchOf(record: CheckinRecord, id: string): number | undefined {
  const at = record.ids.indexOf(id);
  return at === -1 ? undefined : Math.floor(at / CHECKIN_BATCH);
}

/**
 * One message of a check-in, as it stands: each commitment with its buttons, or with the answer it got
 * and who gave it, or closed meanwhile. The owner persons of those still to answer are called on. What
 * `audience` may not see is left out, and out of the count: `commitments` are all of the record's.
 */
export function checkinBatch(
  agency: Agency,
  record: CheckinRecord,
  index: number,
  commitments: readonly Commitment[],
  answers: ReadonlyMap<string, CheckinAnswer>,
  view: View,
  audience: Audience,
): Message {
  const batches = Math.max(1, Math.ceil(record.ids.length / CHECKIN_BATCH));
  const hidden = commitments.filter((c) => !canSee(audience, c)).length;
  const byId = new Map(commitments.filter((c) => canSee(audience, c)).map((c) => [c.id, c]));
  const asked = record.ids.length - hidden;
  const items = record.ids
    .slice(index * CHECKIN_BATCH, (index + 1) * CHECKIN_BATCH)
    .flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const part = batches > 1 ? ` (${index + 1} of ${batches})` : '';
  const title = `🗓️ Weekly check-in · ${agency.code} · ${record.week}${part}`;
  const blocks: Block[] = [{ type: 'header', text: title }];
  if (index === 0) {
    blocks.push(
      section(
        text(
          `${asked} open commitment${asked === 1 ? '' : 's'} of ${agency.code} ${asked === 1 ? 'has' : 'have'} had no progress note for a week. How do they stand? Each answer goes into the commitment's history.`,
        ),
      ),
    );
  }
  const waiting = items.filter((c) => !answers.has(c.id) && !isClosed(c.status));
  const owners = ownersCalledOn(waiting);
  if (owners) blocks.push(owners);
  for (const commitment of items)
    blocks.push(...itemBlocks(commitment, agency, record, answers.get(commitment.id), view));
  if (index === batches - 1) {
    blocks.push({
      type: 'context',
      text: 'A progress note typed as update <id> note:"…" counts as an answer too.',
    });
  }
  const count = `${asked} commitment${asked === 1 ? '' : 's'} without news for a week`;
  return { text: `${agency.code} weekly check-in, ${record.week}: ${count}${part}`, blocks };
}

function itemBlocks(
  commitment: Commitment,
  agency: Agency,
  record: CheckinRecord,
  answer: CheckinAnswer | undefined,
  view: View,
): Block[] {
  const line: Block = { type: 'commitments', items: [commitmentLine(commitment, view)] };
  if (answer) {
    const said: Inline[] = [
      text(`✅ ${CHECKIN_ANSWER_WORDS[answer.answer]} · answered by `),
      ...authorOf(answer.by),
    ];
    return [line, section(...said)];
  }
  if (isClosed(commitment.status))
    return [line, { type: 'context', text: `Closed meanwhile (${commitment.status}).` }];
  const value = encodeCheckinRef({ id: commitment.id, agency: agency.code, week: record.week });
  return [line, { type: 'actions', buttons: checkinButtons(value) }];
}

export function checkinButtons(value: string): Button[] {
  return [
    { label: 'On track', actionId: ACTION_IDS.checkinOnTrack, value, style: 'primary' },
    { label: 'At risk', actionId: ACTION_IDS.checkinAtRisk, value },
    { label: 'Blocked', actionId: ACTION_IDS.checkinBlocked, value, style: 'danger' },
    { label: 'Done', actionId: ACTION_IDS.checkinDone, value },
    { label: 'Post update', actionId: ACTION_IDS.checkinUpdate, value },
  ];
}
