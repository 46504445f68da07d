import { TrackerError } from './tracker-error.js';

/**
 * Redis did not answer, so the command was refused before it changed anything. Not the person's mistake,
 * but theirs to act on: it is explained to them like one, and the outage itself is logged once elsewhere.
 */
export class StoreUnavailableError extends TrackerError {
  constructor() {
    super("The tracker's store is unavailable; nothing was saved, try again in a minute.");
  }
}
