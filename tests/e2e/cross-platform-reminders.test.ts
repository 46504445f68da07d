import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { createTeamsAdapter } from '../../adapters/teams/teams-adapter.js';
import { buildHttpApp } from '../../bin/http-app.js';
import { createScheduler, type Scheduler } from '../../jobs/create-scheduler.js';
import { TRACK_RECORD_LAYOUT } from '../../src/charts/track-record-chart.js';
import { parseDuration } from '../../src/dates/duration.js';
import type { Platform } from '../../src/model/platform.js';
import type { ChatGateway } from '../../src/ports/chat-gateway.js';
import { systemClock } from '../../src/ports/clock.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { decodePng } from '../support/png-pixels.js';
import { runRoutine, TEST_TUNING } from '../support/scheduler-harness.js';
import { type RecordedCall, SlackApiStub } from '../support/slack-api-stub.js';
import { TEST_SIGNING_SECRET } from '../support/slack-requests.js';
import { answerOfSlashCommand, slackTextOf } from '../support/slack-test-app.js';
import { type ConnectorCall, TeamsConnectorStub } from '../support/teams-connector-stub.js';
import { cardsOf, cardText, channelMessage, CHANNEL_ID as TEAMS_CHANNEL } from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { CHANNEL_DEFAULTS } from '../support/test-tracker.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

/**
 * A commitment co-owned by an agency in Slack (MITI) and one in Teams (MEITY), wired as bin/services.ts
 * wires them but in this process: the real Slack and Teams adapters on the project's HTTP app, their
 * gateways posting to a loopback Slack Web API and a loopback Bot Framework connector, and the real
 * scheduler on the test Redis. Reminders are delayed BullMQ jobs in real time, so everything runs on the
 * system clock, with offsets of seconds before a deadline a few seconds ahead.
 */

const { newConnection, prefix } = useTestRedis();
const redis = newConnection();
const SLACK_CHANNEL = 'CMITI';
const OFFSETS = ['2s', '1s'];
/** Deadline this far ahead: room for the commands to run before the first reminder is due. */
const LEAD_MS = 6_000;
const REMINDER_WAIT_MS = 20_000;

let slackApi: SlackApiStub;
let connector: TeamsConnectorStub;
let slack: SlackAdapter;
let scheduler: Scheduler;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  slackApi = await SlackApiStub.start();
  slackApi.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  connector = await TeamsConnectorStub.start();
  const log = pino({ level: 'silent' });
  const agencies = new RedisAgencyStore({ redis, prefix, defaultTimeZone: 'UTC' });
  const commitments = new RedisCommitmentStore({ redis, prefix, timeZoneOf: agencies.timeZoneOf });
  const holidays = new RedisHolidayStore(redis, prefix);
  const channelSettings = new RedisChannelSettingsStore(redis, prefix);
  const checkins = new RedisCheckinStore(redis, prefix);
  const gateways: Partial<Record<Platform, ChatGateway>> = {};
  scheduler = createScheduler({
    connection: redis,
    prefix,
    commitments,
    agencies,
    holidays,
    channelSettings,
    checkins,
    gateways,
    clock: systemClock,
    settings: {
      reminderOffsets: OFFSETS.map((text) => parseDuration(text)!),
      digestCron: '0 9 * * 1',
      checkinCron: '0 9 * * 3',
      escalateAfter: parseDuration('7d')!,
      trackerTimeZone: 'UTC',
    },
    tuning: TEST_TUNING,
    log,
  });
  const tracker = new Tracker({
    commitments,
    agencies,
    holidays,
    channelSettings,
    checkins,
    clock: systemClock,
    planner: scheduler.planner,
    settings: { trackerTimeZone: 'UTC', trackerAdmins: [], channelDefaults: CHANNEL_DEFAULTS },
  });
  slack = createSlackAdapter({
    tracker,
    agencies,
    redis,
    keyPrefix: prefix,
    announcer: scheduler.announcer,
    settings: { botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, apiUrl: slackApi.apiUrl },
    log,
  });
  const teams = createTeamsAdapter({
    tracker,
    agencies,
    settings: { anonymous: true },
    log,
    redis,
    keyPrefix: prefix,
    clock: systemClock,
  });
  gateways.slack = slack.gateway;
  gateways.teams = teams.gateway;
  const app = buildHttpApp({ routes: [slack.route!, teams.route!], isHealthy: async () => true });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await scheduler.startWorkers();

  // MITI lives in Slack, MEITY in Teams: each agency is added and linked from its own platform.
  await slashCommand(
    'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
  );
  await slashCommand('channel link MITI', 'channel');
  await teamsCommand('agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata country:IN');
  await teamsCommand('channel link MEITY');
  expect((await agencies.get('MITI'))?.channels).toEqual([{ platform: 'slack', id: SLACK_CHANNEL }]);
  expect((await agencies.get('MEITY'))?.channels).toEqual([{ platform: 'teams', id: TEAMS_CHANNEL }]);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await scheduler?.close({ force: true });
  await slack?.stop();
  await slackApi?.close();
  await connector?.close();
});

