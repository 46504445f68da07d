import { dueWithinDays } from '../dates/time-display.js';
import type { Commitment } from './commitment.js';
import { leadAgency } from './commitment.js';
import { dueInstant } from './deadline.js';
import { isClosed } from './status.js';

export type Rag = 'red' | 'amber' | 'green' | 'closed';

/** Amber when due within this many days, counted as "(in 7 days)" counts them. */
const AMBER_WINDOW_DAYS = 7;

/** red: overdue or blocked; amber: at risk, or due within 7 days and not in progress; green otherwise. */
export function ragOf(commitment: Commitment, now: Date, timeZoneOf: (agency: string) => string): Rag {
  if (isClosed(commitment.status)) return 'closed';
  if (commitment.status === 'blocked') return 'red';
  const due = commitment.deadline
    ? dueInstant(commitment.deadline, timeZoneOf(leadAgency(commitment)))
    : undefined;
  if (due !== undefined && due < now.getTime()) return 'red';
  if (commitment.status === 'at-risk') return 'amber';
  const lead = timeZoneOf(leadAgency(commitment));
  const soon = commitment.deadline && dueWithinDays(commitment.deadline, lead, now, AMBER_WINDOW_DAYS);
  if (soon && commitment.status !== 'in-progress') return 'amber';
  return 'green';
}

export function isOverdue(commitment: Commitment, now: Date, leadTimeZone: string): boolean {
  return (
    !isClosed(commitment.status) &&
    !!commitment.deadline &&
    dueInstant(commitment.deadline, leadTimeZone) < now.getTime()
  );
}
