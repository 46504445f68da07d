import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { blockActionPayload } from '../support/slack-requests.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';

/** Slack refusing calls: the person gets a clear answer, the command is not lost, nothing crashes. */

const { redis, prefix, newConnection } = useTestRedis();
let slack: SlackTestApp;
const CHANNEL = 'CMITI';

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix);
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
});
afterAll(() => slack?.close());

async function add(title: string) {
  const { responseId } = await slack.command(`add ${title} owner:MITI`, { channelId: CHANNEL });
  return responseId;
}

async function saved(title: string) {
  return (await slack.commitments.query({ kind: 'all' })).find((c) => c.title === title);
}

describe('Slack API failures', () => {
  it('waits out a 429 from chat.postMessage for its Retry-After, then posts the announcement', async () => {
    slack.stub.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const responseId = await add('Rate limited announcement');
    const attempts = () =>
      slack.stub
        .callsTo('chat.postMessage')
        .filter((c) => String(c.params.text).includes('Rate limited announcement'));
    await slack.stub.waitFor(() => attempts().length === 2, 5000, 'the retried chat.postMessage');
    const [refused, retried] = attempts();
    expect(retried!.params.channel).toBe(CHANNEL);
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(950);
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain('Added');
  });

  it('posts the announcement at most once when chat.postMessage answers 500, and says it failed', async () => {
    // A 500 may come after Slack has posted the message: posting again could show it twice.
    slack.stub.fail('chat.postMessage', { status: 500 });
    const title = 'Announcement after a server error';
    const responseId = await add(title);
    const problem = await slack.stub.waitForResponse(responseId, (p) =>
      String(p.text).includes('could not tell the channel'),
    );
    expect(slackTextOf(problem.params)).toContain('Slack is having trouble');
    const attempts = slack.stub
      .callsTo('chat.postMessage')
      .filter((c) => String(c.params.text).includes(title));
    expect(attempts).toHaveLength(1);
    expect(await saved(title)).toBeDefined();
  });

  it.each([
    ['channel_not_found', 'I cannot see that channel'],
    ['not_in_channel', '/invite @followthrough'],
    ['is_archived', 'archived'],
    ['token_revoked', 'reinstall followthrough'],
  ])(
    'keeps the commitment and says what to do when the announcement fails with %s',
    async (error, advice) => {
      slack.stub.fail('chat.postMessage', { error });
      const title = `Announcement refused ${error}`;
      const responseId = await add(title);
      const problem = await slack.stub.waitForResponse(responseId, (p) =>
        String(p.text).includes('could not tell the channel'),
      );
      expect(slackTextOf(problem.params)).toContain(advice);
      expect(await saved(title)).toBeDefined();
      expect(slack.stub.responsesTo(responseId).some((c) => String(c.params.text).includes('Added'))).toBe(
        true,
      );
    },
  );

  it('tells the person to slow down when Slack keeps answering 429', async () => {
    const id = (await slack.tracker.execute('add Busy owner:MITI', slackUser('U1', CHANNEL))).commitment!.id;
    slack.stub.fail('views.open', { status: 429, retryAfter: 0, times: 4 });
    const { id: responseId, url } = slack.newResponseUrl();
    await slack.interact(
      blockActionPayload({ actionId: ACTION_IDS.markDone, value: id, responseUrl: url, channelId: CHANNEL }),
    );
    const answer = await slack.stub.waitForResponse(responseId);
    expect(slackTextOf(answer.params)).toContain('Slack is asking this app to slow down');
    expect(slack.stub.callsTo('views.open').length).toBeGreaterThanOrEqual(4);
  });

  it('answers with an ephemeral message when the response_url is refused', async () => {
    slack.stub.fail('response_url', { status: 404 });
    const { responseId } = await slack.command('help', { channelId: CHANNEL });
    const ephemeral = await slack.stub.waitForMethod('chat.postEphemeral', (p) => p.channel === CHANNEL);
    expect(ephemeral.params.user).toBe('U1');
    expect(slackTextOf(ephemeral.params)).toContain('followthrough');
    expect(slack.stub.responsesTo(responseId)).toHaveLength(1);
  });

  it('goes on without the person’s time zone when users.info fails', async () => {
    slack.stub.fail('users.info', { error: 'user_not_found' });
    const { responseId } = await slack.command('list', { userId: 'UNEW', channelId: CHANNEL });
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain(
      'Open commitments of MITI',
    );
  });
});

describe('faults of our own', () => {
  it('gives a reference instead of internals when the store is down, and keeps serving', async () => {
    const broken = newConnection();
    await broken.quit();
    const down = await startSlackTestApp(broken, prefix);
    try {
      const { responseId } = await down.command('list', { channelId: CHANNEL });
      const answer = slackTextOf((await down.stub.waitForResponse(responseId)).params);
      expect(answer).toMatch(
        /Something went wrong on our side and nothing was changed.*reference: [0-9a-f]{8}/s,
      );
      expect(answer).not.toMatch(/Connection is closed/i);
      const again = await down.command('help', { channelId: CHANNEL });
      expect(again.status).toBe(200);
    } finally {
      await down.close();
    }
  });
});
