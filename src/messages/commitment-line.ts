import { formatDeadline, relativeText } from '../dates/time-display.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { type PersonRef, personKey } from '../model/platform.js';
import { ragOf } from '../model/rag.js';
import { isRestricted } from '../model/visibility.js';
import type { Block, CommitmentLine, Inline, Moment } from './message.js';
import { mention, momentInline, section, text } from './message.js';
import { moment } from './moment.js';
import type { View } from './view.js';

/** The words a line shows beside a restricted commitment, on every platform. */
export const RESTRICTED_MARK = '🔒 restricted';

export function commitmentLine(commitment: Commitment, view: View): CommitmentLine {
  const line: CommitmentLine = {
    id: commitment.id,
    title: commitment.title,
    owners: commitment.owners,
    person: commitment.person,
    status: commitment.status,
    rag: ragOf(commitment, view.now, view.timeZoneOf),
    deadline: commitment.deadline,
    dueText: commitment.deadline ? dueText(commitment, view) : undefined,
    area: commitment.area,
  };
  const due = dueMoment(commitment, view);
  if (due) line.dueMoment = due;
  if (isRestricted(commitment)) line.restricted = true;
  return line;
}

/** `Tue 15 Dec 2026 (in 5 days)`, `Tue 15 Dec 2026 17:00 Kuala Lumpur time (in 2 days)`, `no deadline`. */
export function dueText(commitment: Commitment, view: View): string {
  if (!commitment.deadline) return 'no deadline';
  return formatDeadline(commitment.deadline, { leadTimeZone: leadTimeZone(commitment, view), now: view.now });
}

/**
 * The deadline as inline content: a day as text; a time of day as a moment, which platforms can also
 * show on the reader's clock, then how far it is.
 */
export function dueInlines(commitment: Commitment, view: View): Inline[] {
  const { deadline } = commitment;
  const due = dueMoment(commitment, view);
  if (!deadline || !due) return [text(dueText(commitment, view))];
  const relative = relativeText(deadline, { leadTimeZone: leadTimeZone(commitment, view), now: view.now });
  return [momentInline(due), text(` (${relative})`)];
}

/** A deadline with a time of day, as a moment platforms can also show on the reader's clock. */
export function dueMoment(commitment: Commitment, view: View): Moment | undefined {
  const { deadline } = commitment;
  return deadline?.kind === 'instant' ? moment(deadline.at, leadTimeZone(commitment, view)) : undefined;
}

/** Every moment of a commitment (deadline, snooze, history) is shown in its lead agency's zone. */
export function leadTimeZone(commitment: Commitment, view: View): string {
  return view.timeZoneOf(leadAgency(commitment));
}

/**
 * The line under a list of commitments that calls on each owner person once, so that whoever is
 * answerable is notified; none when no commitment has an owner person.
 */
export function ownersCalledOn(commitments: readonly Commitment[]): Block | undefined {
  const people = new Map<string, PersonRef>();
  for (const { person } of commitments) {
    if (person && !people.has(personKey(person))) people.set(personKey(person), person);
  }
  if (people.size === 0) return undefined;
  const calls = [...people.values()].flatMap((person, i) =>
    i === 0 ? [mention(person)] : [text(', '), mention(person)],
  );
  return section(text('Owners: '), ...calls);
}
