import type { View } from '../../src/messages/view.js';
import { AgencyDirectory } from '../../src/messages/view.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';

/** How a message reads in a channel: at `now`, in the reader's zone, with every agency's zone known. */
export async function agencyView(
  agencies: AgencyStore,
  now: Date,
  readerTimeZone: string,
  trackerTimeZone: string,
): Promise<View> {
  const directory = new AgencyDirectory(await agencies.list(), trackerTimeZone);
  return { now, readerTimeZone, timeZoneOf: directory.timeZoneOf };
}
