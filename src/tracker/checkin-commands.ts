import type { Command } from '../commands/command.js';
import { batchOf, checkinBatch } from '../messages/checkin-message.js';
import type { Message } from '../messages/message.js';
import type { Status } from '../model/status.js';
import type { CommandResult } from './command-context.js';
import { closeCommitment, updateCommitment } from './commitment-commands.js';
import type { Session } from './session.js';

type Answer = Extract<Command, { kind: 'checkin-answer' }>;

/** Kept with each note a check-in answer adds, so the history says where it came from. */
const CHECKIN_REASON = 'weekly check-in';

const SAYS: Readonly<Record<'on-track' | 'at-risk', { status: Status; note: string }>> = {
  'on-track': { status: 'in-progress', note: 'On track' },
  'at-risk': { status: 'at-risk', note: 'At risk' },
};

/**
 * A check-in answer is the command it stands for, with its permission checks: On track and At risk set
 * the status (in progress, at risk) with a note saying so, Blocked sets it with the reason given, Done
 * closes it with the evidence (opening its next occurrence when it recurs), Post update is `update`.
 * Then the commitment is checked for that week, and the check-in message it was in is drawn again.
 */
export async function answerCheckin(s: Session, command: Answer): Promise<CommandResult> {
  const record = await s.deps.checkins.get(command.agency, command.week);
  const outcome = await runAnswer(s, command);
  const batch = record && batchOf(record, command.id);
  if (!record || batch === undefined) return outcome;
  await s.deps.checkins.answer(command.agency, command.week, {
    id: command.id,
    answer: command.answer,
    by: s.by,
    at: s.now.toISOString(),
  });
  return { ...outcome, replaces: await redrawn(s, command, batch) };
}

async function runAnswer(s: Session, command: Answer): Promise<CommandResult> {
  const { id } = command;
  switch (command.answer) {
    case 'on-track':
    case 'at-risk': {
      const says = SAYS[command.answer];
      const current = await s.commitment(id);
      const status = current.status === says.status ? undefined : says.status;
      return updateCommitment(s, { kind: 'update', id, status, note: says.note, reason: CHECKIN_REASON });
    }
    case 'blocked':
      return updateCommitment(s, {
        kind: 'update',
        id,
        status: 'blocked',
        note: command.note,
        reason: CHECKIN_REASON,
      });
    case 'done':
      return closeCommitment(s, { kind: 'done', id, note: command.note });
    case 'update':
      return updateCommitment(s, { kind: 'update', id, status: command.status, note: command.note });
  }
}

/**
 * The check-in message that lists the commitment, as it stands after this answer, for the channel it is
 * in: a commitment it may no longer see (a restricted one given to another agency since) is left out.
 * Every message counts the whole check-in, so every commitment asked about is read (as many as the
 * check-in routine read to post it).
 */
async function redrawn(s: Session, command: Answer, batch: number): Promise<Message | undefined> {
  const record = await s.deps.checkins.get(command.agency, command.week);
  const agency = s.directory.get(command.agency);
  if (!record || !agency) return undefined;
  const [commitments, answers] = await Promise.all([
    s.deps.commitments.getMany(record.ids),
    s.deps.checkins.answers(command.agency, command.week),
  ]);
  return checkinBatch(agency, record, batch, commitments, answers, s.view, s.channelAudience);
}
