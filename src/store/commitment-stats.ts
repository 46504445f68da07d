import { digestWeek } from '../digest/digest-week.js';
import type { Commitment } from '../model/commitment.js';
import { agencyMark } from '../model/visibility.js';
import { closedScore } from './commitment-indexes.js';
import type { CommitmentKeys } from './redis-keys.js';
import { type MarkedEntry, underItsMarks } from './restricted-marks.js';

/** The agency code under which every agency's counts are kept, each commitment once. */
export const EVERY_AGENCY = '*';

/** One count a commitment adds to: a field of a stats hash. */
export interface StatEntry {
  key: string;
  field: string;
}

/**
 * The counts a commitment adds to: once done, and only with a deadline, the week it was closed in as
 * `dated`, and as `late` when that was after its deadline; for each owning agency in the agency's zone,
 * and once for every agency together in the tracker's. A digest sums 12 weeks of them for its on-time
 * rate, whatever the number of commitments behind them. A restricted commitment counts in the hashes'
 * restricted counterparts, like its index entries.
 */
export function statEntries(
  commitment: Commitment,
  keys: CommitmentKeys,
  dueAt: number | undefined,
  zoneOf: (code: string) => string,
): StatEntry[] {
  if (commitment.status !== 'done' || dueAt === undefined) return [];
  const closedAt = closedScore(commitment);
  const kinds = closedAt > dueAt ? ['dated', 'late'] : ['dated'];
  const entries = [...new Set(commitment.owners), EVERY_AGENCY].flatMap((code) => {
    const week = weekKey(closedAt, zoneOf(code));
    const about = code === EVERY_AGENCY ? undefined : agencyMark(code);
    return kinds.map(
      (kind): MarkedEntry<StatEntry> => ({ key: keys.stats(code), field: `${kind}:${week}`, about }),
    );
  });
  return underItsMarks(commitment, keys, entries);
}

/** What to add 1 to and what to take 1 from, to go from `previous` to `next`. */
export function statChanges(
  previous: readonly StatEntry[],
  next: readonly StatEntry[],
): [StatEntry, number][] {
  const id = (entry: StatEntry) => `${entry.key}\n${entry.field}`;
  const before = new Set(previous.map(id));
  const after = new Set(next.map(id));
  return [
    ...previous.filter((entry) => !after.has(id(entry))).map((entry): [StatEntry, number] => [entry, -1]),
    ...next.filter((entry) => !before.has(id(entry))).map((entry): [StatEntry, number] => [entry, 1]),
  ];
}

function weekKey(instant: number, zone: string): string {
  return digestWeek(new Date(instant), zone).key;
}
