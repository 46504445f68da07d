import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { allCommitments } from '../support/read-store.js';
import {
  blockActionPayload,
  eventBody,
  interactionBody,
  postToSlackEndpoint,
  slashCommandBody,
} from '../support/slack-requests.js';
import {
  acknowledgedAnswer,
  type SlackTestApp,
  slackTextOf,
  startSlackTestApp,
} from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';
import { waitUntil } from '../support/wait-until.js';

/** Signed requests sent again: by someone who captured one (a replay), or by Slack itself (a retry). */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
const CHANNEL = 'CMITI';
const FORM = 'application/x-www-form-urlencoded';
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { now: '2026-11-25T02:00:00Z' });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
  slack.stub.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
});
afterAll(() => slack?.close());

const titles = async () => (await allCommitments(slack.commitments)).map((c) => c.title);

describe('a signed request sent again within Slack’s five minutes', () => {
  it('runs once: the same signed /commit add posted three times adds one commitment', async () => {
    const body = slashCommandBody({
      text: 'add Replayed commitment owner:MITI',
      channelId: CHANNEL,
      responseUrl: slack.stub.responseUrl('replay'),
    });
    const timestamp = now();
    const responses: Response[] = [];
    for (let i = 0; i < 3; i += 1) {
      responses.push(await postToSlackEndpoint(slack.eventsUrl, body, FORM, { timestamp }));
    }
    expect(responses.map((response) => response.status)).toEqual([200, 401, 401]);
    const inAck = acknowledgedAnswer(await responses[0]!.text());
    const answer = inAck ?? (await slack.stub.waitForResponse('replay')).params;
    expect(slackTextOf(answer)).toContain('Added');
    expect((await titles()).filter((title) => title === 'Replayed commitment')).toHaveLength(1);
  });

  it('refuses a request dated more than five minutes ahead, which would stay fresh for longer', async () => {
    const body = slashCommandBody({
      text: 'add From the future owner:MITI',
      channelId: CHANNEL,
      responseUrl: slack.stub.responseUrl('future'),
    });
    const response = await postToSlackEndpoint(slack.eventsUrl, body, FORM, { timestamp: now() + 10 * 60 });
    expect(response.status).toBe(401);
    expect(await titles()).not.toContain('From the future');
  });
});

describe('Slack’s own retries (X-Slack-Retry-Num)', () => {
  it('of an interaction that already ran are answered as done and not run again', async () => {
    const id = (await slack.tracker.execute('add Snoozed once owner:MITI', slackUser('U1', CHANNEL)))
      .commitment!.id;
    const payload = blockActionPayload({
      actionId: ACTION_IDS.snoozeDay,
      value: id,
      channelId: CHANNEL,
      responseUrl: slack.stub.responseUrl('snooze-once'),
    });
    const body = interactionBody(payload);
    expect((await postToSlackEndpoint(slack.eventsUrl, body, FORM)).status).toBe(200);
    await slack.stub.waitForResponse('snooze-once');
    const version = (await slack.commitments.get(id))?.version;
    // A retry is signed anew (a later timestamp), with the same trigger.
    const retry = await postToSlackEndpoint(slack.eventsUrl, body, FORM, {
      timestamp: now() + 1,
      retryNum: 1,
    });
    expect(retry.status).toBe(200);
    expect(await retry.text()).toBe('');
    // Answered by the replay guard, so the click never reached the listener that would snooze again.
    await waitUntil(
      () => slack.logs.some((line) => /already arrived; answered as done/.test(line.msg)),
      'the retry to be answered as done',
      2_000,
    );
    expect(slack.stub.responsesTo('snooze-once')).toHaveLength(1);
    expect((await slack.commitments.get(id))?.version).toBe(version);
  });

  it('of an event that already arrived are not run again; of one that never arrived, are', async () => {
    const publishes = (user: string) =>
      slack.stub.callsTo('views.publish').filter((call) => call.params.user_id === user).length;
    const opened = (user: string) => ({ type: 'app_home_opened', user, tab: 'home', event_ts: '1.1' });
    const JSON_TYPE = 'application/json';
    await postToSlackEndpoint(slack.eventsUrl, eventBody(opened('U1'), 'EvSEEN'), JSON_TYPE);
    await slack.stub.waitFor(() => publishes('U1') === 1);
    const again = await postToSlackEndpoint(slack.eventsUrl, eventBody(opened('U1'), 'EvSEEN'), JSON_TYPE, {
      timestamp: now() + 1,
      retryNum: 1,
    });
    expect(again.status).toBe(200);
    expect(slack.logs).toContainEqual(
      expect.objectContaining({ delivery: 'event:EvSEEN', msg: expect.stringMatching(/answered as done/) }),
    );
    const lost = await postToSlackEndpoint(slack.eventsUrl, eventBody(opened('U7'), 'EvLOST'), JSON_TYPE, {
      retryNum: 2,
    });
    expect(lost.status).toBe(200);
    await slack.stub.waitFor(() => publishes('U7') === 1);
    expect(publishes('U1')).toBe(1);
  });
});
