import { TrackerError } from './tracker-error.js';

export class PermissionDeniedError extends TrackerError {}
