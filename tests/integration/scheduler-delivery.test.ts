import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { ChannelPacer } from '../../jobs/delivery/channel-pacer.js';
import { parseDuration } from '../../src/dates/duration.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { REMOVED_FROM_CHANNEL, type RecordingGateway } from '../support/recording-gateway.js';
import { REPO_ROOT } from '../support/run-bin.js';
import {
  addMitiAndMeity,
  COORDINATION,
  type Harness,
  type HarnessOptions,
  runRoutine,
  SLACK_MITI,
  secondsAhead,
  TEAMS_MEITY,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

const test = useTestRedis();
const newHarness = useSchedulerHarness(test);

const SLACK_USER: CommandContext = { actor: { platform: 'slack', userId: 'U1' }, channel: SLACK_MITI };
/** One reminder per commitment, at its deadline. */
const AT_DEADLINE = { reminderOffsets: [parseDuration('0s')!] };

async function start(options: HarnessOptions = {}): Promise<Harness> {
  const h = await newHarness({ ...options, settings: { ...AT_DEADLINE, ...options.settings } });
  await addMitiAndMeity(h);
  return h;
}

async function addMany(h: Harness, count: number, owners: string[], dueText: string): Promise<Commitment[]> {
  const added: Commitment[] = [];
  for (let i = 0; i < count; i += 1) {
    h.clock.set(new Date());
    const result = await h.tracker.run(
      { kind: 'add', title: `Deliverable ${i + 1}`, owners, dueText },
      SLACK_USER,
    );
    added.push(result.commitment!);
  }
  return added;
}

/** Deliveries counted so far, as `<platform> <outcome>`: count. */
async function deliveryCounts(h: Harness): Promise<Record<string, number>> {
  const { values } = await h.metrics.deliveries.get();
  return Object.fromEntries(values.map((v) => [`${v.labels.platform} ${v.labels.outcome}`, v.value]));
}

const idsIn = (gateway: RecordingGateway, channelId: string) =>
  gateway
    .postsTo(channelId)
    .map((post) => /C-\d+/.exec(post.message.text)?.[0])
    .sort();

describe('delivery', () => {
  it('two replicas planning and working the same reminders post each one once', async () => {
    const h = await start({ settings: { reminderOffsets: ['2s', '0s'].map((t) => parseDuration(t)!) } });
    const second = h.addReplica();
    await Promise.all([h.scheduler.startWorkers(), second.scheduler.startWorkers()]);
    const due = secondsAhead(4);
    const added = await addMany(h, 3, ['MITI', 'MEITY'], due.text);
    // The other replica hears of the same commitments too (say, both web processes handled a retry).
    for (const commitment of added) await second.scheduler.planner.commitmentChanged(commitment);

    await waitUntil(
      () => h.slack.posts.length >= 6 && h.teams.posts.length >= 6,
      'two reminders per commitment per channel',
    );
    await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);

    const expected = added.flatMap((c) => [c.id, c.id]).sort();
    expect(idsIn(h.slack, SLACK_MITI.id)).toEqual(expected);
    expect(idsIn(h.teams, TEAMS_MEITY.id)).toEqual(expected);
  });

  it('a delivery whose worker process was killed mid-thread is taken over and posts each part exactly once', async () => {
    const h = await start();
    h.clock.set(new Date());
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await h.tracker.run(
      { kind: 'add', title: 'Chip design fund', owners: ['MITI'], dueText: soon, area: 'semiconductors' },
      SLACK_USER,
    );
    const risky = await addMany(h, 1, ['MITI'], '2027-06-30');
    await h.tracker.run({ kind: 'update', id: risky[0]!.id, status: 'at-risk' }, SLACK_USER);

    // Another process works the queues; it dies (SIGKILL) as it starts the digest's first thread reply.
    const postsKey = `${h.prefix}crashed-posts`;
    const crashed = await runCrashingWorker(h, postsKey, async () => {
      await h.scheduler.queues.routines.add('digest', { agency: 'MITI' });
    });
    expect(crashed).toBe('SIGKILL');
    const before = (await test.redis.lrange(postsKey, 0, -1)).map(
      (json) => JSON.parse(json) as { messageId: string; text: string },
    );
    expect(before.map((post) => post.text)).toEqual([expect.stringContaining('MITI weekly delivery digest')]);

    // This process takes the stalled delivery over once the dead worker's lock lapses.
    await h.scheduler.startWorkers();
    await waitUntil(() => h.slack.posts.length >= 3, 'the thread to be finished');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(await test.redis.llen(postsKey)).toBe(1);
    expect(h.slack.posts.map((post) => [post.kind, post.parentId, post.message.text])).toEqual([
      ['reply', before[0]!.messageId, '📊 MITI: due and closed per week, last 12 weeks'],
      ['reply', before[0]!.messageId, '📅 Due in the next 14 days (1)'],
      ['reply', before[0]!.messageId, '🟠 At risk or blocked (1)'],
    ]);
  });

  it('absorbs a storm of 429s: every message goes out once, after its Retry-After, without using up attempts', async () => {
    const h = await start();
    const rateLimited: { text: string; at: number }[] = [];
    h.slack.behave((call) => {
      if (call.number <= 12) {
        rateLimited.push({ text: call.message.text, at: Date.now() });
        throw new DeliveryError('ratelimited', { permanent: false, retryAfterMs: 300, code: '429' });
      }
    });
    await h.scheduler.startWorkers();
    const due = secondsAhead(2);
    const slackOnes = await addMany(h, 5, ['MITI'], due.text);
    const [teamsOne] = await addMany(h, 1, ['MEITY'], due.text);

    await waitUntil(() => h.slack.posts.length >= 5, 'all five Slack reminders', 20_000);
    await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries], 20_000);

    expect(rateLimited).toHaveLength(12);
    expect(idsIn(h.slack, SLACK_MITI.id)).toEqual(slackOnes.map((c) => c.id).sort());
    // Each message went out no sooner than the Retry-After of the last 429 it got.
    for (const post of h.slack.posts) {
      const refusals = rateLimited
        .filter((refusal) => refusal.text === post.message.text)
        .map((refusal) => refusal.at);
      if (refusals.length > 0) expect(post.at).toBeGreaterThanOrEqual(Math.max(...refusals) + 300 - 5);
    }
    // The other channel was not held up by Slack's rate limit.
    expect(idsIn(h.teams, TEAMS_MEITY.id)).toEqual([teamsOne!.id]);
    expect(h.teams.posts[0]!.at).toBeLessThan(due.at + 1_500);
    const deliveries = h.scheduler.queues.deliveries;
    expect(await deliveries.getFailedCount()).toBe(0);
    const completed = await deliveries.getCompleted();
    expect(completed.filter((job) => (job.data.rateLimitDeferrals ?? 0) > 0).length).toBeGreaterThan(0);
    // BullMQ counts the attempt that succeeded: one each, the 429s used none.
    expect(completed.map((job) => job.attemptsMade)).toEqual(completed.map(() => 1));
  });

  it('paces each channel on its own: a post over its channel’s budget waits, other channels do not', async () => {
    const h = await start({ tuning: { channelPaceMs: { slack: 400, teams: 0, console: 0 } } });
    await h.scheduler.startWorkers();
    const due = secondsAhead(2);
    await addMany(h, 4, ['MITI'], due.text);
    await addMany(h, 1, ['MEITY'], due.text);

    await waitUntil(() => h.slack.posts.length >= 4 && h.teams.posts.length >= 1, 'every reminder');
    await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);

    const times = h.slack.posts.map((post) => post.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(395);
    expect(h.slack.posts).toHaveLength(4);
    expect(h.teams.posts[0]!.at).toBeLessThan(times[1]!);
  });

  it('makes each waiting post reserve its own slot and wait once: Redis work per post does not grow with the backlog', async () => {
    const reserves = vi.spyOn(ChannelPacer.prototype, 'reserve');
    const perPost = async (backlog: number) => {
      const h = await start({ tuning: { channelPaceMs: { slack: 100, teams: 0, console: 0 } } });
      await h.scheduler.startWorkers();
      const due = secondsAhead(2);
      await addMany(h, backlog, ['MITI'], due.text);
      reserves.mockClear();
      await waitUntil(() => h.slack.posts.length >= backlog, 'every reminder', 20_000);
      await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);
      const times = h.slack.posts.map((post) => post.at).sort((a, b) => a - b);
      // Each post goes at its slot, 100 ms after the one before, never earlier. A timer that fires late on
      // a busy machine (the first post's, or any one's) shortens the gap after it, never the span.
      const span = times.at(-1)! - times[0]!;
      expect(span).toBeGreaterThanOrEqual((times.length - 1) * 100 - 50);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(40);
      return reserves.mock.calls.length / backlog;
    };
    const few = await perPost(5);
    const many = await perPost(25);
    // A slot reserved, then one more call when it comes: whatever the number waiting before it.
    expect(few).toBeLessThanOrEqual(2);
    expect(many).toBeLessThanOrEqual(2);
    reserves.mockRestore();
  });

  it('retries a failed post with back-off and posts it once', async () => {
    const h = await start();
    const failedAt: number[] = [];
    h.slack.behave((call) => {
      if (call.number <= 2) {
        failedAt.push(Date.now());
        throw new DeliveryError('socket hang up', { permanent: false });
      }
    });
    await h.scheduler.startWorkers();
    const due = secondsAhead(1);
    await addMany(h, 1, ['MITI'], due.text);

    await waitUntil(() => h.slack.posts.length >= 1, 'the reminder after two failures');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.slack.posts).toHaveLength(1);
    // Back-off of 100 ms then 200 ms (±20% jitter).
    expect(failedAt[1]! - failedAt[0]!).toBeGreaterThanOrEqual(75);
    expect(h.slack.posts[0]!.at - failedAt[1]!).toBeGreaterThanOrEqual(155);
    const [job] = await h.scheduler.queues.deliveries.getCompleted();
    expect(job!.attemptsMade).toBe(3); // two failed, one that succeeded
    expect(await deliveryCounts(h)).toEqual({ 'slack retried': 2, 'slack sent': 1 });
    const lateness = (await h.metrics.reminderLateness.get()).values;
    expect(
      lateness.find((v) => v.metricName?.endsWith('_count') && v.labels.platform === 'slack')?.value,
    ).toBe(1);
  });

  it('keeps a delivery that failed for good in the failed set and reports it to the coordination channel once', async () => {
    const h = await start();
    h.teams.behave(REMOVED_FROM_CHANNEL);
    await h.scheduler.startWorkers();
    const due = secondsAhead(1);
    const [commitment] = await addMany(h, 1, ['MEITY'], due.text);

    const deliveries = h.scheduler.queues.deliveries;
    await waitUntil(async () => (await deliveries.getFailedCount()) === 1, 'the delivery to fail');
    const [failed] = await deliveries.getFailed();
    expect(failed!.failedReason).toContain('the bot was removed');
    expect(failed!.attemptsMade).toBe(1);
    expect(h.teams.posts).toHaveLength(0);
    expect(await deliveryCounts(h)).toEqual({ 'teams failed': 1 });

    // The coordination unit's daily run, three times on one day, then the next day.
    h.clock.set(new Date(Date.now() + 60_000));
    for (let i = 0; i < 3; i += 1) await runRoutine(h.scheduler, 'coordination');
    h.clock.set(new Date(h.clock.now().getTime() + 86_400_000));
    await runRoutine(h.scheduler, 'coordination');
    await waitForDrain([deliveries]);

    const reports = h.slack.postsTo(COORDINATION.id);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message.text).toContain('1 message could not be delivered');
    expect(JSON.stringify(reports[0]!.message.blocks)).toContain(`reminder:${commitment!.id}:`);
    expect(JSON.stringify(reports[0]!.message.blocks)).toContain('teams:19:meity@thread.tacv2');
  });
});

