import type { Cluster, Redis } from 'ioredis';
import type { ChannelSettingsStore } from '../store/channel-settings-store.js';
import type { CheckinStore } from '../store/checkin-store.js';
import type { AgencyStore } from '../store/commitment-store.js';
import type { HolidayStore } from '../store/holiday-store.js';
import type { RedisCommitmentStore } from '../store/redis-commitment-store.js';
import { agencyBackup } from './agency-backup.js';
import type { BackupSection } from './backup-section.js';
import { channelSettingsBackup } from './channel-settings-backup.js';
import { checkinBackup } from './checkin-backup.js';
import { commitmentBackup } from './commitment-backup.js';
import { holidayBackup } from './holiday-backup.js';

export interface CoreStores {
  redis: Redis | Cluster;
  prefix: string;
  commitments: RedisCommitmentStore;
  agencies: AgencyStore;
  holidays: HolidayStore;
  channelSettings: ChannelSettingsStore;
  checkins: CheckinStore;
}

/**
 * The core's part of a backup, in the order it is written and restored: agencies first (commitments
 * are indexed by their zones), then their holidays and channels' settings, the commitments, and the
 * check-ins that name them. `bin/` adds the adapters' and the jobs floor's sections after these.
 */
export function coreBackupSections(stores: CoreStores): BackupSection[] {
  const { redis, prefix } = stores;
  return [
    agencyBackup(stores.agencies),
    holidayBackup(stores.holidays),
    channelSettingsBackup({ redis, prefix, channelSettings: stores.channelSettings }),
    commitmentBackup({ redis, prefix, commitments: stores.commitments }),
    checkinBackup({ redis, prefix, checkins: stores.checkins }),
  ];
}