/** `/commit <text>` in SLACK_CHANNEL, signed; resolves with the text that answers it. */
function slashCommand(text: string, answer: 'private' | 'channel' = 'private'): Promise<string> {
  return answerOfSlashCommand({
    stub: slackApi,
    eventsUrl: `${baseUrl}/slack/events`,
    channelId: SLACK_CHANNEL,
    text,
    answer,
  });
}

/** `@followthrough <text>` in MEITY's Teams channel, through /api/messages; returns the answer's text. */
async function teamsCommand(text: string): Promise<string> {
  const before = connector.calls.length;
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(channelMessage(connector.serviceUrl, text)),
  });
  expect(response.status).toBe(200);
  return connector.calls
    .slice(before)
    .flatMap((call) => cardsOf(call.body))
    .map(cardText)
    .join('\n');
}

/** An ISO date-time with seconds, `ms` from now, as a person would type it. */
function dueIn(ms: number): string {
  const at = Math.ceil((Date.now() + ms) / 1000) * 1000;
  return new Date(at).toISOString().replace('.000Z', 'Z');
}

function slackReminders(commitmentId: string): RecordedCall[] {
  return slackApi
    .callsTo('chat.postMessage')
    .filter(
      (call) =>
        call.params.channel === SLACK_CHANNEL &&
        String(call.params.text).startsWith(`Reminder: ${commitmentId} `),
    );
}

/** New threads in MEITY's channel (not replies in a command's thread) that remind of the commitment. */
function teamsReminders(commitmentId: string): ConnectorCall[] {
  return connector.calls.filter(
    (call) =>
      call.kind === 'send' &&
      call.conversationId === TEAMS_CHANNEL &&
      String(call.body?.summary).startsWith(`Reminder: ${commitmentId} `),
  );
}

function slackActionIds(call: RecordedCall): string[] {
  return (call.params.blocks as { type: string; elements?: { action_id: string }[] }[])
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements!.map((element) => element.action_id));
}

// biome-ignore lint/suspicious/noExplicitAny: cards are walked as plain JSON
function cardVerbs(node: any): string[] {
  if (Array.isArray(node)) return node.flatMap(cardVerbs);
  if (!node || typeof node !== 'object') return [];
  const own = node.type === 'Action.Execute' ? [String(node.verb)] : [];
  return [...own, ...Object.values(node).flatMap(cardVerbs)];
}

const BUTTONS = [
  'commitment.done',
  'commitment.snooze-1d',
  'commitment.snooze-1w',
  'commitment.update',
  'commitment.change-deadline',
];

