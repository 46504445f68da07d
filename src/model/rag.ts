import type { Commitment } from './commitment.js';
import { leadAgency } from './commitment.js';
import { dueInstant } from './deadline.js';
import { isClosed } from './status.js';

export type Rag = 'red' | 'amber' | 'green' | 'closed';

const AMBER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** red: overdue or blocked; amber: at risk, or due within 7 days and not in progress; green otherwise. */
export function ragOf(commitment: Commitment, now: Date, timeZoneOf: (agency: string) => string): Rag {
  if (isClosed(commitment.status)) return 'closed';
  if (commitment.status === 'blocked') return 'red';
  const due = commitment.deadline
    ? dueInstant(commitment.deadline, timeZoneOf(leadAgency(commitment)))
    : undefined;
  if (due !== undefined && due < now.getTime()) return 'red';
  if (commitment.status === 'at-risk') return 'amber';
  if (due !== undefined && due - now.getTime() <= AMBER_WINDOW_MS && commitment.status !== 'in-progress') {
    return 'amber';
  }
  return 'green';
}

export function isOverdue(commitment: Commitment, now: Date, leadTimeZone: string): boolean {
  return (
    !isClosed(commitment.status) &&
    !!commitment.deadline &&
    dueInstant(commitment.deadline, leadTimeZone) < now.getTime()
  );
}
