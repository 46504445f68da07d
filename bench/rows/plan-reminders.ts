// plan_reminders: planning the reminders of N commitments in bulk (as start-up and a new agency zone
// do), against BullMQ's addBulk of the very same jobs, chunk by chunk in alternation, each in a database
// of its own that is emptied every few chunks so that memory stays bounded.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ReminderPlanner } from '../../jobs/reminders/reminder-planner.js';
import { QUEUE_NAMES, reminderJobId, schedulerKeys } from '../../jobs/scheduler-keys.js';
import { reminderTimes, SNOOZE_OFFSET } from '../../src/calendar/reminder-times.js';
import { parseDuration } from '../../src/dates/duration.js';
import type { Commitment } from '../../src/model/commitment.js';
import { systemClock } from '../../src/ports/clock.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { benchAgencies, random, seedAgencies, seededCommitment } from '../bench-data.js';
import { log, type Row, row, timed } from '../measure.js';

const CHUNK = 500;
const FLUSH_EVERY = 20;
const DAY_MS = 86_400_000;
const PREFIX = '{ft}:';

export async function planRemindersRow(options: { quick: boolean; redisUrl: string }): Promise<Row> {
  const count = options.quick ? 10_000 : 50_000;
  const oursRedis = new Redis(options.redisUrl, { db: 1, maxRetriesPerRequest: null });
  const rawRedis = new Redis(options.redisUrl, { db: 2, maxRetriesPerRequest: null });
  const keys = schedulerKeys(PREFIX);
  const settings = {
    reminderOffsets: ['7d', '1d', '0d'].map((text) => parseDuration(text)!),
    digestCron: '0 9 * * 1',
    checkinCron: '0 9 * * 3',
    escalateAfter: parseDuration('7d')!,
    trackerTimeZone: 'UTC',
  };
  const queue = new Queue(QUEUE_NAMES.reminders, { connection: oursRedis, prefix: keys.bullPrefix });
  const rawQueue = new Queue(QUEUE_NAMES.reminders, { connection: rawRedis, prefix: keys.bullPrefix });
  const agencies = new RedisAgencyStore({ redis: oursRedis, prefix: PREFIX });
  const planner = new ReminderPlanner({
    redis: oursRedis,
    keys,
    queue,
    agencies,
    holidays: new RedisHolidayStore(oursRedis, PREFIX),
    channelSettings: new RedisChannelSettingsStore(oursRedis, PREFIX),
    clock: systemClock,
    settings,
  });
  const zones = new Map(benchAgencies().map((agency) => [agency.code, agency]));
  try {
    await oursRedis.flushdb();
    await rawRedis.flushdb();
    await seedAgencies(agencies);
    const now = Date.now();
    const rand = random(23);
    const commitments: Commitment[] = Array.from({ length: count }, (_, i) => {
      const { draft } = seededCommitment(i, now, rand);
      const date = new Date(now + (10 + Math.floor(rand() * 300)) * DAY_MS).toISOString().slice(0, 10);
      return { ...draft, id: `C-${i + 1}`, version: 1, deadline: { kind: 'date', date } };
    });
    let oursMs = 0;
    let rawMs = 0;
    let jobs = 0;
    const cpuMs = { ours: { client: 0, redis: 0 }, raw: { client: 0, redis: 0 } };
    for (let at = 0, chunk = 0; at < count; at += CHUNK, chunk += 1) {
      const slice = commitments.slice(at, at + CHUNK);
      const bulk = slice.flatMap((commitment) => jobsOf(commitment, settings.reminderOffsets, zones, now));
      jobs += bulk.length;
      const cpu = async (into: 'ours' | 'raw', work: () => Promise<unknown>) => {
        const c0 = process.cpuUsage();
        const r0 = await redisCpu(oursRedis);
        const ms = await timed(work);
        const c1 = process.cpuUsage(c0);
        cpuMs[into].client += (c1.user + c1.system) / 1000;
        cpuMs[into].redis += (await redisCpu(oursRedis)) - r0;
        return ms;
      };
      const ours = () => cpu('ours', () => planner.planMany(slice, { force: true }));
      const raw = () => cpu('raw', () => rawQueue.addBulk(bulk));
      if (chunk % 2 === 0) {
        oursMs += await ours();
        rawMs += await raw();
      } else {
        rawMs += await raw();
        oursMs += await ours();
      }
      if ((chunk + 1) % FLUSH_EVERY === 0) {
        const [planned, added] = await Promise.all([queue.getDelayedCount(), rawQueue.getDelayedCount()]);
        if (planned !== added) throw new Error(`planned ${planned} jobs where addBulk added ${added}`);
        await oursRedis.flushdb();
        await rawRedis.flushdb();
        await seedAgencies(agencies);
      }
    }
    log(
      `plan_reminders CPU ms: ${JSON.stringify(cpuMs, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
    );
    log(
      `plan_reminders: ${count} commitments, ${jobs} jobs: planned in ${(oursMs / 1000).toFixed(2)} s, addBulk ${(rawMs / 1000).toFixed(2)} s`,
    );
    return row('plan_reminders', oursMs / 1000, rawMs / 1000, 's', { atMost: 1.5 });
  } finally {
    await oursRedis.flushdb();
    await rawRedis.flushdb();
    await queue.close();
    await rawQueue.close();
    oursRedis.disconnect();
    rawRedis.disconnect();
  }
}

/** The jobs the planner makes for a commitment, worked out apart from it for the baseline. */
function jobsOf(
  commitment: Commitment,
  offsets: ReturnType<typeof parseDuration>[],
  agencies: Map<string, { code: string; timeZone: string; country?: string }>,
  now: number,
) {
  const lead = agencies.get(commitment.owners[0]!)!;
  return commitment.owners.flatMap((code) => {
    const recipient = agencies.get(code)!;
    return reminderTimes({
      commitment,
      offsets: offsets.map((offset) => offset!),
      recipient,
      leadTimeZone: lead.timeZone,
      now: new Date(now),
    }).map((reminder) => {
      const data = {
        commitmentId: commitment.id,
        deadline: commitment.deadline!,
        offset: reminder.offset,
        agency: code,
        at: reminder.at,
        ...(reminder.offset === SNOOZE_OFFSET ? { snoozedUntil: commitment.snoozedUntil } : {}),
      };
      return {
        name: 'reminder',
        data,
        opts: { jobId: reminderJobId(data), delay: Math.max(0, reminder.at - now) },
      };
    });
  });
}

async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const used = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return (used('used_cpu_sys') + used('used_cpu_user')) * 1000;
}
