import { formatDeadline } from '../dates/format-deadline.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { ragOf } from '../model/rag.js';
import type { CommitmentLine } from './message.js';
import type { View } from './view.js';

export function commitmentLine(commitment: Commitment, view: View): CommitmentLine {
  return {
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
}

export function dueText(commitment: Commitment, view: View): string {
  if (!commitment.deadline) return 'no deadline';
  return formatDeadline(commitment.deadline, {
    leadTimeZone: view.timeZoneOf(leadAgency(commitment)),
    readerTimeZone: view.readerTimeZone,
    now: view.now,
  });
}
