import type { Commitment } from '../model/commitment.js';
import { type Deadline, sameDeadline } from '../model/deadline.js';
import { isClosed } from '../model/status.js';
import { SNOOZE_OFFSET } from './reminder-times.js';

/**
 * One reminder of one commitment to one recipient agency, as planned. It stays the same reminder while
 * the deadline, the agency's ownership and (for the reminder a snooze moved) the snooze stay the same:
 * a progress note, a new title or a status change between open states does not make it another one.
 */
export interface ReminderOccasion {
  commitmentId: string;
  deadline: Deadline;
  /** The offset as configured (`1d`), or `snooze`. */
  offset: string;
  /** The recipient agency's code. */
  agency: string;
  /** Epoch ms it was planned for. */
  at: number;
  /** For the reminder a snooze moved: the end of that snooze. */
  snoozedUntil?: string;
  /**
   * The agency's channels (`slack:C123`) whose reminder offsets give this moment; absent when it was
   * planned for an agency with no channel yet, and then every channel it has when it runs is reminded.
   */
  channels?: string[];
}

/**
 * Why the reminder must not be posted (any more), or undefined while it is still due. Only a change to
 * what the reminder is about withdraws it: the commitment closed, its deadline moved, the agency no
 * longer owns it, the snooze that moved it was replaced, or a snooze still holds it back. A snooze holds
 * it back while it lasts past both the planned moment and `now`, so that a reminder running late (a
 * 429, pacing, a restart) is still posted once a snooze made after its moment has ended.
 */
export function reminderWithdrawnBecause(
  commitment: Commitment,
  occasion: ReminderOccasion,
  now: Date,
): string | undefined {
  if (isClosed(commitment.status)) return `the commitment is ${commitment.status}`;
  if (!sameDeadline(commitment.deadline, occasion.deadline)) return 'its deadline moved';
  if (!commitment.owners.includes(occasion.agency)) return `${occasion.agency} no longer owns it`;
  if (occasion.offset === SNOOZE_OFFSET && commitment.snoozedUntil !== occasion.snoozedUntil) {
    return 'it was snoozed again';
  }
  const snoozedUntil = commitment.snoozedUntil ? Date.parse(commitment.snoozedUntil) : Number.NaN;
  if (snoozedUntil > Math.max(occasion.at, now.getTime())) {
    return `it is snoozed until ${commitment.snoozedUntil}`;
  }
  return undefined;
}

/**
 * What a commitment's reminder plan depends on, besides its agencies' calendars and the configured
 * offsets: an edit that leaves this as it was needs no replanning.
 */
export function reminderPlanBasis(commitment: Commitment): string {
  const { deadline } = commitment;
  return JSON.stringify([
    deadline?.kind === 'instant' ? Date.parse(deadline.at) : (deadline?.date ?? null),
    isClosed(commitment.status),
    commitment.snoozedUntil ?? null,
    commitment.owners,
  ]);
}
