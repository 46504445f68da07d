import { TrackerError } from './tracker-error.js';

export type InvalidDateReason = 'unreadable' | 'ambiguous' | 'impossible' | 'past' | 'too-far';

/** A date that cannot be read, is ambiguous, does not exist or has already passed. */
export class InvalidDateError extends TrackerError {
  constructor(
    readonly input: string,
    readonly reason: InvalidDateReason,
    message: string,
    usage?: string,
  ) {
    super(message, usage);
  }
}
