import { TrackerError } from './tracker-error.js';

/** A well-formed command with a value that is not allowed: a bad time zone, area or agency code. */
export class InvalidValueError extends TrackerError {}
