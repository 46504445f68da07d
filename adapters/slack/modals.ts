import type { InputBlock, KnownBlock, ModalView, PlainTextOption, SectionBlock } from '@slack/types';
import { MAX_NOTE_LENGTH, MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH } from '../../src/commands/parse-command.js';
import { calendarDayIn, isoDay } from '../../src/dates/calendar-day.js';
import { type FormatDeadlineOptions, formatDeadline } from '../../src/dates/time-display.js';
import type { Message } from '../../src/messages/message.js';
import { moment } from '../../src/messages/moment.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { Deadline } from '../../src/model/deadline.js';
import { ACTIVE_STATUSES, type Status } from '../../src/model/status.js';
import { LIMITS, mrkdwn, plainText, renderPage } from './block-kit.js';
import { readerTime } from './date-token.js';
import { clip, md, userText } from './mrkdwn.js';

/** Pure builders of the modals; `modal-input.ts` reads what comes back. */

export const CALLBACK_IDS = {
  done: 'commitment.done',
  update: 'commitment.update',
  deadline: 'commitment.deadline',
  add: 'commitment.add',
  checkinBlocked: 'checkin.blocked',
} as const;

export const BLOCK_IDS = {
  note: 'note',
  status: 'status',
  due: 'due',
  reason: 'reason',
  title: 'title',
  lead: 'lead',
  supporting: 'supporting',
  person: 'person',
  area: 'area',
  source: 'source',
  visibility: 'visibility',
  channel: 'channel',
} as const;
export type BlockId = (typeof BLOCK_IDS)[keyof typeof BLOCK_IDS];

/** Every input holds one element, always with this action id, so a value is at `values[block].value`. */
export const INPUT_ACTION_ID = 'value';

/** What a modal must remember between opening and submission; kept in `private_metadata` (3000 chars). */
export interface ModalMetadata {
  id?: string;
  /** Where the modal was opened from: decides permissions and where the result is announced. */
  channelId?: string;
  /** The response_url of the message the modal was opened from, for the private answer. */
  responseUrl?: string;
  /** Opened from the Home tab, which is refreshed after the submission. */
  fromHome?: boolean;
  /** Opened from a check-in's button (`<id>|<agency>|<week>`): the answer is that check-in's. */
  checkin?: string;
  /** The message the button was in, redrawn once the answer is saved. */
  messageTs?: string;
}

export function encodeMetadata(metadata: ModalMetadata): string {
  const json = JSON.stringify(metadata);
  return json.length <= 3000 ? json : JSON.stringify({ ...metadata, responseUrl: undefined });
}

export function decodeMetadata(raw: string | undefined): ModalMetadata {
  try {
    const parsed = raw ? (JSON.parse(raw) as unknown) : {};
    return parsed && typeof parsed === 'object' ? (parsed as ModalMetadata) : {};
  } catch {
    return {};
  }
}

const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  'at-risk': 'At risk',
  blocked: 'Blocked',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** How a modal shows the current deadline: in the lead agency's zone, and a time also on the reader's clock. */
export type DeadlineReading = FormatDeadlineOptions;

export function doneModal(
  commitment: Commitment,
  metadata: ModalMetadata,
  reading: DeadlineReading,
): ModalView {
  return modal(CALLBACK_IDS.done, `Close ${commitment.id}`, 'Mark done', metadata, [
    summary(commitment, reading),
    textInput(BLOCK_IDS.note, 'Evidence or closing note', {
      multiline: true,
      maxLength: MAX_NOTE_LENGTH,
      placeholder: 'What was delivered, with a link to the evidence if there is one',
      hint: 'Kept with the commitment and shown in the channel announcement.',
    }),
  ]);
}

/** A check-in's *Blocked*: the reason is asked for, and kept as a progress note. */
export function blockedModal(
  commitment: Commitment,
  metadata: ModalMetadata,
  reading: DeadlineReading,
): ModalView {
  return modal(CALLBACK_IDS.checkinBlocked, `Blocked: ${commitment.id}`, 'Mark blocked', metadata, [
    summary(commitment, reading),
    textInput(BLOCK_IDS.note, 'What is blocking it?', {
      multiline: true,
      maxLength: MAX_NOTE_LENGTH,
      placeholder: 'What is in the way, and who could clear it',
      hint: 'Kept as a progress note in its history.',
    }),
  ]);
}

