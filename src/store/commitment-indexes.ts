import type { Commitment } from '../model/commitment.js';
import { commitmentNumber } from '../model/commitment.js';
import { isClosed } from '../model/status.js';
import type { CommitmentKeys } from './redis-keys.js';

/** One sorted-set membership of a commitment. An undated item scores +Infinity, so it sorts last. */
export interface IndexEntry {
  key: string;
  score: number;
}

/**
 * Every index a commitment belongs to: `all`, its status, and while not closed the open index and the
 * open index of each owning agency (every owner, not only the lead). For the digests' and the report's
 * weeks, each owner also indexes it by due instant unless it was cancelled, and by closing time once done.
 */
export function indexEntries(
  commitment: Commitment,
  keys: CommitmentKeys,
  dueAt: number | undefined,
): IndexEntry[] {
  const score = dueAt ?? Number.POSITIVE_INFINITY;
  const entries: IndexEntry[] = [
    { key: keys.all, score: commitmentNumber(commitment.id) },
    { key: keys.status(commitment.status), score },
  ];
  if (!isClosed(commitment.status)) {
    entries.push({ key: keys.open, score });
    for (const owner of new Set(commitment.owners)) entries.push({ key: keys.openForAgency(owner), score });
  }
  const closedAt = commitment.closedAt ? Date.parse(commitment.closedAt) : Number.NaN;
  for (const owner of new Set(commitment.owners)) {
    if (dueAt !== undefined && commitment.status !== 'cancelled')
      entries.push({ key: keys.dueForAgency(owner), score: dueAt });
    if (commitment.status === 'done' && !Number.isNaN(closedAt))
      entries.push({ key: keys.doneForAgency(owner), score: closedAt });
  }
  return entries;
}

/** What to add (all of `next`, which also rescores) and what to remove to go from `previous` to `next`. */
export function indexChanges(
  previous: readonly IndexEntry[],
  next: readonly IndexEntry[],
): { add: readonly IndexEntry[]; remove: string[] } {
  const kept = new Set(next.map((entry) => entry.key));
  return { add: next, remove: previous.map((entry) => entry.key).filter((key) => !kept.has(key)) };
}

/** A score as Redis reads it; NaN is refused here, before a script could half-apply a change. */
export function scoreArgument(score: number): string {
  if (Number.isNaN(score))
    throw new Error('an index score is NaN: a deadline or event time is not a valid date');
  if (score === Number.POSITIVE_INFINITY) return '+inf';
  if (score === Number.NEGATIVE_INFINITY) return '-inf';
  return String(score);
}

/** Redis writes infinite scores as `inf` / `-inf`. */
export function parseScore(text: string): number {
  if (text === 'inf' || text === '+inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}
