import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommitments } from '../support/read-store.js';
import {
  postToSlackEndpoint,
  signature,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../support/slack-requests.js';
import {
  acknowledgedAnswer,
  type SlackTestApp,
  slackTextOf,
  startSlackTestApp,
} from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies } from '../support/test-tracker.js';

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix);
  await addAgencies(slack.tracker);
});
afterAll(() => slack?.close());

const FORM = 'application/x-www-form-urlencoded';

function addCommand(responseId: string): string {
  return slashCommandBody({
    text: 'add Forged commitment owner:MITI',
    responseUrl: slack.stub.responseUrl(responseId),
  });
}

async function nothingWasSaved(): Promise<void> {
  expect(await allCommitments(slack.commitments)).toEqual([]);
}

describe('Slack request signatures on /slack/events', () => {
  it('answers a correctly signed slash command with 200', async () => {
    const response = await postToSlackEndpoint(
      slack.eventsUrl,
      slashCommandBody({ text: 'help', responseUrl: slack.stub.responseUrl('ok') }),
      FORM,
    );
    expect(response.status).toBe(200);
    const inAck = acknowledgedAnswer(await response.text());
    const answer = inAck ?? (await slack.stub.waitForResponse('ok')).params;
    expect(slackTextOf(answer)).toContain('/commit add');
  });

  it('refuses an unsigned request with 401 and runs nothing', async () => {
    const response = await postToSlackEndpoint(slack.eventsUrl, addCommand('unsigned'), FORM, {
      signature: null,
    });
    expect(response.status).toBe(401);
    await nothingWasSaved();
    expect(slack.stub.responsesTo('unsigned')).toEqual([]);
  });

  it('refuses a request signed with another secret with 401', async () => {
    const response = await postToSlackEndpoint(slack.eventsUrl, addCommand('wrong-secret'), FORM, {
      secret: 'not-the-secret',
    });
    expect(response.status).toBe(401);
    await nothingWasSaved();
    // The words the README's "If something is wrong" table tells the administrator to look for.
    expect(slack.logs.map((line) => line.msg)).toContain(
      'Slack request refused: not signed with SLACK_SIGNING_SECRET, or more than five minutes old',
    );
  });

  it('refuses a body changed after signing with 401', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = signature(TEST_SIGNING_SECRET, timestamp, addCommand('tampered'));
    const tampered = addCommand('tampered').replace('Forged', 'Altered');
    const response = await postToSlackEndpoint(slack.eventsUrl, tampered, FORM, {
      timestamp,
      signature: signed,
    });
    expect(response.status).toBe(401);
    await nothingWasSaved();
  });

  it('refuses a correctly signed request replayed more than 5 minutes later with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await postToSlackEndpoint(slack.eventsUrl, addCommand('replayed'), FORM, {
      timestamp: sixMinutesAgo,
    });
    expect(response.status).toBe(401);
    await nothingWasSaved();
  });

  it('refuses signed interactivity and events the same way', async () => {
    const payload = new URLSearchParams({
      payload: JSON.stringify({ type: 'block_actions', actions: [] }),
    }).toString();
    expect((await postToSlackEndpoint(slack.eventsUrl, payload, FORM, { secret: 'nope' })).status).toBe(401);
    const event = JSON.stringify({
      type: 'event_callback',
      event: { type: 'app_home_opened', user: 'U1', tab: 'home' },
    });
    expect(
      (await postToSlackEndpoint(slack.eventsUrl, event, 'application/json', { signature: 'v0=deadbeef' }))
        .status,
    ).toBe(401);
    expect(slack.stub.callsTo('views.publish')).toEqual([]);
  });

  it('answers Slack’s URL verification challenge when it is signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' });
    const response = await postToSlackEndpoint(slack.eventsUrl, body, 'application/json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });
});
