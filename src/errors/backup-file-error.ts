import { TrackerError } from './tracker-error.js';

/** One thing wrong in a backup file: its line and what is wrong there. */
export interface BackupProblem {
  /** 1-based line in the file; 0 when the problem is about the file as a whole. */
  line: number;
  message: string;
}

/** A backup file that cannot be restored; nothing was written from it. */
export class BackupFileError extends TrackerError {
  readonly problems: readonly BackupProblem[];

  constructor(problems: readonly BackupProblem[]) {
    if (problems.length === 0) throw new Error('BackupFileError needs at least one problem');
    super(problems.map(formatBackupProblem).join('\n'));
    this.problems = problems;
  }
}

export function formatBackupProblem(problem: BackupProblem): string {
  return problem.line > 0 ? `line ${problem.line}: ${problem.message}` : problem.message;
}
