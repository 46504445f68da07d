import { TrackerError } from './tracker-error.js';

/** The text could not be read as a command: unknown subcommand, missing or malformed argument. */
export class CommandSyntaxError extends TrackerError {}
