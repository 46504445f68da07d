import type { ViewStateValue } from '@slack/bolt';
import type { Command } from '../../src/commands/command.js';
import { MAX_NOTE_LENGTH, MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH } from '../../src/commands/parse-command.js';
import { AREA_PATTERN } from '../../src/commands/read-values.js';
import { InputTooLongError } from '../../src/errors/input-too-long-error.js';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';
import type { TrackerError } from '../../src/errors/tracker-error.js';
import { UnknownAgencyError } from '../../src/errors/unknown-agency-error.js';
import { decodeCheckinRef } from '../../src/messages/checkin-message.js';
import { isStatus } from '../../src/model/status.js';
import { isVisibility } from '../../src/model/visibility.js';
import { BLOCK_IDS, type BlockId, CALLBACK_IDS, INPUT_ACTION_ID } from './modals.js';

/** What a submitted modal holds: block id → action id → value, as Slack sends it. */
export type ModalValues = Record<string, Record<string, ViewStateValue>>;

/** A checked submission: the command to run, or the messages to show under the fields. */
export type ModalReading =
  | { ok: true; command: Command; announceIn?: string }
  | { ok: false; errors: Partial<Record<BlockId, string>> };

export type CallbackId = (typeof CALLBACK_IDS)[keyof typeof CALLBACK_IDS];

/** Reads and checks a submission, the way a person filling in a form expects to be told. Pure. */
export function readModal(callbackId: CallbackId, values: ModalValues, id: string | undefined): ModalReading {
  switch (callbackId) {
    case CALLBACK_IDS.done:
      return readDone(values, id);
    case CALLBACK_IDS.update:
      return readUpdate(values, id);
    case CALLBACK_IDS.deadline:
      return readDeadline(values, id);
    case CALLBACK_IDS.add:
      return readAdd(values);
    case CALLBACK_IDS.checkinBlocked:
      return readBlocked(values, id);
  }
}

/**
 * A modal opened from a check-in's button answers that check-in: the command it read becomes the
 * answer (Done, Blocked or Post update), so that the commitment is also marked as checked that week.
 */
export function asCheckinAnswer(command: Command, checkin: string, callbackId: CallbackId): Command {
  const ref = decodeCheckinRef(checkin);
  if (!ref) return command;
  if (command.kind === 'done') return { kind: 'checkin-answer', ...ref, answer: 'done', note: command.note };
  if (command.kind !== 'update') return command;
  const answer = callbackId === CALLBACK_IDS.checkinBlocked ? 'blocked' : 'update';
  return { kind: 'checkin-answer', ...ref, answer, note: command.note, status: command.status };
}

function readBlocked(values: ModalValues, id: string | undefined): ModalReading {
  if (!id) return missingId(BLOCK_IDS.note);
  const note = text(values, BLOCK_IDS.note);
  const errors: Partial<Record<BlockId, string>> = {};
  if (!note) errors.note = 'Say what is blocking it: it goes into the history.';
  else tooLong(errors, BLOCK_IDS.note, note, MAX_NOTE_LENGTH);
  return finish(errors, { kind: 'update', id, status: 'blocked', note });
}

/** The input fields of each modal, the first being where an error about no field in particular goes. */
const FIELDS: Record<CallbackId, readonly BlockId[]> = {
  [CALLBACK_IDS.done]: [BLOCK_IDS.note],
  [CALLBACK_IDS.checkinBlocked]: [BLOCK_IDS.note],
  [CALLBACK_IDS.update]: [BLOCK_IDS.note, BLOCK_IDS.status],
  [CALLBACK_IDS.deadline]: [BLOCK_IDS.due, BLOCK_IDS.reason],
  [CALLBACK_IDS.add]: [
    BLOCK_IDS.title,
    BLOCK_IDS.lead,
    BLOCK_IDS.supporting,
    BLOCK_IDS.person,
    BLOCK_IDS.due,
    BLOCK_IDS.area,
    BLOCK_IDS.source,
    BLOCK_IDS.channel,
  ],
};

/** Which of the modal's fields an error from the core is shown under (Slack refuses errors for absent blocks). */
export function fieldOfError(error: TrackerError, callbackId: CallbackId): BlockId {
  const fields = FIELDS[callbackId];
  const wanted =
    error instanceof InvalidDateError
      ? BLOCK_IDS.due
      : error instanceof UnknownAgencyError
        ? BLOCK_IDS.lead
        : error instanceof InputTooLongError
          ? fields.find((block) => error.field.includes(block))
          : undefined;
  return wanted && fields.includes(wanted) ? wanted : fields[0]!;
}

