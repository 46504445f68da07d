import type { DigestData } from '../../src/digest/digest-data.js';
import { digestWeek } from '../../src/digest/digest-week.js';
import { recordWeeks } from '../../src/digest/track-record.js';
import type { Agency } from '../../src/model/agency.js';

/** An agency's digest data at `now` with nothing in it but what the test gives. */
export function digestDataOf(agency: Agency, now: Date, overrides: Partial<DigestData> = {}): DigestData {
  return {
    agency,
    week: digestWeek(now, agency.timeZone),
    open: [],
    closedLastWeek: [],
    movesLastWeek: [],
    record: { weeks: recordWeeks(now, agency.timeZone), due: [], done: [] },
    ...overrides,
  };
}
