import { TZDate } from '@date-fns/tz';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { checkRedisSettings } from '../../jobs/redis-settings-check.js';
import { QUEUE_NAMES } from '../../jobs/scheduler-keys.js';
import { DEFAULT_TUNING } from '../../jobs/scheduler-settings.js';
import { parseDuration } from '../../src/dates/duration.js';
import type { RedisConnection } from '../../src/redis/redis-connection.js';
import {
  addAgency,
  COORDINATION,
  completedRoutines,
  type Harness,
  runRoutine,
  SLACK_MITI,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

const test = useTestRedis();
const newHarness = useSchedulerHarness(test);

const MITI = { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' };

async function pendingRun(h: Harness, id: string): Promise<number | undefined> {
  const scheduler = await h.scheduler.queues.routines.getJobScheduler(id);
  if (!scheduler?.next) return undefined;
  const job = await h.scheduler.queues.routines.getJob(`repeat:${id}:${scheduler.next}`);
  return job && (await job.isDelayed()) ? scheduler.next : undefined;
}

/** A commitment saved without the planner hearing of it (the notification was lost). */
async function createUnheard(h: Harness): Promise<void> {
  await h.commitments.create(
    {
      title: 'Lost notification',
      owners: ['MITI'],
      deadline: { kind: 'date', date: '2026-12-15' },
      status: 'open',
      notes: [],
      createdBy: 'slack:U1',
      createdAt: '2026-12-01T00:00:00Z',
      updatedBy: 'slack:U1',
      updatedAt: '2026-12-01T00:00:00Z',
    },
    { at: '2026-12-01T00:00:00Z', by: 'slack:U1', type: 'created', changes: {} },
  );
}

/** The schedule loses its next run, as when a worker could not step the cron after a run. */
async function loseNextRun(h: Harness, id: string): Promise<void> {
  const routines = h.scheduler.queues.routines;
  const lost = await pendingRun(h, id);
  expect(lost).toBeDefined();
  const bull = `${routines.opts.prefix}:${routines.name}`;
  await test.redis
    .multi()
    .zrem(`${bull}:delayed`, `repeat:${id}:${lost}`)
    .del(`${bull}:repeat:${id}:${lost}`)
    .exec();
  expect(await pendingRun(h, id)).toBeUndefined();
}

describe('job schedulers', () => {
  it('an agency’s digest and roll-up schedules follow it: created, changed and removed with it', async () => {
    const h = await newHarness();
    await addAgency(h, MITI, []);
    const routines = h.scheduler.queues.routines;
    expect(await routines.getJobScheduler('digest-MITI')).toMatchObject({
      pattern: '0 9 * * 1',
      tz: 'Asia/Kuala_Lumpur',
    });
    expect(await routines.getJobScheduler('overdue-MITI')).toMatchObject({
      pattern: '0 9 * * *',
      tz: 'Asia/Kuala_Lumpur',
    });

    await h.agencies.put({ ...MITI, timeZone: 'Asia/Kuching', digestCron: '0 8 * * 5', channels: [] });
    await h.scheduler.planner.agencyChanged((await h.agencies.get('MITI'))!);
    expect(await routines.getJobScheduler('digest-MITI')).toMatchObject({
      pattern: '0 8 * * 5',
      tz: 'Asia/Kuching',
    });
    const next = new TZDate((await pendingRun(h, 'digest-MITI'))!, 'Asia/Kuching');
    expect([next.getDay(), next.getHours(), next.getMinutes()]).toEqual([5, 8, 0]);

    await h.scheduler.planner.agencyRemoved('MITI');
    expect(await routines.getJobScheduler('digest-MITI')).toBeUndefined();
    expect(await routines.getJobScheduler('overdue-MITI')).toBeUndefined();
  });

  it('are reconciled by one replica at a time, which re-creates a lost one, removes an orphan and replans reminders', async () => {
    const h = await newHarness({
      now: '2026-12-01T00:00:00Z',
      settings: { reminderOffsets: [parseDuration('1d')!] },
    });
    await addAgency(h, MITI, []);
    await createUnheard(h);
    expect(await h.scheduler.queues.reminders.getDelayedCount()).toBe(0);
    const routines = h.scheduler.queues.routines;
    await routines.upsertJobScheduler(
      'digest-GONE',
      { pattern: '0 9 * * 1' },
      { name: 'digest', data: { agency: 'GONE' } },
    );
    await loseNextRun(h, 'overdue-MITI');

    const second = h.addReplica();
    const reports = await Promise.all([h.scheduler.reconcile(), second.scheduler.reconcile()]);
    const ran = reports.filter((report) => report !== undefined);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.removed).toEqual(['digest-GONE']);
    expect(ran[0]!.upserted.sort()).toEqual(['coordination-daily', 'overdue-MITI', 'scoreboard', 'watchdog']);
    expect(ran[0]!.failed).toEqual([]);
    expect(ran[0]!.replanned).toBe(1);
    expect(
      (await h.scheduler.queues.reminders.getDelayed()).map((job) => new Date(job.data.at).toISOString()),
    ).toEqual(['2026-12-14T01:00:00.000Z']);
    expect(await pendingRun(h, 'overdue-MITI')).toBeDefined();
    expect(await routines.getJobScheduler('watchdog')).toMatchObject({
      every: DEFAULT_TUNING.watchdogEveryMs,
    });
  });

  it('the watchdog re-creates a schedule that lost its next run and leaves the reminders to the start-up replan', async () => {
    const h = await newHarness({
      now: '2026-12-01T00:00:00Z',
      settings: { reminderOffsets: [parseDuration('1d')!] },
      // The start-up lock lapses at once, so nothing but the watchdog's own rule keeps it from replanning.
      tuning: { reconcileLockMs: 1 },
    });
    await addAgency(h, MITI, []);
    await h.scheduler.startWorkers();
    // A new `every` schedule runs at once: let that first watchdog run finish before breaking anything.
    await waitUntil(
      async () => (await completedRoutines(h.scheduler, 'watchdog')).length >= 1,
      'the first watchdog run',
    );
    await createUnheard(h);
    await loseNextRun(h, 'overdue-MITI');
    const reminders = h.scheduler.queues.reminders;
    const touched = [
      vi.spyOn(reminders, 'add'),
      vi.spyOn(reminders, 'remove'),
      vi.spyOn(reminders, 'getJob'),
    ];

    expect(JSON.parse(await runRoutine(h.scheduler, 'watchdog'))).toEqual({
      upserted: ['overdue-MITI'],
      removed: [],
      failed: [],
    });
    expect(await pendingRun(h, 'overdue-MITI')).toBeDefined();
    for (const spy of touched) expect(spy).not.toHaveBeenCalled();
    expect(await reminders.getDelayedCount()).toBe(0);

    // A replica's start-up replans every open commitment, the unheard one too.
    expect(await h.scheduler.reconcile()).toMatchObject({ replanned: 1 });
    expect((await reminders.getDelayed()).map((job) => new Date(job.data.at).toISOString())).toEqual([
      '2026-12-14T01:00:00.000Z',
    ]);
  });

  it('a schedule with no next run is reported, once a day in the coordination channel, and the old one keeps running', async () => {
    const h = await newHarness();
    await h.scheduler.startWorkers();
    await addAgency(h, MITI, [SLACK_MITI]);
    // 31 February or April never comes: cron-parser cannot find a next run.
    const never = { ...MITI, digestCron: '0 0 31 2,4 *', channels: [] };
    await h.agencies.put(never);
    await h.scheduler.planner.agencyChanged(never);
    await h.scheduler.planner.agencyChanged(never);
    await h.agencies.put({ ...never, digestCron: 'every monday' });
    await h.scheduler.planner.agencyChanged({ ...never, digestCron: 'every monday' });

    expect(h.scheduler.problems.reported.map((problem) => [problem.scheduler, problem.pattern])).toEqual([
      ['digest-MITI', '0 0 31 2,4 *'],
      ['digest-MITI', '0 0 31 2,4 *'],
      ['digest-MITI', 'every monday'],
    ]);
    expect(await h.scheduler.queues.routines.getJobScheduler('digest-MITI')).toMatchObject({
      pattern: '0 9 * * 1',
    });
    expect(await pendingRun(h, 'digest-MITI')).toBeDefined();
    await waitUntil(
      () => h.slack.postsTo(COORDINATION.id).length >= 1,
      'the report in the coordination channel',
    );
    await waitForDrain([h.scheduler.queues.deliveries]);
    const reports = h.slack.postsTo(COORDINATION.id);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message.text).toContain('digest-MITI');
    expect(reports[0]!.message.text).toContain('has no next run');
  });

  it('close lets a post in progress finish, so the job completes instead of stalling', async () => {
    const h = await newHarness({ settings: { reminderOffsets: [parseDuration('0s')!] } });
    let started = false;
    h.slack.behave(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 600));
    });
    await h.scheduler.startWorkers();
    await addAgency(h, MITI, [SLACK_MITI]);
    h.clock.set(new Date());
    const due = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toISOString().replace('.000Z', 'Z');
    await h.tracker.run(
      { kind: 'add', title: 'Closing test', owners: ['MITI'], dueText: due },
      {
        actor: { platform: 'slack', userId: 'U1' },
      },
    );
    await waitUntil(() => started, 'the post to start');

    await h.scheduler.close();
    expect(h.slack.posts).toHaveLength(1);
    // close() closed the scheduler's queues too: look through a queue of our own.
    const deliveries = new Queue(QUEUE_NAMES.deliveries, {
      connection: test.newConnection(),
      prefix: h.scheduler.queues.deliveries.opts.prefix,
    });
    const completed = await deliveries.getCompleted();
    await deliveries.close();
    expect(completed.map((job) => job.returnvalue)).toEqual(['delivered to slack:C-MITI']);
  });
});

describe('Redis settings check', () => {
  const log = pino({ level: 'silent' });

  it('warns that the test server keeps nothing across a restart, and not about its noeviction policy', async () => {
    const warnings = await checkRedisSettings(test.redis, log);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('persistence is off');
  });

  it('warns about an eviction policy, and stays quiet where CONFIG is refused', async () => {
    const evicting = {
      config: async (_get: string, name: string) =>
        ({
          'maxmemory-policy': ['maxmemory-policy', 'allkeys-lru'],
          appendonly: ['appendonly', 'yes'],
          save: ['save', ''],
        })[name],
    } as unknown as RedisConnection;
    expect(await checkRedisSettings(evicting, log)).toEqual([expect.stringContaining('"allkeys-lru"')]);
    const managed = {
      config: async () => {
        throw new Error("ERR unknown command 'CONFIG'");
      },
    } as unknown as RedisConnection;
    expect(await checkRedisSettings(managed, log)).toEqual([]);
  });
});
