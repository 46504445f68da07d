import { TrackerError } from './tracker-error.js';

/** Someone else changed the commitment between our read and our write (optimistic concurrency). */
export class ConflictError extends TrackerError {
  constructor(readonly id: string) {
    super(`${id} was changed meanwhile by someone else; nothing was saved. Look at it again and try again.`);
  }
}
