import { TrackerError } from './tracker-error.js';

/** One thing wrong in an import file, where a person editing it will look: line and field path. */
export interface ImportProblem {
  /** 1-based line in the file. */
  line: number;
  /** Field path such as `commitments[3].due`; empty when the problem is not about one field. */
  path: string;
  message: string;
}

/** An import file that cannot be used; nothing from it is imported. */
export class ImportFileError extends TrackerError {
  readonly problems: readonly ImportProblem[];

  constructor(problems: readonly ImportProblem[]) {
    if (problems.length === 0) throw new Error('ImportFileError needs at least one problem');
    const [first] = problems;
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more ${plural(problems.length - 1)})` : '';
    super(`${formatImportProblem(first!)}${more}`);
    this.problems = problems;
  }
}

export function formatImportProblem(problem: ImportProblem): string {
  return problem.path
    ? `line ${problem.line}: ${problem.path}: ${problem.message}`
    : `line ${problem.line}: ${problem.message}`;
}

function plural(count: number): string {
  return count === 1 ? 'problem' : 'problems';
}
