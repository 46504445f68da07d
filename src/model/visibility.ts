import type { Commitment } from './commitment.js';
import { type PersonRef, personKey, samePerson } from './platform.js';

/**
 * `open`: anyone may read it. `restricted`: it exists only for channels linked to one of its owning
 * agencies, its owner person and administrators; everywhere else it is as if it had never been made.
 */
export const VISIBILITIES = ['open', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export function isVisibility(value: string): value is Visibility {
  return (VISIBILITIES as readonly string[]).includes(value);
}

/** A commitment saved before visibilities existed has none, and is open. */
export function isRestricted(commitment: Pick<Commitment, 'visibility'>): boolean {
  return commitment.visibility === 'restricted';
}

/**
 * Who will read an answer or a post, which decides the restricted commitments it may show: those of
 * the agencies linked to the channel it goes to, those the person owns when it is for them alone, or
 * every one. Open commitments are shown to every audience.
 */
export interface Audience {
  /** Sees every commitment: an administrator's private answer, the operator, the jobs' own bookkeeping. */
  all?: true;
  /** The agencies whose restricted commitments it sees: those linked to the channel it is posted in. */
  agencies?: readonly string[];
  /** The person who alone reads it, and so sees the restricted commitments they own. */
  person?: PersonRef;
}

export const SEES_EVERYTHING: Audience = { all: true };
/** What anyone may see: the open commitments only. */
export const SEES_UNRESTRICTED: Audience = {};

export function canSee(audience: Audience, commitment: Commitment): boolean {
  if (!isRestricted(commitment) || audience.all) return true;
  if (samePerson(audience.person, commitment.person)) return true;
  return (audience.agencies ?? []).some((code) => commitment.owners.includes(code));
}

/**
 * The audience for what is about one agency as a whole (its digest, its page of a report): with every
 * restricted commitment of that agency where all of them may be seen (its own channels, an
 * administrator), else with none. A reader who sees some of them by another way (a co-owning agency's
 * channel, as their owner) finds those in their own agency's figures and lists, never in another's.
 */
export function audienceForAgency(audience: Audience, code: string): Audience {
  if (audience.all) return SEES_EVERYTHING;
  return audience.agencies?.includes(code) ? { agencies: [code] } : SEES_UNRESTRICTED;
}

/**
 * The marks a restricted commitment is indexed under, each naming who may see it: `*` (everyone who
 * sees everything), `agency:<CODE>` per owning agency and `person:<platform:id>` for its owner person.
 */
export const EVERY_READER = '*';

export function agencyMark(code: string): string {
  return `agency:${code}`;
}

export function personMark(person: PersonRef): string {
  return `person:${personKey(person)}`;
}

export function marksOf(commitment: Commitment): string[] {
  const marks = [EVERY_READER, ...[...new Set(commitment.owners)].map(agencyMark)];
  if (commitment.person) marks.push(personMark(commitment.person));
  return marks;
}

/** The marks an audience reads restricted commitments under (none: it sees the open ones only). */
export function marksOfAudience(audience: Audience): string[] {
  if (audience.all) return [EVERY_READER];
  const marks = (audience.agencies ?? []).map(agencyMark);
  if (audience.person) marks.push(personMark(audience.person));
  return [...new Set(marks)];
}
