import type { Command } from '../../src/commands/command.js';
import { USAGE } from '../../src/commands/usage.js';
import { parseDuration } from '../../src/dates/duration.js';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { decodeCheckinRef } from '../../src/messages/checkin-message.js';
import type { Block, Message } from '../../src/messages/message.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import type { CheckinAnswerKind } from '../../src/model/checkin.js';
import { isClosed, isStatus } from '../../src/model/status.js';
import type { CommandContext, CommandResult } from '../../src/tracker/command-context.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { CARD_FIELDS, type CardAction } from './card-action-data.js';

/** The typed command a click stands for; a form filled in wrongly is the user's mistake, thrown. */
export function commandForCardAction(action: CardAction): Command {
  const id = action.value;
  switch (action.action) {
    case ACTION_IDS.markDone: {
      const note = action.input(CARD_FIELDS.closingNote);
      return note ? { kind: 'done', id, note } : { kind: 'done', id };
    }
    case ACTION_IDS.snoozeDay:
      return { kind: 'snooze', id, duration: parseDuration('1d')! };
    case ACTION_IDS.snoozeWeek:
      return { kind: 'snooze', id, duration: parseDuration('1w')! };
    case ACTION_IDS.postUpdate: {
      const note = action.input(CARD_FIELDS.updateNote);
      if (!note) throw new CommandSyntaxError('Write a progress note to post an update.', USAGE.update);
      const status = action.input(CARD_FIELDS.updateStatus);
      if (status !== undefined && (!isStatus(status) || isClosed(status))) {
        throw new CommandSyntaxError(`"${status}" is not a status an update can set.`, USAGE.update);
      }
      return status ? { kind: 'update', id, status, note } : { kind: 'update', id, note };
    }
    case ACTION_IDS.changeDeadline: {
      const dueText = action.input(CARD_FIELDS.newDue);
      const reason = action.input(CARD_FIELDS.dueReason);
      if (!dueText || !reason) {
        throw new CommandSyntaxError('Pick the new deadline and say why it moves.', USAGE.update);
      }
      return { kind: 'update', id, dueText, reason };
    }
    case ACTION_IDS.moreResults:
      // No Teams card pages: answers show long lists over several cards, scheduled posts name the command.
      throw new CommandSyntaxError('That button is out of date; run the command again.', USAGE.list);
    case ACTION_IDS.checkinOnTrack:
    case ACTION_IDS.checkinAtRisk:
    case ACTION_IDS.checkinBlocked:
    case ACTION_IDS.checkinDone:
    case ACTION_IDS.checkinUpdate:
      return checkinAnswer(action);
  }
}

const CHECKIN_ANSWERS: Readonly<Record<string, CheckinAnswerKind>> = {
  [ACTION_IDS.checkinOnTrack]: 'on-track',
  [ACTION_IDS.checkinAtRisk]: 'at-risk',
  [ACTION_IDS.checkinBlocked]: 'blocked',
  [ACTION_IDS.checkinDone]: 'done',
  [ACTION_IDS.checkinUpdate]: 'update',
};

/** A check-in button, with what its form asked for: why it is blocked, the evidence, the update. */
function checkinAnswer(action: CardAction): Command {
  const ref = decodeCheckinRef(action.value);
  if (!ref)
    throw new CommandSyntaxError('That button is out of date; answer with a command instead.', USAGE.update);
  const answer = CHECKIN_ANSWERS[action.action]!;
  const note =
    answer === 'blocked'
      ? action.input(CARD_FIELDS.blockedReason)
      : answer === 'done'
        ? action.input(CARD_FIELDS.closingNote)
        : answer === 'update'
          ? action.input(CARD_FIELDS.updateNote)
          : undefined;
  const status = answer === 'update' ? action.input(CARD_FIELDS.updateStatus) : undefined;
  if (status !== undefined && !isStatus(status)) {
    throw new CommandSyntaxError(`"${status}" is not a status an update can set.`, USAGE.update);
  }
  return {
    kind: 'checkin-answer',
    ...ref,
    answer,
    ...(note ? { note } : {}),
    ...(status ? { status } : {}),
  };
}

/**
 * Runs a click and returns what the clicked card should become, for everyone who sees it: what was done
 * and by whom, then the commitment as it now stands with the buttons that still apply.
 */
export async function runCardAction(
  tracker: Tracker,
  action: CardAction,
  ctx: CommandContext,
): Promise<Message> {
  const result = await tracker.run(commandForCardAction(action), ctx);
  // A check-in card lists several commitments: it stays that list, with this answer marked.
  if (result.replaces) return result.replaces;
  const by: Block = { type: 'context', text: `by ${ctx.actor.name ?? 'a Teams user'}` };
  if (result.announcement && !result.notForThisChannel) {
    return { text: result.announcement.text, blocks: [...result.announcement.blocks, by] };
  }
  if (result.notForThisChannel) return { text: result.reply.text, blocks: [...result.reply.blocks, by] };
  return {
    text: result.reply.text,
    blocks: [...result.reply.blocks, by, ...(await currentState(tracker, result, ctx))],
  };
}

/** The commitment's line and buttons as `show` draws them, so the card and the command agree. */
async function currentState(tracker: Tracker, result: CommandResult, ctx: CommandContext): Promise<Block[]> {
  if (!result.commitment) return [];
  const shown = await tracker.run({ kind: 'show', id: result.commitment.id }, ctx);
  const state = shown.reply.blocks.filter(
    (block) => block.type === 'commitments' || block.type === 'actions',
  );
  return state.length > 0 ? [{ type: 'divider' }, ...state] : [];
}
