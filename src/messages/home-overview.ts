import type { Commitment } from '../model/commitment.js';
import type { Rag } from '../model/rag.js';
import { commitmentLine } from './commitment-line.js';
import type { Block, CommitmentLine, Message } from './message.js';
import { code, section, text } from './message.js';
import type { View } from './view.js';

const RAG_HEADINGS: [Exclude<Rag, 'closed'>, string][] = [
  ['red', '🔴 Overdue or blocked'],
  ['amber', '🟠 At risk or due within 7 days'],
  ['green', '🟢 On track'],
];

/** The most urgent of a person's own commitments, or of their agencies': a page of an index. */
export interface HomeSection {
  items: Commitment[];
  /** How many there are in all, where the index can say. */
  total: number | undefined;
  more: boolean;
}

/**
 * A person's own open commitments, then the rest of their agencies', each the most urgent first and
 * grouped by RAG; where there are more than shown, it says so and names the list that has them all.
 */
export function homeOverview(
  mine: HomeSection,
  ours: HomeSection,
  agencyCodes: readonly string[],
  view: View,
): Message {
  const mineCount = mine.total ?? mine.items.length;
  const blocks: Block[] = [
    { type: 'header', text: 'Your commitments' },
    ...byRag(mine.items, view, 'You own no open commitment.'),
  ];
  if (mine.more)
    blocks.push(moreLine(`Your ${mine.items.length} most urgent of ${mineCount} are shown.`, 'list mine'));
  if (agencyCodes.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'header', text: `${agencyCodes.join(', ')}: open commitments` });
    blocks.push(...byRag(ours.items, view, 'Nothing else is open for your agency.'));
    if (ours.more) {
      blocks.push(
        moreLine(`The ${ours.items.length} most urgent are shown.`, `list owner:${agencyCodes[0]}`),
      );
    }
  }
  const oursCount = ours.total ?? ours.items.length;
  const plural = mineCount === 1 ? '' : 's';
  return {
    text: `${mineCount} open commitment${plural} of yours, ${oursCount}${ours.more && ours.total === undefined ? '+' : ''} more of your agency`,
    blocks,
  };
}

function moreLine(what: string, command: string): Block {
  return section(text(`${what} `), code(command), text(' lists every one.'));
}

/** Each line's RAG is worked out once, as its line is drawn, and the lines are grouped by it. */
function byRag(commitments: Commitment[], view: View, emptyText: string): Block[] {
  if (commitments.length === 0) return [{ type: 'context', text: emptyText }];
  const groups = new Map<Rag, CommitmentLine[]>();
  for (const commitment of commitments) {
    const line = commitmentLine(commitment, view);
    const group = groups.get(line.rag);
    if (group) group.push(line);
    else groups.set(line.rag, [line]);
  }
  const blocks: Block[] = [];
  for (const [rag, heading] of RAG_HEADINGS) {
    const group = groups.get(rag);
    if (!group) continue;
    blocks.push({ type: 'context', text: heading });
    blocks.push({ type: 'commitments', items: group });
  }
  return blocks;
}
