import type { Commitment } from '../model/commitment.js';
import type { PersonRef } from '../model/platform.js';
import { samePerson } from '../model/platform.js';
import { type Rag, ragOf } from '../model/rag.js';
import { commitmentLine } from './commitment-line.js';
import type { Block, Message } from './message.js';
import type { View } from './view.js';

const RAG_HEADINGS: [Exclude<Rag, 'closed'>, string][] = [
  ['red', '🔴 Overdue or blocked'],
  ['amber', '🟠 At risk or due within 7 days'],
  ['green', '🟢 On track'],
];

/** A person's own open commitments, then their agencies', each grouped by RAG. */
export function homeOverview(
  open: Commitment[],
  person: PersonRef,
  agencyCodes: readonly string[],
  view: View,
): Message {
  const mine = open.filter((c) => samePerson(c.person, person));
  const ours = open.filter((c) => !mine.includes(c) && c.owners.some((code) => agencyCodes.includes(code)));
  const blocks: Block[] = [
    { type: 'header', text: 'Your commitments' },
    ...byRag(mine, view, 'You own no open commitment.'),
  ];
  if (agencyCodes.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'header', text: `${agencyCodes.join(', ')}: open commitments` });
    blocks.push(...byRag(ours, view, 'Nothing else is open for your agency.'));
  }
  const plural = mine.length === 1 ? '' : 's';
  return {
    text: `${mine.length} open commitment${plural} of yours, ${ours.length} more of your agency`,
    blocks,
  };
}

function byRag(commitments: Commitment[], view: View, emptyText: string): Block[] {
  if (commitments.length === 0) return [{ type: 'context', text: emptyText }];
  const blocks: Block[] = [];
  for (const [rag, heading] of RAG_HEADINGS) {
    const group = commitments.filter((c) => ragOf(c, view.now, view.timeZoneOf) === rag);
    if (group.length === 0) continue;
    blocks.push({ type: 'context', text: heading });
    blocks.push({ type: 'commitments', items: group.map((c) => commitmentLine(c, view)) });
  }
  return blocks;
}