export function updateModal(
  commitment: Commitment,
  metadata: ModalMetadata,
  reading: DeadlineReading,
): ModalView {
  const options = ACTIVE_STATUSES.map(statusOption);
  return modal(CALLBACK_IDS.update, `Update ${commitment.id}`, 'Post update', metadata, [
    summary(commitment, reading),
    {
      type: 'input',
      block_id: BLOCK_IDS.status,
      label: plainText('Status', 2000),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION_ID,
        options,
        initial_option: options.find((option) => option.value === commitment.status),
      },
    },
    textInput(BLOCK_IDS.note, 'Progress note', {
      multiline: true,
      optional: true,
      maxLength: MAX_NOTE_LENGTH,
      placeholder: 'Where it stands, what is in the way',
    }),
  ]);
}

export function deadlineModal(
  commitment: Commitment,
  metadata: ModalMetadata,
  reading: DeadlineReading,
): ModalView {
  const current = commitment.deadline ? pickerDay(commitment.deadline, reading.leadTimeZone) : undefined;
  return modal(CALLBACK_IDS.deadline, `Move ${commitment.id}`, 'Change deadline', metadata, [
    summary(commitment, reading),
    {
      type: 'input',
      block_id: BLOCK_IDS.due,
      label: plainText('New deadline', 2000),
      hint: plainText(`The day is read in the time zone of ${commitment.owners[0]}, the lead agency.`, 2000),
      element: {
        type: 'datepicker',
        action_id: INPUT_ACTION_ID,
        ...(current ? { initial_date: current } : {}),
      },
    },
    textInput(BLOCK_IDS.reason, 'Reason for the change', {
      maxLength: MAX_NOTE_LENGTH,
      placeholder: 'e.g. awaiting cabinet approval',
      hint: 'Kept in the history, so slipped deadlines can be explained.',
    }),
  ]);
}

export interface AddPrefill {
  title?: string;
  source?: string;
  channelId?: string;
}

export function addModal(
  prefill: AddPrefill,
  agencies: readonly Agency[],
  metadata: ModalMetadata,
): ModalView {
  const options = agencies.slice(0, 100).map(
    (agency): PlainTextOption => ({
      text: plainText(`${agency.code} — ${agency.name}`, LIMITS.optionText),
      value: agency.code,
    }),
  );
  const title = prefill.title ? fitRaw(prefill.title, MAX_TITLE_LENGTH) : undefined;
  const source = prefill.source ? fitRaw(prefill.source, MAX_SOURCE_LENGTH) : undefined;
  return modal(CALLBACK_IDS.add, 'Track a commitment', 'Track it', metadata, [
    textInput(BLOCK_IDS.title, 'What is to be delivered', { maxLength: MAX_TITLE_LENGTH, initial: title }),
    {
      type: 'input',
      block_id: BLOCK_IDS.lead,
      label: plainText('Lead agency', 2000),
      element: { type: 'static_select', action_id: INPUT_ACTION_ID, options },
    },
    {
      type: 'input',
      block_id: BLOCK_IDS.supporting,
      optional: true,
      label: plainText('Supporting agencies', 2000),
      element: { type: 'multi_static_select', action_id: INPUT_ACTION_ID, options },
    },
    {
      type: 'input',
      block_id: BLOCK_IDS.person,
      optional: true,
      label: plainText('Owner (a person)', 2000),
      element: { type: 'users_select', action_id: INPUT_ACTION_ID },
    },
    {
      type: 'input',
      block_id: BLOCK_IDS.due,
      optional: true,
      label: plainText('Deadline', 2000),
      hint: plainText("Read in the lead agency's time zone.", 2000),
      element: { type: 'datepicker', action_id: INPUT_ACTION_ID },
    },
    textInput(BLOCK_IDS.area, 'Area', {
      optional: true,
      maxLength: 31,
      placeholder: 'e.g. trade, digital, energy',
    }),
    textInput(BLOCK_IDS.source, 'Source', {
      optional: true,
      maxLength: MAX_SOURCE_LENGTH,
      initial: source,
      placeholder: 'Which agreement and paragraph',
    }),
    {
      type: 'input',
      block_id: BLOCK_IDS.visibility,
      optional: true,
      label: plainText('Visibility', 2000),
      hint: plainText(
        "Left empty: the lead agency's default. Restricted: seen only in its agencies' channels, by its owner and by administrators.",
        2000,
      ),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION_ID,
        options: [
          { text: plainText('Open: anyone may see it', LIMITS.optionText), value: 'open' },
          { text: plainText('Restricted: its agencies only', LIMITS.optionText), value: 'restricted' },
        ],
      },
    },
    {
      type: 'input',
      block_id: BLOCK_IDS.channel,
      optional: true,
      label: plainText('Announce in', 2000),
      element: {
        type: 'conversations_select',
        action_id: INPUT_ACTION_ID,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(prefill.channelId
          ? { initial_conversation: prefill.channelId }
          : { default_to_current_conversation: true }),
      },
    },
  ]);
}

