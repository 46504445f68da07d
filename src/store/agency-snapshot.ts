import type { Agency } from '../model/agency.js';
import { type ChannelRef, channelKey } from '../model/platform.js';
import type { AgencySnapshot } from './commitment-store.js';

/** The agencies as loaded once, with the look-ups a command makes of them ready. */
export class AgencySnapshotOf implements AgencySnapshot {
  private readonly byCode: Map<string, Agency>;
  private readonly byChannel = new Map<string, Agency[]>();

  /** `agencies` sorted by code. */
  constructor(readonly all: readonly Agency[]) {
    this.byCode = new Map(all.map((agency) => [agency.code, agency]));
    for (const agency of all) {
      for (const channel of agency.channels) {
        const key = channelKey(channel);
        const linked = this.byChannel.get(key);
        if (linked) linked.push(agency);
        else this.byChannel.set(key, [agency]);
      }
    }
  }

  get(code: string): Agency | undefined {
    return this.byCode.get(code);
  }

  forChannel(channel: ChannelRef): Agency[] {
    return [...(this.byChannel.get(channelKey(channel)) ?? [])];
  }
}
