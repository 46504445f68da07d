import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { createTeamsAdapter } from '../../adapters/teams/teams-adapter.js';
import { buildHttpApp } from '../../bin/http-app.js';
import { createScheduler, type Scheduler } from '../../jobs/create-scheduler.js';
import { parseDuration } from '../../src/dates/duration.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import type { Platform } from '../../src/model/platform.js';
import type { ChatGateway } from '../../src/ports/chat-gateway.js';
import { FixedClock } from '../../src/ports/clock.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { runRoutine, TEST_TUNING } from '../support/scheduler-harness.js';
import { type RecordedCall, SlackApiStub } from '../support/slack-api-stub.js';
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  TEST_SIGNING_SECRET,
  viewSubmissionPayload,
} from '../support/slack-requests.js';
import { slackTextOf } from '../support/slack-test-app.js';
import { type ConnectorCall, TeamsConnectorStub } from '../support/teams-connector-stub.js';
import {
  ALICE,
  cardsOf,
  cardText,
  executeInvoke,
  CHANNEL_ID as TEAMS_CHANNEL,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { CHANNEL_DEFAULTS, CONSOLE } from '../support/test-tracker.js';
import { waitForDrain } from '../support/wait-until.js';

/**
 * A weekly check-in posted by the real scheduler through the real Slack and Teams gateways, and answered
 * the way people answer it: buttons through the real Bolt receiver (a modal for Blocked) and Universal
 * Actions through the real CloudAdapter (a form in the card for Blocked), against loopback stand-ins for
 * the Slack Web API and the Bot Framework connector.
 */

const { newConnection, prefix } = useTestRedis();
const redis = newConnection();
const SLACK_CHANNEL = 'CMITI';
/** Wednesday 4 March 2026, 09:00 in Kuala Lumpur, 06:30 in New Delhi. */
const CHECKIN_DAY = '2026-03-04T01:00:00Z';

let slackApi: SlackApiStub;
let connector: TeamsConnectorStub;
let slack: SlackAdapter;
let scheduler: Scheduler;
let tracker: Tracker;
let commitments: RedisCommitmentStore;
let server: Server;
let baseUrl: string;
const clock = new FixedClock('2026-02-20T03:00:00Z');
const ids: Record<string, string> = {};

beforeAll(async () => {
  slackApi = await SlackApiStub.start();
  slackApi.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  connector = await TeamsConnectorStub.start();
  const log = pino({ level: 'silent' });
  const agencies = new RedisAgencyStore({ redis, prefix, defaultTimeZone: 'UTC' });
  commitments = new RedisCommitmentStore({ redis, prefix, timeZoneOf: agencies.timeZoneOf });
  const stores = {
    commitments,
    agencies,
    holidays: new RedisHolidayStore(redis, prefix),
    channelSettings: new RedisChannelSettingsStore(redis, prefix),
    checkins: new RedisCheckinStore(redis, prefix),
  };
  const gateways: Partial<Record<Platform, ChatGateway>> = {};
  scheduler = createScheduler({
    connection: redis,
    prefix,
    ...stores,
    gateways,
    clock,
    settings: {
      reminderOffsets: [parseDuration('1d')!],
      digestCron: '0 9 * * 1',
      checkinCron: '0 9 * * 3',
      escalateAfter: parseDuration('7d')!,
      trackerTimeZone: 'UTC',
    },
    tuning: TEST_TUNING,
    log,
  });
  tracker = new Tracker({
    ...stores,
    clock,
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
    clock,
    log,
  });
  const teams = createTeamsAdapter({
    tracker,
    agencies,
    settings: { anonymous: true },
    log,
    redis,
    keyPrefix: prefix,
    clock,
  });
  gateways.slack = slack.gateway;
  gateways.teams = teams.gateway;
  const app = buildHttpApp({ routes: [slack.route!, teams.route!], isHealthy: async () => true });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await scheduler.startWorkers();

  await tracker.execute('agency add MITI "Trade" tz:Asia/Kuala_Lumpur country:MY', CONSOLE);
  await tracker.execute('agency add MEITY "Electronics and IT" tz:Asia/Kolkata country:IN', CONSOLE);
  await tracker.execute('channel link MITI', {
    actor: CONSOLE.actor,
    channel: { platform: 'slack', id: SLACK_CHANNEL },
  });
  // The Teams channel is linked from Teams, so the bot has the conversation reference to post there.
  const link = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(channelMessageIn(TEAMS_CHANNEL, 'channel link MEITY')),
  });
  expect(link.status).toBe(200);
  const add = async (text: string, ctx = CONSOLE) =>
    (await tracker.execute(`add ${text}`, ctx)).commitment!.id;
  const alice = {
    actor: { platform: 'slack' as const, userId: 'U1' },
    channel: { platform: 'slack' as const, id: SLACK_CHANNEL },
  };
  ids.tariffs = await add('Tariff schedule owner:MITI due:2026-04-30 <@U1>', alice);
  ids.customs = await add('Customs data exchange owner:MITI due:2026-05-15');
  ids.fab = await add('Fab skills owner:MEITY due:2026-06-30');
  ids.lab = await add('Chip testing lab owner:MEITY due:2026-07-31');
  clock.set(CHECKIN_DAY);
  expect(await runRoutine(scheduler, 'checkin', { agency: 'MITI' })).toContain(
    'check-in of 2 for 1 channel(s)',
  );
  expect(await runRoutine(scheduler, 'checkin', { agency: 'MEITY' })).toContain(
    'check-in of 2 for 1 channel(s)',
  );
  await waitForDrain([scheduler.queues.deliveries]);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await scheduler?.close({ force: true });
  await slack?.stop();
  await slackApi?.close();
  await connector?.close();
});

