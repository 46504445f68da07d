import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { ChannelSettings } from '../model/channel-settings.js';
import { parseChannelKey } from '../model/platform.js';
import type { ChannelSettingsStore } from '../store/channel-settings-store.js';
import { channelSettingsKey } from '../store/redis-channel-settings-store.js';
import { type BackupSection, backupSection } from './backup-section.js';
import { channelField, channelSettingsSchema } from './model-schemas.js';

const PAGE = 500;

const settingsRecord = z.strictObject({
  kind: z.literal('channel-settings'),
  channel: channelField,
  settings: channelSettingsSchema,
});

/**
 * `{"kind":"channel-settings","channel":"slack:C1","settings":{…}}`: what a linked channel changed for
 * itself with `channel settings` (digest time, check-ins, reminder offsets, quiet days).
 */
export function channelSettingsBackup(deps: {
  redis: Redis | Cluster;
  prefix: string;
  channelSettings: ChannelSettingsStore;
}): BackupSection {
  const key = channelSettingsKey(deps.prefix);
  return backupSection({
    name: 'channel-settings',
    kinds: ['channel-settings'],
    schema: settingsRecord,
    isEmpty: async () => (await deps.redis.hlen(key)) === 0,
    async *read() {
      let cursor = '0';
      do {
        const [next, flat] = await deps.redis.hscan(key, cursor, 'COUNT', PAGE);
        cursor = next;
        const records = [];
        for (let i = 0; i < flat.length; i += 2) {
          const settings = JSON.parse(flat[i + 1]!) as ChannelSettings;
          records.push({ kind: 'channel-settings', channel: flat[i]!, settings });
        }
        if (records.length > 0) yield records;
      } while (cursor !== '0');
    },
    async write(records) {
      for (const { channel, settings } of records) {
        await deps.channelSettings.put(parseChannelKey(channel)!, settings as ChannelSettings);
      }
    },
  });
}
