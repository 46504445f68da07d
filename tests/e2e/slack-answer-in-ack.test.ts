import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/metrics/metrics.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * A slash command answered in Slack's acknowledgement when its answer is ready in time, and through
 * its response_url when it is not: either way once, and always acknowledged within the time allowed.
 */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
const CHANNEL = 'CMITI';
/** Short, so that a slow Slack lookup is sure to outlast it. */
const ANSWER_IN_ACK_MS = 300;

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { answerInAckMs: ANSWER_IN_ACK_MS });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
  slack.stub.addUser({ id: 'U1', name: 'alice' });
});
afterAll(() => slack?.close());

async function counted(metrics: Metrics, command: string): Promise<number> {
  const { values } = await metrics.commands.get();
  return values
    .filter((value) => value.labels.platform === 'slack' && value.labels.command === command)
    .reduce((sum, value) => sum + value.value, 0);
}

describe('a slash command’s answer', () => {
  it('comes in the acknowledgement when it is ready in time, and nothing is posted to the response_url', async () => {
    const before = await counted(slack.metrics, 'add');
    const sent = await slack.command('add Draft the customs annex owner:MITI', { channelId: CHANNEL });
    expect(sent.status).toBe(200);
    expect(sent.inAck).toMatchObject({ response_type: 'ephemeral' });
    expect(slackTextOf(sent.inAck!)).toMatch(/Added C-\d+: Draft the customs annex/);
    // Counted once the listener has said everything it will say.
    await waitUntil(async () => (await counted(slack.metrics, 'add')) === before + 1, 'the add counted');
    expect(slack.stub.responsesTo(sent.responseId)).toEqual([]);
    // The channel is still told, by the delivery queue.
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) => p.channel === CHANNEL);
    expect(slackTextOf(post.params)).toContain('Draft the customs annex');
  });

  it('explains a mistake in the acknowledgement too', async () => {
    const sent = await slack.command('show C-999', { channelId: CHANNEL });
    expect(slackTextOf(sent.inAck!)).toContain('C-999');
  });

  it('is posted to the response_url when it takes longer, after an empty acknowledgement in time', async () => {
    // Someone new, whom Slack takes a second to describe: the answer cannot be ready in 300 ms.
    slack.stub.addUser({ id: 'U9', name: 'ravi' });
    slack.stub.slow('users.info', 1_000);
    const started = Date.now();
    const sent = await slack.command('list', { userId: 'U9', channelId: CHANNEL });
    const acknowledgedAfter = Date.now() - started;
    expect(sent.status).toBe(200);
    expect(sent.inAck).toBeUndefined();
    expect(acknowledgedAfter).toBeGreaterThanOrEqual(ANSWER_IN_ACK_MS - 20);
    expect(acknowledgedAfter).toBeLessThan(1_000);
    const answer = await slack.stub.waitForResponse(sent.responseId);
    expect(slackTextOf(answer.params)).toContain('Open commitments of MITI');
    expect(slack.stub.responsesTo(sent.responseId)).toHaveLength(1);
  });
});
