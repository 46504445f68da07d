import type { Cluster, Redis } from 'ioredis';
import type { Clock } from '../../src/ports/clock.js';
import type { ChannelSettingsStore } from '../../src/store/channel-settings-store.js';
import type { CheckinStore } from '../../src/store/checkin-store.js';
import type { AgencyStore, CommitmentStore } from '../../src/store/commitment-store.js';
import type { HolidayStore } from '../../src/store/holiday-store.js';
import type { DeliveryFailures } from '../delivery/delivery-failures.js';
import type { DeliveryOutbox } from '../delivery/delivery-outbox.js';
import type { DeliveryRecords } from '../delivery/delivery-records.js';
import type { SchedulerKeys } from '../scheduler-keys.js';
import type { SchedulerLog } from '../scheduler-log.js';
import type { SchedulerSettings } from '../scheduler-settings.js';
import type { ScoreboardSnapshots } from './scoreboard-snapshots.js';

/** What the routines (digest, roll-up, coordination) read and post through. */
export interface RoutineDeps {
  redis: Redis | Cluster;
  keys: SchedulerKeys;
  commitments: CommitmentStore;
  agencies: AgencyStore;
  holidays: HolidayStore;
  channelSettings: ChannelSettingsStore;
  checkins: CheckinStore;
  clock: Clock;
  settings: SchedulerSettings;
  outbox: DeliveryOutbox;
  records: DeliveryRecords;
  failures: DeliveryFailures;
  log: SchedulerLog;
  snapshots: ScoreboardSnapshots;
}
