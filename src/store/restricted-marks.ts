import type { Commitment } from '../model/commitment.js';
import { type Audience, EVERY_READER, isRestricted, marksOf, marksOfAudience } from '../model/visibility.js';
import type { CommitmentKeys } from './redis-keys.js';

/**
 * An index entry or a count, with the mark of whose index it is: an agency's indexes are about
 * `agency:<CODE>`, a person's about `person:<platform:id>`, the others about no one.
 */
export type MarkedEntry<T extends { key: string } = { key: string; score: number }> = T & { about?: string };

/**
 * Where a commitment's entries go. An open one: the indexes themselves. A restricted one: each index's
 * restricted counterpart under every mark of someone who may see it (`*`, each owning agency, its owner
 * person), so that a reader's view is a union of whole indexes, never a page filtered after reading.
 * The mark an index is about is left out: an agency's index under that agency would be its `*` again.
 */
export function underItsMarks<T extends { key: string }>(
  commitment: Commitment,
  keys: CommitmentKeys,
  entries: readonly MarkedEntry<T>[],
): T[] {
  const plain = entries.map(({ about: _about, ...entry }) => entry as unknown as T);
  if (!isRestricted(commitment)) return plain;
  const marks = marksOf(commitment);
  return entries.flatMap((entry, i) =>
    marks
      .filter((mark) => mark !== entry.about)
      .map((mark) => ({ ...plain[i]!, key: keys.restricted(entry.key, mark) })),
  );
}

/**
 * The marks an audience reads an index's restricted counterparts under: none for what anyone may see;
 * `*` alone when it sees every restricted commitment the index holds (it sees everything, or the index
 * is about its own agency or about the person it is); else one per agency it sees and for its person.
 */
export function readerMarks(audience: Audience, about?: string): string[] {
  const marks = marksOfAudience(audience);
  if (audience.all || (about !== undefined && marks.includes(about))) return [EVERY_READER];
  // A person's index holds only that person's commitments: another person's mark finds nothing there.
  return about?.startsWith('person:') ? marks.filter((mark) => !mark.startsWith('person:')) : marks;
}
