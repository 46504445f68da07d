import { TrackerError } from './tracker-error.js';

export class InputTooLongError extends TrackerError {
  constructor(
    readonly field: string,
    readonly limit: number,
    usage?: string,
  ) {
    super(`The ${field} is too long: at most ${limit} characters, please.`, usage);
  }
}