function readDone(values: ModalValues, id: string | undefined): ModalReading {
  if (!id) return missingId(BLOCK_IDS.note);
  const note = text(values, BLOCK_IDS.note);
  const errors: Partial<Record<BlockId, string>> = {};
  if (!note) errors.note = 'Say what was delivered: the evidence or a closing note.';
  else tooLong(errors, BLOCK_IDS.note, note, MAX_NOTE_LENGTH);
  return finish(errors, { kind: 'done', id, note });
}

function readUpdate(values: ModalValues, id: string | undefined): ModalReading {
  if (!id) return missingId(BLOCK_IDS.note);
  const status = selected(values, BLOCK_IDS.status);
  const note = text(values, BLOCK_IDS.note);
  const errors: Partial<Record<BlockId, string>> = {};
  if (status !== undefined && !isStatus(status)) errors.status = 'Pick a status from the list.';
  if (note) tooLong(errors, BLOCK_IDS.note, note, MAX_NOTE_LENGTH);
  const command: Command = { kind: 'update', id };
  if (status && isStatus(status)) command.status = status;
  if (note) command.note = note;
  return finish(errors, command);
}

function readDeadline(values: ModalValues, id: string | undefined): ModalReading {
  if (!id) return missingId(BLOCK_IDS.due);
  const date = values[BLOCK_IDS.due]?.[INPUT_ACTION_ID]?.selected_date ?? undefined;
  const reason = text(values, BLOCK_IDS.reason);
  const errors: Partial<Record<BlockId, string>> = {};
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.due = 'Pick the new deadline.';
  if (!reason) errors.reason = 'Say why the deadline moves; it is kept in the history.';
  else tooLong(errors, BLOCK_IDS.reason, reason, MAX_NOTE_LENGTH);
  return finish(errors, { kind: 'update', id, dueText: date ?? '', reason });
}

function readAdd(values: ModalValues): ModalReading {
  const title = text(values, BLOCK_IDS.title);
  const lead = selected(values, BLOCK_IDS.lead);
  const supporting = (values[BLOCK_IDS.supporting]?.[INPUT_ACTION_ID]?.selected_options ?? []).map(
    (o) => o.value,
  );
  const person = values[BLOCK_IDS.person]?.[INPUT_ACTION_ID]?.selected_user ?? undefined;
  const date = values[BLOCK_IDS.due]?.[INPUT_ACTION_ID]?.selected_date ?? undefined;
  const area = text(values, BLOCK_IDS.area)?.toLowerCase();
  const source = text(values, BLOCK_IDS.source);
  const visibility = selected(values, BLOCK_IDS.visibility);
  const channel = values[BLOCK_IDS.channel]?.[INPUT_ACTION_ID]?.selected_conversation ?? undefined;
  const errors: Partial<Record<BlockId, string>> = {};
  if (visibility !== undefined && !isVisibility(visibility)) errors.visibility = 'Pick open or restricted.';
  if (!title) errors.title = 'Say what is to be delivered.';
  else tooLong(errors, BLOCK_IDS.title, title, MAX_TITLE_LENGTH);
  if (!lead) errors.lead = 'Pick the agency that leads it.';
  if (area && !AREA_PATTERN.test(area)) {
    errors.area = 'One word of letters, digits and hyphens, such as trade or semiconductors.';
  }
  if (source) tooLong(errors, BLOCK_IDS.source, source, MAX_SOURCE_LENGTH);
  const owners = lead ? [lead, ...supporting.filter((code) => code !== lead)] : supporting;
  const command: Command = { kind: 'add', title: title ?? '', owners };
  if (person) command.person = { userId: person };
  if (date) command.dueText = date;
  if (area) command.area = area;
  if (source) command.source = source;
  if (visibility && isVisibility(visibility)) command.visibility = visibility;
  const reading = finish(errors, command);
  return reading.ok && channel ? { ...reading, announceIn: channel } : reading;
}

function finish(errors: Partial<Record<BlockId, string>>, command: Command): ModalReading {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, command };
}

function missingId(block: BlockId): ModalReading {
  return {
    ok: false,
    errors: { [block]: 'This form lost track of its commitment; close it and click the button again.' },
  };
}

function text(values: ModalValues, block: BlockId): string | undefined {
  const value = values[block]?.[INPUT_ACTION_ID]?.value?.trim();
  return value ? value : undefined;
}

function selected(values: ModalValues, block: BlockId): string | undefined {
  return values[block]?.[INPUT_ACTION_ID]?.selected_option?.value ?? undefined;
}

function tooLong(
  errors: Partial<Record<BlockId, string>>,
  block: BlockId,
  value: string,
  limit: number,
): void {
  if (value.length > limit) errors[block] = `At most ${limit} characters, please (this is ${value.length}).`;
}
