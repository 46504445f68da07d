import type { ChannelSettings } from '../model/channel-settings.js';
import type { ChannelRef } from '../model/platform.js';

/** Each linked channel's own settings (`channel settings`), kept apart from the agencies. */
export interface ChannelSettingsStore {
  /** `{}` for a channel that changed nothing. */
  get(channel: ChannelRef): Promise<ChannelSettings>;
  /** Channel key (`slack:C123`) to its settings, one read whatever the number of channels. */
  getMany(channels: readonly ChannelRef[]): Promise<Map<string, ChannelSettings>>;
  /** Replaces the channel's settings; `{}` forgets them. */
  put(channel: ChannelRef, settings: ChannelSettings): Promise<void>;
}
