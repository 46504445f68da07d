import type { Cluster, Redis } from 'ioredis';
import type { ChannelSettings } from '../model/channel-settings.js';
import { type ChannelRef, channelKey } from '../model/platform.js';
import type { ChannelSettingsStore } from './channel-settings-store.js';
import { DEFAULT_KEY_PREFIX } from './redis-keys.js';

/** Hash: channel key (`slack:C123`) -> JSON of the channel's settings. */
export function channelSettingsKey(prefix: string = DEFAULT_KEY_PREFIX): string {
  return `${prefix}channel-settings`;
}

/** One hash for every channel, so the routines read an agency's channels' settings in one HMGET. */
export class RedisChannelSettingsStore implements ChannelSettingsStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis | Cluster,
    prefix: string = DEFAULT_KEY_PREFIX,
  ) {
    this.key = channelSettingsKey(prefix);
  }

  async get(channel: ChannelRef): Promise<ChannelSettings> {
    return decode(await this.redis.hget(this.key, channelKey(channel)));
  }

  async getMany(channels: readonly ChannelRef[]): Promise<Map<string, ChannelSettings>> {
    const keys = [...new Set(channels.map(channelKey))];
    if (keys.length === 0) return new Map();
    const values = await this.redis.hmget(this.key, ...keys);
    return new Map(keys.map((key, i) => [key, decode(values[i] ?? null)]));
  }

  async put(channel: ChannelRef, settings: ChannelSettings): Promise<void> {
    if (Object.keys(settings).length === 0) await this.redis.hdel(this.key, channelKey(channel));
    else await this.redis.hset(this.key, channelKey(channel), JSON.stringify(settings));
  }
}

function decode(json: string | null): ChannelSettings {
  return json ? (JSON.parse(json) as ChannelSettings) : {};
}
