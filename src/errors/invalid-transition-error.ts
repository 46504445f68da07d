import { TrackerError } from './tracker-error.js';

/** A status change the model does not allow, such as updating a commitment that is closed. */
export class InvalidTransitionError extends TrackerError {}
