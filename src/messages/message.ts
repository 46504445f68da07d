import type { Deadline } from '../model/deadline.js';
import type { PersonRef } from '../model/platform.js';
import type { Rag } from '../model/rag.js';
import type { Status } from '../model/status.js';

/**
 * The platform-neutral message every answer, reminder and digest is built as. All strings are plain
 * user-visible text, never markup: each adapter escapes them for its own platform when rendering.
 */
export interface Message {
  /** One-line summary: notification text, screen readers, and what the console prints first. */
  text: string;
  blocks: Block[];
  /**
   * Set when the message is one window of a longer list: its commitment lines are lines `offset`… of
   * `total`. An adapter that pages lists shows where the reader is and offers the next window.
   */
  paging?: { offset: number; total: number };
}

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'code'; text: string }
  /** A person called on: notified where the platform notifies (reminders, the owner in a roll-up). */
  | { kind: 'mention'; person: PersonRef }
  /** A person named, not called on: history authors and the like, shown by name without a notification. */
  | { kind: 'person'; person: PersonRef }
  /** A moment: its text in the lead agency's zone, and on the reader's own clock where the platform can. */
  | { kind: 'moment'; moment: Moment };

/**
 * A moment as every platform shows it: `text` in the lead agency's zone, named by place ("Fri 4 Dec 2026
 * 17:00 Kuala Lumpur time"); `at` (ISO 8601 to the second, in UTC) for platforms that can also write it
 * on each reader's own clock.
 */
export interface Moment {
  at: string;
  text: string;
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'section'; content: Inline[] }
  | { type: 'fields'; fields: Field[] }
  | { type: 'commitments'; items: CommitmentLine[] }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | ImageBlock;

/**
 * A chart, drawn as SVG; the adapter that shows it renders it (a PNG upload, a card image) or, where it
 * cannot show a picture, gives `alt`, which carries the chart's figures in words.
 */
export interface ImageBlock {
  type: 'image';
  title: string;
  alt: string;
  svg: string;
  /** `MITI-2026-W49.png`: what the file is called where the platform shows one. */
  fileName: string;
}

export interface Field {
  label: string;
  value: string;
  /** The moment the value names, for platforms that can also show it on the reader's clock. */
  moment?: Moment;
}

/** One commitment as a list shows it; dates are already written out in the lead agency's zone. */
export interface CommitmentLine {
  id: string;
  title: string;
  owners: string[];
  person?: PersonRef;
  status: Status;
  rag: Rag;
  deadline?: Deadline;
  /** e.g. "Tue 15 Dec 2026 (in 3 days)" or "Tue 15 Dec 2026 17:00 Kuala Lumpur time (in 3 days)". */
  dueText?: string;
  /** A deadline with a time of day, for platforms that can also show it on the reader's clock. */
  dueMoment?: Moment;
  area?: string;
  /** Seen only by its agencies' channels, its owner and administrators: a reader should not pass it on. */
  restricted?: true;
  /** What a digest or report adds under the line: the owner, days overdue and latest note; a deadline's moves. */
  detail?: Inline[];
}

export interface Button {
  label: string;
  /** What the adapter routes the click to; see `ACTION_IDS`. */
  actionId: ActionId;
  /** The commitment id; for a check-in, `<id>|<agency>|<week>`; for paging, the encoded query. */
  value: string;
  style?: 'primary' | 'danger';
}

export const ACTION_IDS = {
  markDone: 'commitment.done',
  snoozeDay: 'commitment.snooze-1d',
  snoozeWeek: 'commitment.snooze-1w',
  postUpdate: 'commitment.update',
  changeDeadline: 'commitment.change-deadline',
  moreResults: 'list.more',
  checkinOnTrack: 'checkin.on-track',
  checkinAtRisk: 'checkin.at-risk',
  checkinBlocked: 'checkin.blocked',
  checkinDone: 'checkin.done',
  checkinUpdate: 'checkin.update',
} as const;
export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

export const text = (value: string): Inline => ({ kind: 'text', text: value });
export const strong = (value: string): Inline => ({ kind: 'strong', text: value });
export const code = (value: string): Inline => ({ kind: 'code', text: value });
export const mention = (person: PersonRef): Inline => ({ kind: 'mention', person });
export const personName = (person: PersonRef): Inline => ({ kind: 'person', person });
export const momentInline = (moment: Moment): Inline => ({ kind: 'moment', moment });

export function section(...content: Inline[]): Block {
  return { type: 'section', content };
}
