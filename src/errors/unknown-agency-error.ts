import { TrackerError } from './tracker-error.js';

export class UnknownAgencyError extends TrackerError {
  constructor(
    readonly code: string,
    known: readonly string[],
  ) {
    super(
      known.length > 0
        ? `There is no agency ${code}. Known agencies: ${known.join(', ')}.`
        : `There is no agency ${code}, and no agency has been added yet: \`agency add <CODE> "<name>" tz:<zone>\`.`,
    );
  }
}
