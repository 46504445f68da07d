import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackGateway, type SlackGatewaySettings } from '../../adapters/slack/slack-gateway.js';
import { createScheduler, type Scheduler } from '../../jobs/create-scheduler.js';
import type { DeliveryJobData } from '../../jobs/job-types.js';
import { deliveryJobId } from '../../jobs/scheduler-keys.js';
import { parseDuration } from '../../src/dates/duration.js';
import { notice } from '../../src/messages/commitment-messages.js';
import { systemClock } from '../../src/ports/clock.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { allCommitments } from '../support/read-store.js';
import { TEST_TUNING } from '../support/scheduler-harness.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * A post Slack took but answered slowly or with a 5xx: through the delivery queue and the real
 * SlackGateway, against the loopback Slack, which keeps the channel's history.
 */

const test = useTestRedis();
const CHANNEL = 'CMITI';
let stub: SlackApiStub;
let logs: { level: number; msg: string }[];
let running: Scheduler[] = [];
let count = 0;

beforeAll(async () => {
  stub = await SlackApiStub.start();
});
afterAll(() => stub?.close());
afterEach(async () => {
  await Promise.all(running.map((scheduler) => scheduler.close({ force: true })));
  running = [];
});

async function workersPostingThrough(settings: Partial<SlackGatewaySettings>): Promise<Scheduler> {
  logs = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const gateway = SlackGateway.create({ botToken: 'xoxb-worker', apiUrl: stub.apiUrl, ...settings }, log);
  const connection = test.newConnection();
  const prefix = `${test.prefix}unclear${++count}:`;
  const agencies = new RedisAgencyStore({ redis: connection, prefix, defaultTimeZone: 'UTC' });
  const scheduler = createScheduler({
    connection,
    prefix,
    commitments: new RedisCommitmentStore({ redis: connection, prefix, timeZoneOf: agencies.timeZoneOf }),
    agencies,
    holidays: new RedisHolidayStore(connection, prefix),
    channelSettings: new RedisChannelSettingsStore(connection, prefix),
    checkins: new RedisCheckinStore(connection, prefix),
    gateways: { slack: gateway },
    clock: systemClock,
    settings: {
      reminderOffsets: [parseDuration('1d')!],
      digestCron: '0 9 * * 1',
      checkinCron: '0 9 * * 3',
      escalateAfter: parseDuration('7d')!,
      trackerTimeZone: 'UTC',
    },
    tuning: TEST_TUNING,
    log: pino({ level: 'silent' }),
  });
  running.push(scheduler);
  await scheduler.startWorkers();
  return scheduler;
}

/** A digest: the parent with the figures, and its detail as two thread replies. */
async function deliverDigest(scheduler: Scheduler, key: string): Promise<void> {
  const delivery: DeliveryJobData = {
    key,
    kind: 'digest',
    channel: { platform: 'slack', id: CHANNEL },
    message: notice(`MITI weekly delivery digest (${key})`),
    replies: [notice(`Overdue (${key})`), notice(`Due in the next 14 days (${key})`)],
  };
  const job = await scheduler.queues.deliveries.add('digest', delivery, { jobId: deliveryJobId(key) });
  await waitUntil(async () => (await job.getState()) === 'completed', `delivery ${key} to complete`, 30_000);
}

const postsOf = (key: string) => stub.messages.filter((message) => message.text.includes(`(${key})`));
const parentsOf = (key: string) => postsOf(key).filter((message) => !message.thread_ts);

describe('by default: waiting as long as Slack takes', () => {
  it('a digest whose parent Slack answers after 16 s is posted once, its replies under it', async () => {
    const scheduler = await workersPostingThrough({});
    stub.slow('chat.postMessage', 16_000);
    await deliverDigest(scheduler, 'slow-answer');
    const [parent, ...replies] = postsOf('slow-answer');
    expect(parentsOf('slow-answer')).toHaveLength(1);
    expect(replies.map((reply) => reply.thread_ts)).toEqual([parent!.ts, parent!.ts]);
  }, 45_000);
});

