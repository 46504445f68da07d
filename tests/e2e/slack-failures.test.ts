import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { allCommitments } from '../support/read-store.js';
import { blockActionPayload } from '../support/slack-requests.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

/** Slack refusing calls: the person gets a clear answer, the command is not lost, nothing crashes. */

const { redis, prefix, newConnection } = useTestRedis();
let slack: SlackTestApp;
const CHANNEL = 'CMITI';

/** Beyond this an answer goes to the response_url (where some of these tests make Slack refuse it). */
const ANSWER_IN_ACK_MS = 1_000;

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { answerInAckMs: ANSWER_IN_ACK_MS });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
});
afterAll(() => slack?.close());

async function add(title: string) {
  return slack.command(`add ${title} owner:MITI`, { channelId: CHANNEL });
}

async function saved(title: string) {
  return (await allCommitments(slack.commitments)).find((c) => c.title === title);
}

describe('Slack API failures', () => {
  it('waits out a 429 from chat.postMessage for its Retry-After, then posts the announcement', async () => {
    slack.stub.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const sent = await add('Rate limited announcement');
    const attempts = () =>
      slack.stub
        .callsTo('chat.postMessage')
        .filter((c) => String(c.params.text).includes('Rate limited announcement'));
    await slack.stub.waitFor(() => attempts().length === 2, 5000, 'the retried chat.postMessage');
    const [refused, retried] = attempts();
    expect(retried!.params.channel).toBe(CHANNEL);
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(950);
    expect(slackTextOf(await slack.answerOf(sent))).toContain('Added');
  });

  it('answers the person at once and lets the delivery queue retry an announcement Slack answered 500', async () => {
    slack.stub.fail('chat.postMessage', { status: 500 });
    const title = 'Announcement after a server error';
    const sent = await add(title);
    expect(slackTextOf(await slack.answerOf(sent))).toContain('Added');
    const attempts = () =>
      slack.stub.callsTo('chat.postMessage').filter((c) => String(c.params.text).includes(title));
    await slack.stub.waitFor(() => attempts().length === 2, 5000, 'the retried announcement');
    await waitForDrain([slack.scheduler.queues.deliveries]);
    expect(attempts()).toHaveLength(2);
    expect(await saved(title)).toBeDefined();
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'token_revoked'])(
    'keeps the commitment and records the announcement as a failed delivery when Slack refuses it with %s',
    async (error) => {
      slack.stub.fail('chat.postMessage', { error });
      // Without the code's underscores, which Slack text shows as look-alikes (user text is never markup).
      const title = `Announcement refused ${error.replaceAll('_', ' ')}`;
      const sent = await add(title);
      expect(slackTextOf(await slack.answerOf(sent))).toContain('Added');
      const id = (await saved(title))!.id;
      await waitUntil(
        async () =>
          (await slack.scheduler.queues.deliveries.getFailed()).some((job) =>
            job.data.key.includes(`${id}:`),
          ),
        `the failed announcement of ${id}`,
      );
      const failed = (await slack.scheduler.queues.deliveries.getFailed()).find((job) =>
        job.data.key.includes(`${id}:`),
      )!;
      expect(failed.failedReason).toContain(error);
      expect(failed.data.kind).toBe('announcement');
      expect(
        slack.stub.callsTo('chat.postMessage').filter((c) => String(c.params.text).includes(title)),
      ).toHaveLength(1);
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

  it('answers a late answer with an ephemeral message when the response_url is refused', async () => {
    // A first command of someone Slack is slow to describe: acknowledged empty, answered later.
    slack.stub.slow('users.info', ANSWER_IN_ACK_MS + 500);
    slack.stub.fail('response_url', { status: 404 });
    const { responseId, inAck } = await slack.command('help', { userId: 'USLOW', channelId: CHANNEL });
    expect(inAck).toBeUndefined();
    const ephemeral = await slack.stub.waitForMethod('chat.postEphemeral', (p) => p.channel === CHANNEL);
    expect(ephemeral.params.user).toBe('USLOW');
    expect(slackTextOf(ephemeral.params)).toContain('followthrough');
    expect(slack.stub.responsesTo(responseId)).toHaveLength(1);
  });

  it('goes on without the person’s time zone when users.info fails', async () => {
    slack.stub.fail('users.info', { error: 'user_not_found' });
    const sent = await slack.command('list', { userId: 'UNEW', channelId: CHANNEL });
    expect(slackTextOf(await slack.answerOf(sent))).toContain('Open commitments of MITI');
  });
});

describe('faults of our own', () => {
  it('says the store is unavailable instead of internals when its connection is closed, and keeps serving', async () => {
    const broken = newConnection();
    await broken.quit();
    const down = await startSlackTestApp(broken, prefix, { jobsRedis: redis });
    try {
      const answer = slackTextOf(await down.answerOf(await down.command('list', { channelId: CHANNEL })));
      expect(answer).toContain(
        "The tracker's store is unavailable; nothing was saved, try again in a minute.",
      );
      expect(answer).not.toMatch(/Connection is closed/i);
      const again = await down.command('help', { channelId: CHANNEL });
      expect(again.status).toBe(200);
    } finally {
      await down.close();
    }
  });
});
