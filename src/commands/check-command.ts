import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import type { Command } from './command.js';
import { MAX_NOTE_LENGTH, MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH } from './parse-command.js';
import { limitLength, readArea, readOwners } from './read-values.js';
import { USAGE } from './usage.js';

/**
 * The checks the parser makes on typed text, made again on a command built by a form or a button,
 * so that a modal or card can never save what the command line would refuse.
 */
export function checkCommand(command: Command): Command {
  switch (command.kind) {
    case 'add': {
      const title = limitLength(command.title.trim(), 'title', MAX_TITLE_LENGTH, USAGE.add);
      if (!title) throw new CommandSyntaxError('`add` needs a title: what is to be delivered.', USAGE.add);
      return {
        ...command,
        title,
        owners: command.owners.length > 0 ? readOwners(command.owners, USAGE.add) : [],
        area: command.area === undefined ? undefined : readArea(command.area, USAGE.add),
        source:
          command.source === undefined
            ? undefined
            : limitLength(command.source, 'source', MAX_SOURCE_LENGTH, USAGE.add),
      };
    }
    case 'update':
      return {
        ...command,
        owners: command.owners === undefined ? undefined : readOwners(command.owners, USAGE.update),
        area: command.area === undefined ? undefined : readArea(command.area, USAGE.update),
        note:
          command.note === undefined
            ? undefined
            : limitLength(command.note, 'note', MAX_NOTE_LENGTH, USAGE.update),
        reason:
          command.reason === undefined
            ? undefined
            : limitLength(command.reason, 'reason', MAX_NOTE_LENGTH, USAGE.update),
      };
    case 'done':
      return {
        ...command,
        note:
          command.note === undefined
            ? undefined
            : limitLength(command.note, 'note', MAX_NOTE_LENGTH, USAGE.done),
      };
    case 'cancel': {
      const reason = limitLength(command.reason.trim(), 'reason', MAX_NOTE_LENGTH, USAGE.cancel);
      if (!reason) throw new CommandSyntaxError('`cancel` needs a reason.', USAGE.cancel);
      return { ...command, reason };
    }
    default:
      return command;
  }
}
