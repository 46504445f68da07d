import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { commitmentLine, ownersCalledOn } from './commitment-line.js';
import type { Block, Message } from './message.js';
import { code, section, strong, text } from './message.js';
import type { View } from './view.js';

const DAY_MS = 86_400_000;
/** A commitment with no progress note for this long is flagged stale. */
export const STALE_AFTER_MS = 30 * DAY_MS;

/** The last sign of life: the newest progress note, or the commitment's creation when it has none. */
export function lastProgressAt(commitment: Commitment): number {
  const times = [commitment.createdAt, ...commitment.notes.map((note) => note.at)].map((at) =>
    Date.parse(at),
  );
  return Math.max(...times.filter((time) => !Number.isNaN(time)));
}

export function isStale(commitment: Commitment, now: Date): boolean {
  return now.getTime() - lastProgressAt(commitment) >= STALE_AFTER_MS;
}

/** The commitments a past check-in asked about that have had no news since, and that check-in's day. */
export interface UnansweredCheckin {
  ids: ReadonlySet<string>;
  /** `Wed 4 Mar`. */
  day: string;
}

/**
 * An agency's daily list of its overdue commitments, with the stale ones called out: no progress note for
 * 30 days, or no answer to a check-in that asked about them. The list only names each line's owner; the
 * roll-up is the daily call to act, so one line under it calls on every owner person once, however many
 * of the items are theirs. `overdue` is the longest overdue first, `total` how many are overdue in all
 * (more than listed when the list was cut).
 */
export function overdueRollup(
  agency: Agency,
  overdue: readonly Commitment[],
  view: View,
  total: number = overdue.length,
  unanswered?: UnansweredCheckin,
): Message {
  const silent = (commitment: Commitment) => unanswered?.ids.has(commitment.id) ?? false;
  const stale = overdue.filter((commitment) => isStale(commitment, view.now) || silent(commitment));
  const count = `${total} overdue commitment${total === 1 ? '' : 's'}`;
  const blocks: Block[] = [
    { type: 'header', text: `🔴 ${agency.code}: ${count}` },
    { type: 'commitments', items: overdue.map((commitment) => commitmentLine(commitment, view)) },
  ];
  if (total > overdue.length) {
    blocks.push(
      section(
        text(`…and ${total - overdue.length} more; `),
        code(`list owner:${agency.code}`),
        text(' lists every open one.'),
      ),
    );
  }
  const owners = ownersCalledOn(overdue);
  if (owners) blocks.push(owners);
  for (const commitment of stale) {
    const days = Math.floor((view.now.getTime() - lastProgressAt(commitment)) / DAY_MS);
    const why = isStale(commitment, view.now)
      ? ` has had no progress note for ${days} days.`
      : ` has had no answer to the check-in of ${unanswered!.day}.`;
    blocks.push(section(strong('Stale: '), strong(commitment.id), text(why)));
  }
  blocks.push({
    type: 'context',
    text: 'Mark each done, post an update or change its deadline, so that it leaves this list.',
  });
  const staleText = stale.length > 0 ? `, ${stale.length} stale` : '';
  return { text: `${agency.code}: ${count}${staleText}`, blocks };
}
