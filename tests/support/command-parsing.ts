import type { Command } from '../../src/commands/command.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import type { TrackerError } from '../../src/errors/tracker-error.js';

/** The command read from `text`; fails the test with the refusal when there is one. */
export function command(text: string): Command {
  const result = parseCommand(text);
  if (!result.ok)
    throw new Error(`expected a command from "${text}", got ${result.error.name}: ${result.error.message}`);
  return result.command;
}

/** The refusal of `text`; fails the test when it is read as a command. */
export function failure(text: string): TrackerError {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.command)}`);
  return result.error;
}
