import { TrackerError } from './tracker-error.js';

/** A restore that would mix two trackers' data, or finish another's half-done restore: nothing was written. */
export class RestoreRefusedError extends TrackerError {}
