import type { View } from '../../src/messages/view.js';
import { AgencyDirectory } from '../../src/messages/view.js';
import type { ChannelRef } from '../../src/model/platform.js';
import type { Audience } from '../../src/model/visibility.js';
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
  const directory = await agencyDirectory(agencies, trackerTimeZone);
  return { now, readerTimeZone, timeZoneOf: directory.timeZoneOf };
}

/** Every agency as known now, and the zone for codes it does not know. */
export async function agencyDirectory(
  agencies: AgencyStore,
  trackerTimeZone: string,
): Promise<AgencyDirectory> {
  return new AgencyDirectory((await agencies.snapshot()).all, trackerTimeZone);
}

/** Everyone in a channel: they see the restricted commitments of the agencies linked to it, and no others. */
export async function channelAudience(agencies: AgencyStore, channel: ChannelRef): Promise<Audience> {
  return { agencies: (await agencies.snapshot()).forChannel(channel).map((agency) => agency.code) };
}