describe('announcements', () => {
  it('go through the delivery queue: asked for twice under one key, posted once and recorded', async () => {
    const h = await start();
    await h.scheduler.startWorkers();
    const announcement = {
      key: 'announcement:C-1:v1:slack:C-MITI',
      channel: SLACK_MITI,
      message: { text: 'New commitment C-1', blocks: [] },
    };
    await h.scheduler.announcer.announce(announcement);
    await h.scheduler.announcer.announce(announcement);
    await waitUntil(() => h.slack.posts.length >= 1, 'the announcement');
    await waitForDrain([h.scheduler.queues.deliveries]);
    await h.scheduler.announcer.announce(announcement);
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.slack.postsTo(SLACK_MITI.id).map((post) => post.message.text)).toEqual(['New commitment C-1']);
    const [job] = await h.scheduler.queues.deliveries.getCompleted();
    expect(job!.data.kind).toBe('announcement');
  });
});

describe('a reminder held back by a 429 while the commitment is edited', () => {
  /** The first Slack post is refused with a Retry-After of 2 s; the test edits the commitment meanwhile. */
  async function heldBack(): Promise<{ h: Harness; due: { at: number; text: string }; id: string }> {
    const h = await start();
    let refused = false;
    h.slack.behave((call) => {
      if (call.number > 1) return;
      refused = true;
      throw new DeliveryError('ratelimited', { permanent: false, retryAfterMs: 2_000, code: '429' });
    });
    await h.scheduler.startWorkers();
    const due = secondsAhead(1);
    const [commitment] = await addMany(h, 1, ['MITI'], due.text);
    await waitUntil(() => refused, 'the reminder to be refused with a Retry-After');
    return { h, due, id: commitment!.id };
  }

  const outcomes = async (h: Harness) =>
    Object.fromEntries(
      (await h.scheduler.queues.deliveries.getCompleted()).map((job) => [job.data.key, job.returnvalue]),
    );
  const keyOf = (id: string, due: { text: string }) =>
    `reminder:${id}:${due.text.replaceAll(':', '')}:0s:slack:${SLACK_MITI.id}`;

  it('is still posted, once, after a progress note is added', async () => {
    const { h, due, id } = await heldBack();
    h.clock.set(new Date());
    await h.tracker.run({ kind: 'update', id, note: 'meeting set' }, SLACK_USER);
    const notedAt = Date.now();
    expect(h.slack.posts).toHaveLength(0);

    await waitUntil(() => h.slack.posts.length >= 1, 'the reminder after its Retry-After');
    await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);
    expect(h.slack.posts).toHaveLength(1);
    expect(h.slack.posts[0]!.message.text).toContain(id);
    expect(h.slack.posts[0]!.at).toBeGreaterThan(notedAt);
    expect(await outcomes(h)).toEqual({ [keyOf(id, due)]: 'delivered to slack:C-MITI' });
  });

  it('is not posted for the old deadline when the deadline moves meanwhile; the new one is reminded', async () => {
    const { h, due, id } = await heldBack();
    const moved = secondsAhead(4);
    h.clock.set(new Date());
    await h.tracker.run({ kind: 'update', id, dueText: moved.text, reason: 'legal review' }, SLACK_USER);

    await waitUntil(() => h.slack.posts.length >= 1, 'the reminder of the new deadline', 20_000);
    await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);
    expect(h.slack.posts).toHaveLength(1);
    expect(h.slack.posts[0]!.at).toBeGreaterThanOrEqual(moved.at - 50);
    expect(await outcomes(h)).toEqual({
      [keyOf(id, due)]: 'not posted: its deadline moved',
      [keyOf(id, moved)]: 'delivered to slack:C-MITI',
    });
  });
});

/** Starts tests/support/crashing-worker.ts, runs `trigger` once it is ready, and resolves with the signal it died of. */
function runCrashingWorker(
  h: Harness,
  postsKey: string,
  trigger: () => Promise<void>,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      `${REPO_ROOT}node_modules/.bin/tsx`,
      [`${REPO_ROOT}tests/support/crashing-worker.ts`],
      {
        env: {
          PATH: process.env.PATH ?? '',
          TZ: process.env.TZ ?? '',
          ...(test.clusterNodes ? { REDIS_CLUSTER_NODES: test.clusterNodes } : { REDIS_URL: test.url! }),
          KEY_PREFIX: h.prefix,
          POSTS_KEY: postsKey,
          SCHEDULER_SETTINGS: JSON.stringify(h.settings),
          SCHEDULER_TUNING: JSON.stringify(h.tuning),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) trigger().catch(reject);
    });
    child.on('error', reject);
    // 137 = 128 + SIGKILL, as some process supervisors report a killed child.
    child.on('exit', (code, signal) =>
      signal || code === 137
        ? resolve(signal ?? 'SIGKILL')
        : reject(new Error(`worker exited ${code}: ${stderr}`)),
    );
  });
}
