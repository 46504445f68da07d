import type { Commitment } from '../model/commitment.js';
import { commitmentNumber } from '../model/commitment.js';
import { personKey } from '../model/platform.js';
import { isClosed, type Status } from '../model/status.js';
import { agencyMark, isRestricted, personMark } from '../model/visibility.js';
import type { CommitmentKeys } from './redis-keys.js';
import { type MarkedEntry, underItsMarks } from './restricted-marks.js';

/** One sorted-set membership of a commitment. An undated item scores +Infinity, so it sorts last. */
export interface IndexEntry {
  key: string;
  score: number;
}

/** The active statuses an agency's digest calls out, each with an index per agency. */
export const ATTENTION_STATUSES: readonly Status[] = ['at-risk', 'blocked'];

const MEMBER_DIGITS = 9;

/** `C-42` -> `000000042`: equal scores then sort in id order, as Redis orders members bytewise. */
export function indexMember(id: string): string {
  return String(commitmentNumber(id)).padStart(MEMBER_DIGITS, '0');
}

export function idOfMember(member: string): string {
  return `C-${Number(member)}`;
}

/**
 * Every index a commitment belongs to. While active: its status, each owning agency (and the agency's
 * attention status), its owner person and its area, scored by due instant. Once closed: its status,
 * scored by when it was closed and, when done, each owning agency's done index (by when) and, with a
 * deadline, its done-by-deadline index: a digest counts what fell due and what closed in a week. A
 * restricted commitment is in these indexes' restricted counterparts instead (`restricted-marks.ts`),
 * and in those of the index of every commitment by number: the id sequence is that index for the open
 * ones, and `list all` leaves out of it the restricted ones a reader may not see.
 */
export function indexEntries(
  commitment: Commitment,
  keys: CommitmentKeys,
  dueAt: number | undefined,
): IndexEntry[] {
  return underItsMarks(commitment, keys, baseEntries(commitment, keys, dueAt));
}

function baseEntries(commitment: Commitment, keys: CommitmentKeys, dueAt: number | undefined): MarkedEntry[] {
  const owners = [...new Set(commitment.owners)];
  const entries: MarkedEntry[] = isRestricted(commitment)
    ? [{ key: keys.all, score: commitmentNumber(commitment.id) }]
    : [];
  if (isClosed(commitment.status)) {
    const score = closedScore(commitment);
    entries.push({ key: keys.closedByStatus(commitment.status), score });
    if (commitment.status !== 'done') return entries;
    for (const owner of owners) {
      const about = agencyMark(owner);
      entries.push({ key: keys.doneForAgency(owner), score, about });
      if (dueAt !== undefined) entries.push({ key: keys.doneByDueForAgency(owner), score: dueAt, about });
    }
    return entries;
  }
  const score = dueAt ?? Number.POSITIVE_INFINITY;
  entries.push({ key: keys.openByStatus(commitment.status), score });
  for (const owner of owners) {
    const about = agencyMark(owner);
    entries.push({ key: keys.openForAgency(owner), score, about });
    if (ATTENTION_STATUSES.includes(commitment.status)) {
      entries.push({ key: keys.openForAgencyInStatus(owner, commitment.status), score, about });
    }
  }
  if (commitment.person) {
    entries.push({
      key: keys.openForPerson(personKey(commitment.person)),
      score,
      about: personMark(commitment.person),
    });
  }
  if (commitment.area) entries.push({ key: keys.openInArea(commitment.area), score });
  return entries;
}

/** When it was closed; a record without a readable closing time counts as closed when last updated. */
export function closedScore(commitment: Commitment): number {
  const closedAt = commitment.closedAt ? Date.parse(commitment.closedAt) : Number.NaN;
  if (!Number.isNaN(closedAt)) return closedAt;
  const updatedAt = Date.parse(commitment.updatedAt);
  return Number.isNaN(updatedAt) ? 0 : updatedAt;
}

/** What to add or rescore, and what to remove, to go from `previous` to `next`: only what changed. */
export function indexChanges(
  previous: readonly IndexEntry[],
  next: readonly IndexEntry[],
): { add: IndexEntry[]; remove: string[] } {
  const before = new Map(previous.map((entry) => [entry.key, entry.score]));
  const kept = new Set(next.map((entry) => entry.key));
  return {
    add: next.filter((entry) => before.get(entry.key) !== entry.score),
    remove: previous.map((entry) => entry.key).filter((key) => !kept.has(key)),
  };
}

/** A score as Redis reads it; NaN is refused here, before a script could half-apply a change. */
export function scoreArgument(score: number): string {
  if (Number.isNaN(score))
    throw new Error('an index score is NaN: a deadline or event time is not a valid date');
  if (score === Number.POSITIVE_INFINITY) return '+inf';
  if (score === Number.NEGATIVE_INFINITY) return '-inf';
  return String(score);
}
