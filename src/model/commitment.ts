import type { Deadline } from './deadline.js';
import type { PersonRef } from './platform.js';
import type { Recurrence } from './recurrence.js';
import type { Status } from './status.js';
import type { Visibility } from './visibility.js';

export const COMMITMENT_ID_PATTERN = /^C-(\d{1,9})$/i;

export interface ProgressNote {
  at: string;
  by: string;
  text: string;
}

export interface Commitment {
  id: string;
  title: string;
  /** Owning agency codes; the first is the lead, whose time zone reads the deadline. */
  owners: string[];
  person?: PersonRef;
  deadline?: Deadline;
  area?: string;
  source?: string;
  status: Status;
  notes: ProgressNote[];
  closingNote?: string;
  /** Reminders before this instant (ISO) are held back. */
  snoozedUntil?: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  closedBy?: string;
  closedAt?: string;
  /** How it recurs: closing or cancelling this occurrence opens the next one. */
  recurrence?: Recurrence;
  /** The occurrence this one follows (`C-7`). */
  previousOccurrence?: string;
  /** The occurrence that closing this one opened. */
  nextOccurrence?: string;
  /** `restricted`: seen only where one of its owning agencies is, by its owner person and administrators. Unset is open. */
  visibility?: Visibility;
  version: number;
}

export function leadAgency(commitment: Commitment): string {
  return commitment.owners[0]!;
}

/** `c-7`, `C-7` and `7` all name C-7. */
export function normalizeCommitmentId(raw: string): string | undefined {
  const trimmed = raw.trim();
  const match = COMMITMENT_ID_PATTERN.exec(trimmed) ?? /^(\d{1,9})$/.exec(trimmed);
  return match ? `C-${Number(match[1])}` : undefined;
}

export function commitmentNumber(id: string): number {
  return Number(id.slice(2));
}
