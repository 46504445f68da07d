import type { View } from '../../src/messages/view.js';
import { AgencyDirectory } from '../../src/messages/view.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';

/**
 * How a message reads at `now`, with every agency's zone known (each moment is shown in its lead's zone)
 * and, for what belongs to no agency, the zone of the channel it goes to.
 */
export async function agencyView(
  agencies: AgencyStore,
  now: Date,
  readerTimeZone: string,
  trackerTimeZone: string,
): Promise<View> {
  const directory = new AgencyDirectory(await agencies.list(), trackerTimeZone);
  return { now, readerTimeZone, timeZoneOf: directory.timeZoneOf };
}