function channelMessageIn(channelId: string, text: string) {
  return {
    type: 'message',
    id: `1700000009${Math.floor(Math.random() * 1000)}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: ALICE,
    recipient: { id: '28:followthrough-bot', name: 'followthrough' },
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: {
      team: { id: '19:team@thread.tacv2' },
      channel: { id: channelId },
      tenant: { id: 'tenant-1' },
    },
    text: `<at>followthrough</at> ${text}`,
    textFormat: 'plain',
    entities: [
      {
        type: 'mention',
        text: '<at>followthrough</at>',
        mentioned: { id: '28:followthrough-bot', name: 'followthrough' },
      },
    ],
  };
}

function slackCheckin(): RecordedCall {
  const [post] = slackApi
    .callsTo('chat.postMessage')
    .filter((call) => String(call.params.text).startsWith('MITI weekly check-in'));
  return post!;
}

function teamsCheckin(): ConnectorCall {
  const [post] = connector.calls.filter(
    (call) => call.kind === 'send' && String(call.body?.summary).startsWith('MEITY weekly check-in'),
  );
  return post!;
}

async function click(actionId: string, value: string, messageTs: string): Promise<string> {
  const responseId = `r-${Math.random().toString(36).slice(2)}`;
  const payload = blockActionPayload({
    actionId,
    value,
    channelId: SLACK_CHANNEL,
    responseUrl: slackApi.responseUrl(responseId),
    messageTs,
  });
  const response = await postToSlackEndpoint(
    `${baseUrl}/slack/events`,
    interactionBody(payload),
    'application/x-www-form-urlencoded',
  );
  expect(response.status).toBe(200);
  return responseId;
}

describe('a check-in answered in Slack', () => {
  it('is posted once in the agency’s channel, mentioning the owner, with the five answers per commitment', () => {
    const post = slackCheckin();
    expect(post.params.channel).toBe(SLACK_CHANNEL);
    expect(slackTextOf(post.params)).toContain('Owners: <@U1>');
    const buttons = (
      post.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    )
      .filter((block) => block.type === 'actions')
      .map((block) => block.elements!.map((element) => element.action_id));
    expect(buttons).toEqual([
      [
        ACTION_IDS.checkinOnTrack,
        ACTION_IDS.checkinAtRisk,
        ACTION_IDS.checkinBlocked,
        ACTION_IDS.checkinDone,
        ACTION_IDS.checkinUpdate,
      ],
      [
        ACTION_IDS.checkinOnTrack,
        ACTION_IDS.checkinAtRisk,
        ACTION_IDS.checkinBlocked,
        ACTION_IDS.checkinDone,
        ACTION_IDS.checkinUpdate,
      ],
    ]);
  });

  it('On track sets the status with a note, answers privately and redraws the message with the answer', async () => {
    const post = slackCheckin();
    const ts = String(slackApi.messages.find((m) => m.text === post.params.text)?.ts);
    const updates = slackApi.callsTo('chat.update').length;
    const responseId = await click(ACTION_IDS.checkinOnTrack, `${ids.tariffs}|MITI|2026-W10`, ts);
    const reply = await slackApi.waitForResponse(responseId);
    expect(slackTextOf(reply.params)).toContain(`Updated ${ids.tariffs}: status changed, note added.`);
    const redrawn = await slackApi.waitFor(
      (call) => call.method === 'chat.update' && slackApi.callsTo('chat.update').length > updates,
    );
    expect(redrawn.params).toMatchObject({ channel: SLACK_CHANNEL, ts });
    expect(slackTextOf(redrawn.params)).toContain('✅ On track · answered by <@U1>');
    expect(await commitments.get(ids.tariffs!)).toMatchObject({
      status: 'in-progress',
      notes: [{ text: 'On track' }],
    });
  });

  it('Blocked opens a modal asking why; submitting it blocks the commitment and redraws the check-in', async () => {
    const ts = '1767225600.000123';
    const value = `${ids.customs}|MITI|2026-W10`;
    const opens = slackApi.callsTo('views.open').length;
    await click(ACTION_IDS.checkinBlocked, value, ts);
    const opened = await slackApi.waitFor(
      (call) => call.method === 'views.open' && slackApi.callsTo('views.open').length > opens,
    );
    expect(opened.params.view.callback_id).toBe('checkin.blocked');
    const metadata = JSON.parse(opened.params.view.private_metadata);
    expect(metadata).toMatchObject({
      id: ids.customs,
      channelId: SLACK_CHANNEL,
      checkin: value,
      messageTs: ts,
    });

    const submit = (note: string) =>
      postToSlackEndpoint(
        `${baseUrl}/slack/events`,
        interactionBody(
          viewSubmissionPayload({
            callbackId: 'checkin.blocked',
            privateMetadata: opened.params.view.private_metadata,
            values: { note: { value: { type: 'plain_text_input', value: note } } },
          }),
        ),
        'application/x-www-form-urlencoded',
      );
    const empty = await submit('   ');
    expect(JSON.parse(await empty.text())).toMatchObject({
      response_action: 'errors',
      errors: { note: expect.stringContaining('blocking') },
    });
    expect((await commitments.get(ids.customs!))?.status).toBe('open');

    const updates = slackApi.callsTo('chat.update').length;
    expect((await submit('Awaiting the customs API keys')).status).toBe(200);
    const redrawn = await slackApi.waitFor(
      (call) => call.method === 'chat.update' && slackApi.callsTo('chat.update').length > updates,
    );
    expect(redrawn.params.ts).toBe(ts);
    expect(slackTextOf(redrawn.params)).toContain('✅ Blocked · answered by <@U1>');
    expect(await commitments.get(ids.customs!)).toMatchObject({
      status: 'blocked',
      notes: [{ text: 'Awaiting the customs API keys' }],
    });
  });
});

describe('a check-in answered in Teams', () => {
  // biome-ignore lint/suspicious/noExplicitAny: invoke responses are plain JSON
  const invoke = async (verb: string, data: Record<string, unknown>): Promise<any> => {
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(executeInvoke(connector.serviceUrl, verb, data)),
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  it('is a card with the answers, Blocked and Done asking in a form of their own', () => {
    const [card] = cardsOf(teamsCheckin().body);
    const text = cardText(card);
    expect(text).toContain('Weekly check-in · MEITY · 2026-W10');
    expect(text).toContain('[On track] [At risk] [Blocked]');
    const json = JSON.stringify(card);
    expect(json).toContain(`"id":"blockedReason.${ids.fab}|MEITY|2026-W10"`);
    expect(json).toContain(`"verb":"${ACTION_IDS.checkinOnTrack}"`);
  });

  it('At risk answers in place: the card comes back with the answer marked', async () => {
    const value = `${ids.fab}|MEITY|2026-W10`;
    const answer = await invoke(ACTION_IDS.checkinAtRisk, { action: ACTION_IDS.checkinAtRisk, value });
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const text = cardText(answer.value);
    expect(text).toContain('Weekly check-in · MEITY · 2026-W10');
    expect(text).toMatch(/✅ At risk · answered by\s+@Alice Tan/);
    expect(await commitments.get(ids.fab!)).toMatchObject({
      status: 'at-risk',
      notes: [{ text: 'At risk' }],
    });
  });

  it('Blocked takes the reason from the card’s form, and without one is refused beside the card', async () => {
    const value = `${ids.lab}|MEITY|2026-W10`;
    const refused = await invoke(ACTION_IDS.checkinBlocked, { action: ACTION_IDS.checkinBlocked, value });
    expect(refused).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(refused.value).toContain('Say what is blocking it');
    expect((await commitments.get(ids.lab!))?.status).toBe('open');
    const answer = await invoke(ACTION_IDS.checkinBlocked, {
      action: ACTION_IDS.checkinBlocked,
      value,
      [`blockedReason.${value}`]: 'Land title not yet transferred',
    });
    expect(cardText(answer.value)).toMatch(/✅ Blocked · answered by\s+@Alice Tan/);
    expect(await commitments.get(ids.lab!)).toMatchObject({
      status: 'blocked',
      notes: [{ text: 'Land title not yet transferred' }],
    });
  });
});
