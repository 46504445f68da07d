// punctuality: 2,000 reminders due at the same instant over 50 Slack channels, posted by the scheduler's
// workers through the Slack gateway to the loopback Slack; the last post's delay against the pacing
// limit, (40 - 1) posts x 1.1 s a channel.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { SlackGateway } from '../../adapters/slack/slack-gateway.js';
import { createScheduler } from '../../jobs/create-scheduler.js';
import { DEFAULT_TUNING } from '../../jobs/scheduler-settings.js';
import { parseDuration } from '../../src/dates/duration.js';
import { systemClock } from '../../src/ports/clock.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { log, type Row, row } from '../measure.js';
import type { SlackLoopback } from '../slack-loopback.js';

const CHANNELS = 50;
const REMINDERS = 2_000;
const LEAD_MS = 8_000;

export async function punctualityRow(options: { redisUrl: string; slack: SlackLoopback }): Promise<Row> {
  const redis = new Redis(options.redisUrl, { db: 4, maxRetriesPerRequest: null });
  await redis.flushdb();
  const agencies = new RedisAgencyStore({ redis });
  const commitments = new RedisCommitmentStore({ redis, timeZoneOf: agencies.timeZoneOf });
  const silent = pino({ level: 'silent' });
  const scheduler = createScheduler({
    connection: redis,
    commitments,
    agencies,
    holidays: new RedisHolidayStore(redis),
    channelSettings: new RedisChannelSettingsStore(redis),
    checkins: new RedisCheckinStore(redis),
    gateways: {
      slack: SlackGateway.create({ botToken: 'xoxb-bench', apiUrl: options.slack.apiUrl }, silent),
    },
    clock: systemClock,
    settings: {
      reminderOffsets: [parseDuration('0s')!],
      digestCron: '0 9 * * 1',
      checkinCron: '0 9 * * 3',
      escalateAfter: parseDuration('7d')!,
      trackerTimeZone: 'UTC',
    },
    log: silent,
  });
  try {
    for (let i = 0; i < CHANNELS; i += 1) {
      const code = `P${String(i).padStart(2, '0')}`;
      await agencies.put({
        code,
        name: code,
        timeZone: 'UTC',
        channels: [{ platform: 'slack', id: `CP${String(i).padStart(2, '0')}` }],
      });
    }
    const due = Date.now() + LEAD_MS;
    const at = new Date(due).toISOString();
    const created = [];
    // Made round-robin over the channels, as reminders of many agencies fall due together in practice.
    for (let i = 0; i < REMINDERS; i += 1) {
      const owner = `P${String(i % CHANNELS).padStart(2, '0')}`;
      created.push(
        await commitments.create(
          {
            title: `Reminder number ${i}`,
            owners: [owner],
            deadline: { kind: 'instant', at },
            status: 'open',
            notes: [],
            createdBy: 'console:bench',
            createdAt: new Date().toISOString(),
            updatedBy: 'console:bench',
            updatedAt: new Date().toISOString(),
          },
          { at: new Date().toISOString(), by: 'console:bench', type: 'created', changes: {} },
        ),
      );
    }
    await scheduler.planner.commitmentsChanged(created);
    options.slack.posts.clear();
    options.slack.recordPosts = true;
    await scheduler.startWorkers();
    if (Date.now() > due) throw new Error('the reminders were planned after they fell due; raise LEAD_MS');
    const deadline = due + 120_000;
    const posted = () => [...options.slack.posts.values()].reduce((n, times) => n + times.length, 0);
    while (posted() < REMINDERS) {
      if (Date.now() > deadline) throw new Error(`only ${posted()} of ${REMINDERS} reminders were posted`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const last = Math.max(...[...options.slack.posts.values()].flat());
    const gapMs = DEFAULT_TUNING.channelPaceMs.slack;
    const limit = ((REMINDERS / CHANNELS - 1) * gapMs) / 1000;
    const closest = Math.min(
      ...[...options.slack.posts.values()].flatMap((times) => {
        const sorted = [...times].sort((a, b) => a - b);
        return sorted.slice(1).map((t, i) => t - sorted[i]!);
      }),
    );
    log(
      `punctuality: last of ${REMINDERS} reminders posted ${((last - due) / 1000).toFixed(2)} s after they fell due (pacing limit ${limit.toFixed(1)} s; closest two posts in a channel ${closest} ms apart)`,
    );
    return row('punctuality', (last - due) / 1000, limit, 's', { atMost: 1.05 });
  } finally {
    options.slack.recordPosts = false;
    await scheduler.close({ force: true });
    await redis.flushdb();
    redis.disconnect();
  }
}
