import type { Duration } from '../dates/duration.js';
import type { Commitment } from '../model/commitment.js';
import { commitmentLine } from './commitment-line.js';
import type { Message } from './message.js';
import type { View } from './view.js';

/**
 * For the coordination channel: commitments overdue for longer than `ESCALATE_AFTER`. It calls on no
 * one: it is addressed to the coordination unit, whose channel the owners are rarely in, and the owners
 * are called on every working day by their own agency's roll-up. Each line names its owner.
 */
export function escalationMessage(
  commitments: readonly Commitment[],
  escalateAfter: Duration,
  view: View,
  total: number = commitments.length,
): Message {
  const count = `${total} commitment${total === 1 ? '' : 's'}`;
  const owners = [...new Set(commitments.flatMap((commitment) => commitment.owners))].sort().join(', ');
  return {
    text: `Escalated: ${count} overdue for more than ${escalateAfter.text} (${owners})`,
    blocks: [
      { type: 'header', text: `⚠️ Escalated: ${count} overdue for more than ${escalateAfter.text}` },
      { type: 'commitments', items: commitments.map((commitment) => commitmentLine(commitment, view)) },
      {
        type: 'context',
        text: `${total > commitments.length ? `The ${commitments.length} longest overdue are listed. ` : ''}Owning agencies: ${owners}. Each commitment is escalated at most once a week.`,
      },
    ],
  };
}
