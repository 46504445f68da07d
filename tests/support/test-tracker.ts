import type { Redis } from 'ioredis';
import type { ChannelDefaults } from '../../src/messages/channel-settings-message.js';
import { FixedClock } from '../../src/ports/clock.js';
import type { Planner } from '../../src/ports/planner.js';
import { noopPlanner } from '../../src/ports/planner.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { Tracker } from '../../src/tracker/tracker.js';

export interface TestTracker {
  tracker: Tracker;
  clock: FixedClock;
  commitments: RedisCommitmentStore;
  agencies: RedisAgencyStore;
  holidays: RedisHolidayStore;
  channelSettings: RedisChannelSettingsStore;
  checkins: RedisCheckinStore;
}

/** DESIGN.md's defaults, as a tracker shows them for a channel that changed nothing. */
export const CHANNEL_DEFAULTS: ChannelDefaults = {
  digestCron: '0 9 * * 1',
  checkinCron: '0 9 * * 3',
  reminderOffsets: ['7d', '1d', '0d'],
};

/** A tracker on the real test Redis, as bin/runtime.ts builds it, with a clock the test moves. */
export function buildTestTracker(
  redis: Redis,
  prefix: string,
  options: { now?: string; admins?: string[]; planner?: Planner; trackerTimeZone?: string } = {},
): TestTracker {
  const clock = new FixedClock(options.now ?? '2026-11-25T02:00:00Z');
  const trackerTimeZone = options.trackerTimeZone ?? 'UTC';
  const agencies = new RedisAgencyStore({ redis, prefix, defaultTimeZone: trackerTimeZone });
  const commitments = new RedisCommitmentStore({ redis, prefix, timeZoneOf: agencies.timeZoneOf });
  const holidays = new RedisHolidayStore(redis, prefix);
  const channelSettings = new RedisChannelSettingsStore(redis, prefix);
  const checkins = new RedisCheckinStore(redis, prefix);
  const tracker = new Tracker({
    commitments,
    agencies,
    holidays,
    channelSettings,
    checkins,
    clock,
    planner: options.planner ?? noopPlanner,
    settings: { trackerTimeZone, trackerAdmins: options.admins ?? [], channelDefaults: CHANNEL_DEFAULTS },
  });
  return { tracker, clock, commitments, agencies, holidays, channelSettings, checkins };
}

export function slackUser(userId: string, channelId?: string): CommandContext {
  return {
    actor: { platform: 'slack', userId },
    channel: channelId ? { platform: 'slack', id: channelId } : undefined,
  };
}

export const CONSOLE: CommandContext = {
  actor: { platform: 'console', userId: 'operator' },
  channel: { platform: 'console', id: 'terminal' },
};

/** Adds the two agencies most tests use: MITI in Kuala Lumpur, MEITY in New Delhi. */
export async function addAgencies(tracker: Tracker): Promise<void> {
  await tracker.execute(
    'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
    CONSOLE,
  );
  await tracker.execute(
    'agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata country:IN',
    CONSOLE,
  );
}
