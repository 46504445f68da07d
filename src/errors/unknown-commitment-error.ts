import { TrackerError } from './tracker-error.js';

export class UnknownCommitmentError extends TrackerError {
  constructor(readonly id: string) {
    super(`There is no commitment ${id}. \`list all\` shows every id.`);
  }
}