describe('with SLACK_HISTORY_LOOKUP, a retry first looks for the post in the channel', () => {
  it('a parent Slack took but answered 500 is found by its delivery key, not posted again', async () => {
    const scheduler = await workersPostingThrough({ historyLookup: true });
    stub.fail('chat.postMessage', { status: 500, landed: true });
    await deliverDigest(scheduler, 'answered-500');
    const [parent, ...replies] = postsOf('answered-500');
    expect(parentsOf('answered-500')).toHaveLength(1);
    expect(parent!.metadata).toEqual({
      event_type: 'followthrough_delivery',
      event_payload: { key: 'answered-500#0' },
    });
    expect(replies.map((reply) => reply.thread_ts)).toEqual([parent!.ts, parent!.ts]);
    expect(stub.callsTo('conversations.history').at(-1)!.params).toMatchObject({
      channel: CHANNEL,
      include_all_metadata: 'true',
    });
    expect(logs.some((line) => /had landed; not posting it again/.test(line.msg))).toBe(true);
  });

  it('a post answered after the client gave up is found too', async () => {
    const scheduler = await workersPostingThrough({ historyLookup: true, postTimeoutMs: 300 });
    stub.slow('chat.postMessage', 1_000);
    await deliverDigest(scheduler, 'timed-out');
    expect(parentsOf('timed-out')).toHaveLength(1);
    expect(postsOf('timed-out')).toHaveLength(3);
  });

  it('a thread reply answered 503 after landing is found among the thread’s replies', async () => {
    const scheduler = await workersPostingThrough({ historyLookup: true });
    // The parent goes through; the first reply lands but is answered 503.
    stub.fail('chat.postMessage', { delayMs: 1 });
    stub.fail('chat.postMessage', { status: 503, landed: true });
    await deliverDigest(scheduler, 'reply-503');
    expect(postsOf('reply-503')).toHaveLength(3);
    expect(stub.callsTo('conversations.replies').at(-1)!.params).toMatchObject({
      include_all_metadata: 'true',
    });
  });

  it('without the history scopes, says so in the log and posts again: at least once', async () => {
    const scheduler = await workersPostingThrough({ historyLookup: true });
    stub.fail('chat.postMessage', { status: 500, landed: true });
    stub.fail('conversations.history', { error: 'missing_scope' });
    await deliverDigest(scheduler, 'no-scope');
    expect(parentsOf('no-scope')).toHaveLength(2);
    expect(logs.some((line) => /lacks channels:history \/ groups:history/.test(line.msg))).toBe(true);
  });
});

describe('without SLACK_HISTORY_LOOKUP (the default)', () => {
  it('a 5xx after Slack took the post is posted again: delivery is at least once', async () => {
    const scheduler = await workersPostingThrough({});
    const lookups = stub.callsTo('conversations.history').length;
    stub.fail('chat.postMessage', { status: 502, landed: true });
    await deliverDigest(scheduler, 'no-lookup');
    expect(parentsOf('no-lookup')).toHaveLength(2);
    expect(stub.callsTo('conversations.history')).toHaveLength(lookups);
  });
});

describe("a command's announcement, which goes through the delivery queue too", () => {
  it('carries its delivery key and, with SLACK_HISTORY_LOOKUP, is not posted again after a 500 that landed', async () => {
    const slack = await startSlackTestApp(test.redis, `${test.prefix}announce:`, { historyLookup: true });
    try {
      await addAgencies(slack.tracker);
      await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
      slack.stub.fail('chat.postMessage', { status: 500, landed: true });
      const sent = await slack.command('add Announce the joint statement owner:MITI', {
        channelId: CHANNEL,
      });
      expect(slackTextOf(await slack.answerOf(sent))).toContain('Added');
      const id = (await allCommitments(slack.commitments)).find(
        (c) => c.title === 'Announce the joint statement',
      )!.id;
      const key = `announcement:${id}:v1:slack:${CHANNEL}`;
      const delivery = () => slack.scheduler.queues.deliveries.getJob(deliveryJobId(key));
      await waitUntil(
        async () => (await (await delivery())?.getState()) === 'completed',
        'the announcement delivered',
      );
      // The second attempt looked, found the first, and did not post.
      expect((await delivery())!.attemptsStarted).toBe(2);
      expect(slack.stub.callsTo('chat.postMessage')).toHaveLength(1);
      const posts = slack.stub.messages.filter((message) =>
        message.text.includes('Announce the joint statement'),
      );
      expect(posts).toHaveLength(1);
      expect(posts[0]!.metadata).toEqual({
        event_type: 'followthrough_delivery',
        event_payload: { key: `${key}#0` },
      });
      expect(slack.stub.callsTo('conversations.history').at(-1)!.params).toMatchObject({ channel: CHANNEL });
    } finally {
      await slack.close();
    }
  });
});