describe('a commitment co-owned by a Slack agency and a Teams agency', () => {
  let open: string;
  let closed: string;
  /** The deadline as the delivery keys write it: `2026-11-25T232000Z`. */
  let dueToken: string;
  const openTitle = 'Launch the semiconductor supply-chain dialogue';
  const closedTitle = 'Publish the digital trade roadmap';

  beforeAll(async () => {
    const due = dueIn(LEAD_MS);
    dueToken = due.replaceAll(':', '');
    const added = await slashCommand(`add ${openTitle} owner:MITI,MEITY due:${due} area:semiconductors`);
    open = /Added (C-\d+)/.exec(added)?.[1] ?? '';
    expect(open, added).not.toBe('');
    const second = await slashCommand(`add ${closedTitle} owner:MITI,MEITY due:${due} area:digital`);
    closed = /Added (C-\d+)/.exec(second)?.[1] ?? '';
    expect(closed, second).not.toBe('');
    // Closed from the co-owner's platform, long before its first reminder is due.
    expect(await teamsCommand(`done ${closed} roadmap published`)).toContain(closed);
    const pending = await scheduler.queues.reminders.getJobs(['delayed', 'waiting']);
    expect(pending.map((job) => job.data.commitmentId).sort()).toEqual([open, open, open, open].sort());
  });

  it('reminds each agency on its own platform, once per offset, with the commitment and its buttons', async () => {
    await waitUntil(
      () => slackReminders(open).length >= OFFSETS.length && teamsReminders(open).length >= OFFSETS.length,
      `${OFFSETS.length} reminders of ${open} in Slack and in Teams`,
      REMINDER_WAIT_MS,
    );
    await waitForDrain([scheduler.queues.reminders, scheduler.queues.deliveries]);

    const slackPosts = slackReminders(open);
    const teamsPosts = teamsReminders(open);
    expect(slackPosts).toHaveLength(OFFSETS.length);
    expect(teamsPosts).toHaveLength(OFFSETS.length);

    // One delivery per (offset, channel): each platform got each offset's reminder, not one offset twice.
    const delivered = (await scheduler.queues.deliveries.getCompleted())
      .map((job) => job.data.key)
      .filter((key) => key.startsWith(`reminder:${open}:`))
      .sort();
    expect(delivered).toEqual(
      OFFSETS.flatMap((offset) => [
        `reminder:${open}:${dueToken}:${offset}:slack:${SLACK_CHANNEL}`,
        `reminder:${open}:${dueToken}:${offset}:teams:${TEAMS_CHANNEL}`,
      ]).sort(),
    );

    for (const post of slackPosts) {
      const text = slackTextOf(post.params);
      expect(text).toContain(open);
      expect(text).toContain(openTitle);
      // Told in the lead agency's zone (MITI, Kuala Lumpur) on both platforms, and on each reader's clock.
      expect(text).toContain('Kuala Lumpur time');
      expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> your time/);
      expect(slackActionIds(post)).toEqual(BUTTONS);
      expect(post.token).toBe('xoxb-test-token');
    }
    for (const post of teamsPosts) {
      const [card, ...others] = cardsOf(post.body);
      expect(others).toHaveLength(0);
      expect(card).toMatchObject({ type: 'AdaptiveCard' });
      const text = cardText(card);
      expect(text).toContain(open);
      expect(text).toContain(openTitle);
      expect(text).toContain('Kuala Lumpur time');
      expect(JSON.stringify(card)).toMatch(
        /\{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\} \{\{TIME\(/,
      );
      expect(cardVerbs(card)).toEqual(BUTTONS);
      expect(post.authorization).toBeUndefined();
    }
  });

  it('sends no reminder on either platform for a commitment closed before its reminders were due', async () => {
    // The open commitment shares the deadline: once its reminders are out, the closed one's were due too.
    await waitUntil(
      () => slackReminders(open).length >= OFFSETS.length && teamsReminders(open).length >= OFFSETS.length,
      `the reminders of ${open}, due at the same moments`,
      REMINDER_WAIT_MS,
    );
    await waitForDrain([scheduler.queues.reminders, scheduler.queues.deliveries]);
    expect(slackReminders(closed)).toHaveLength(0);
    expect(teamsReminders(closed)).toHaveLength(0);
    const deliveries = [
      ...(await scheduler.queues.deliveries.getCompleted()),
      ...(await scheduler.queues.deliveries.getFailed()),
    ];
    expect(deliveries.filter((job) => job.data.key.startsWith(`reminder:${closed}:`))).toHaveLength(0);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: cards are walked as plain JSON
function cardImages(node: any): { url: string; altText: string }[] {
  if (Array.isArray(node)) return node.flatMap(cardImages);
  if (!node || typeof node !== 'object') return [];
  const own = node.type === 'Image' ? [{ url: String(node.url), altText: String(node.altText) }] : [];
  return [...own, ...Object.values(node).flatMap(cardImages)];
}

describe('the weekly digest of each agency, through the delivery queue', () => {
  it('carries its chart into the digest thread: a PNG by files.uploadV2 in Slack, an inline image in Teams, once a week', async () => {
    const digestOf = async () => {
      for (const agency of ['MITI', 'MEITY']) await runRoutine(scheduler, 'digest', { agency });
      await waitForDrain([scheduler.queues.deliveries]);
    };
    await digestOf();
    await digestOf();

    const parents = slackApi
      .callsTo('chat.postMessage')
      .filter(
        (call) => call.params.channel === SLACK_CHANNEL && String(call.params.text).startsWith('MITI weekly'),
      );
    expect(parents).toHaveLength(1);
    const uploads = slackApi.callsTo('files.completeUploadExternal');
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload!.params.channel_id).toBe(SLACK_CHANNEL);
    const inThread = slackApi
      .callsTo('chat.postMessage')
      .filter((call) => call.params.thread_ts && call.params.thread_ts === upload!.params.thread_ts);
    // The co-owned commitment falls due about now: listed as overdue or as due soon, in the same thread.
    expect(inThread.map((call) => String(call.params.text))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(🔴 Overdue|📅 Due in the next 14 days) \(1\)$/)]),
    );
    const png = decodePng(slackApi.uploadedFile(upload!.params.files[0].id)!);
    expect([png.width, png.height]).toEqual([TRACK_RECORD_LAYOUT.width, TRACK_RECORD_LAYOUT.height]);
    const [asked] = slackApi.callsTo('files.getUploadURLExternal');
    expect(String(asked!.params.alt_text)).toContain('MITI: commitments due and closed per week');

    const threadPosts = connector.calls.filter(
      (call) => call.kind === 'send' && call.conversationId?.startsWith(`${TEAMS_CHANNEL};messageid=`),
    );
    const images = threadPosts.flatMap((call) => cardImages(cardsOf(call.body)));
    expect(images).toHaveLength(1);
    expect(images[0]!.altText).toContain('MEITY: commitments due and closed per week');
    const inline = /^data:image\/png;base64,(.+)$/.exec(images[0]!.url);
    expect(inline).not.toBeNull();
    expect(decodePng(Buffer.from(inline![1]!, 'base64')).width).toBe(TRACK_RECORD_LAYOUT.width);
  });
});
