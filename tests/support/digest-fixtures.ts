import type { DigestData } from '../../src/digest/digest-data.js';
import { digestWeek } from '../../src/digest/digest-week.js';
import { rateOf, recordWeeks } from '../../src/digest/track-record.js';
import type { Agency } from '../../src/model/agency.js';

/** An agency's digest data at `now` with nothing in it but what the test gives. */
export function digestDataOf(agency: Agency, now: Date, overrides: Partial<DigestData> = {}): DigestData {
  const weeks = recordWeeks(now, agency.timeZone);
  const none = { items: [], total: 0 };
  return {
    agency,
    week: digestWeek(now, agency.timeZone),
    open: 0,
    dueThisWeek: 0,
    overdue: 0,
    atRisk: 0,
    closedLastWeek: 0,
    movesLastWeek: [],
    record: {
      weeks,
      tallies: weeks.map((week) => ({ week, due: 0, closed: 0 })),
      closed: 0,
      onTime: rateOf(0, 0),
    },
    lists: { overdue: none, dueSoon: none, attention: none, closedLastWeek: none },
    ...overrides,
  };
}