/** A modal that only says something: the answer to a shortcut that cannot go on. */
export function messageModal(title: string, message: Message): ModalView {
  const { blocks } = renderPage(message, { blockLimit: LIMITS.viewBlocks });
  return { type: 'modal', title: plainText(title, 24), close: plainText('Close', 24), blocks };
}

function modal(
  callbackId: string,
  title: string,
  submit: string,
  metadata: ModalMetadata,
  blocks: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plainText(title, 24),
    submit: plainText(submit, 24),
    close: plainText('Cancel', 24),
    private_metadata: encodeMetadata(metadata),
    blocks,
  };
}

function summary(commitment: Commitment, reading: DeadlineReading): KnownBlock {
  const { deadline } = commitment;
  const due = deadline ? `due ${formatDeadline(deadline, reading)}` : 'no deadline';
  const text = md`*${userText(commitment.id)}* ${userText(commitment.title)}\n${userText(`${commitment.owners.join(', ')} · ${due} · ${commitment.status}`)}`;
  const section: SectionBlock = { type: 'section', text: mrkdwn(clip(text, LIMITS.sectionText)) };
  if (deadline?.kind === 'instant')
    section.fields = [mrkdwn(readerTime(moment(deadline.at, reading.leadTimeZone)))];
  return section;
}

/**
 * The day the date picker starts at. The picked day is read in the lead agency's zone, so a timed
 * deadline starts at its day there (07:00 on the 16th in Kuala Lumpur is the 16th, not the UTC 15th).
 */
function pickerDay(deadline: Deadline, leadTimeZone: string): string {
  if (deadline.kind === 'date') return deadline.date;
  return isoDay(calendarDayIn(leadTimeZone, new Date(deadline.at)));
}

function statusOption(status: Status): PlainTextOption {
  return { text: plainText(STATUS_LABELS[status], LIMITS.optionText), value: status };
}

interface TextInputOptions {
  multiline?: boolean;
  optional?: boolean;
  maxLength?: number;
  placeholder?: string;
  hint?: string;
  initial?: string;
}

function textInput(blockId: BlockId, label: string, options: TextInputOptions): InputBlock {
  const block: InputBlock = {
    type: 'input',
    block_id: blockId,
    label: plainText(label, 2000),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION_ID,
      ...(options.multiline ? { multiline: true } : {}),
      ...(options.maxLength ? { max_length: options.maxLength } : {}),
      ...(options.placeholder ? { placeholder: plainText(options.placeholder, 150) } : {}),
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
  };
  if (options.optional) block.optional = true;
  if (options.hint) block.hint = plainText(options.hint, 2000);
  return block;
}

/** An input's initial value is shown as typed (not markup), but must fit its max_length. */
function fitRaw(raw: string, limit: number): string {
  const oneLine = raw.replace(/\s+/g, ' ').trim();
  return oneLine.length <= limit ? oneLine : `${oneLine.slice(0, limit - 1)}…`;
}
