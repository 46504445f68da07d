import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { TEXT_LIMITS } from '../model/limits.js';
import { isClosed } from '../model/status.js';
import type { Command } from './command.js';
import { limitLength, readArea, readOwners, readVisibility, requireVisible } from './read-values.js';
import { USAGE } from './usage.js';

/** Reads a field only when the form gave it. */
function ifGiven<T, R>(value: T | undefined, read: (value: T) => R): R | undefined {
  return value === undefined ? undefined : read(value);
}

/**
 * The checks the parser makes on typed text, made again on a command built by a form or a button,
 * so that a modal or card can never save what the command line would refuse.
 */
export function checkCommand(command: Command): Command {
  switch (command.kind) {
    case 'add': {
      const usage = USAGE.add;
      const title = requireVisible(
        limitLength(command.title.trim(), 'title', TEXT_LIMITS.title, usage),
        '`add` needs a title: what is to be delivered.',
        usage,
      );
      return {
        ...command,
        title,
        owners: command.owners.length > 0 ? readOwners(command.owners, usage) : [],
        area: ifGiven(command.area, (area) => readArea(area, usage)),
        source: ifGiven(command.source, (source) => limitLength(source, 'source', TEXT_LIMITS.source, usage)),
        visibility: ifGiven(command.visibility, (visibility) => readVisibility(visibility, usage)),
      };
    }
    case 'update': {
      const usage = USAGE.update;
      return {
        ...command,
        owners: ifGiven(command.owners, (owners) => readOwners(owners, usage)),
        area: ifGiven(command.area, (area) => readArea(area, usage)),
        note: ifGiven(command.note, (note) => limitLength(note, 'note', TEXT_LIMITS.note, usage)),
        reason: ifGiven(command.reason, (reason) => limitLength(reason, 'reason', TEXT_LIMITS.note, usage)),
        visibility: ifGiven(command.visibility, (visibility) => readVisibility(visibility, usage)),
      };
    }
    case 'done':
      return {
        ...command,
        note: ifGiven(command.note, (note) => limitLength(note, 'note', TEXT_LIMITS.note, USAGE.done)),
      };
    case 'cancel': {
      const reason = requireVisible(
        limitLength(command.reason.trim(), 'reason', TEXT_LIMITS.note, USAGE.cancel),
        '`cancel` needs a reason.',
        USAGE.cancel,
      );
      return { ...command, reason };
    }
    case 'checkin-answer':
      return checkAnswer(command);
    default:
      return command;
  }
}

/** A check-in answer asks for what the matching command would: why it is blocked, what shows it is done. */
function checkAnswer(command: Extract<Command, { kind: 'checkin-answer' }>): Command {
  const usage = command.answer === 'done' ? USAGE.done : USAGE.update;
  const note = ifGiven(command.note?.trim() || undefined, (text) =>
    limitLength(text, 'note', TEXT_LIMITS.note, usage),
  );
  if (command.answer === 'blocked' && !note) {
    throw new CommandSyntaxError('Say what is blocking it: it goes into the history.', usage);
  }
  if (command.answer === 'done' && !note) {
    throw new CommandSyntaxError('Say what was delivered: the evidence or a closing note.', usage);
  }
  if (command.answer === 'update' && !note) {
    throw new CommandSyntaxError('Write a progress note to post an update.', usage);
  }
  if (command.status !== undefined && isClosed(command.status)) {
    throw new CommandSyntaxError(`"${command.status}" is not a status an update can set.`, usage);
  }
  return { ...command, note };
}
