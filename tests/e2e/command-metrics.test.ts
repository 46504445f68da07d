import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/metrics/metrics.js';
import { type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.js';
import { personalMessage, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

/** A command counts as done once its answer reached the person; an answer lost on the way is counted apart. */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
let teams: TeamsHarness;
/** Beyond this a slash command's answer is posted to its response_url, which one test makes fail. */
const ANSWER_IN_ACK_MS = 1_000;

beforeAll(async () => {
  slack = await startSlackTestApp(redis, `${prefix}slack:`, { answerInAckMs: ANSWER_IN_ACK_MS });
  teams = await startTeamsHarness({ redis, prefix: `${prefix}teams:`, now: '2026-11-25T02:00:00Z' });
});
afterAll(async () => {
  await slack?.close();
  await teams?.close();
});

async function counted(metrics: Metrics, labels: Record<string, string>): Promise<number> {
  const { values } = await metrics.commands.get();
  return values
    .filter((value) =>
      Object.entries(labels).every(
        ([key, wanted]) => (value.labels as Record<string, unknown>)[key] === wanted,
      ),
    )
    .reduce((sum, value) => sum + value.value, 0);
}

async function lost(metrics: Metrics, platform: string, command: string): Promise<number> {
  const { values } = await metrics.answersLost.get();
  return (
    values.find((value) => value.labels.platform === platform && value.labels.command === command)?.value ?? 0
  );
}

async function latencies(metrics: Metrics, platform: string): Promise<number> {
  const { values } = await metrics.commandSeconds.get();
  return (
    values.find((value) => value.metricName?.endsWith('_count') && value.labels.platform === platform)
      ?.value ?? 0
  );
}

describe('Slack commands, counted when answered', () => {
  it('counts a command, with its latency, once its answer reached the person', async () => {
    await slack.answerOf(await slack.command('help', { channelId: 'CHELP' }));
    // Counted once the answer went out (in the acknowledgement, or posted to the response_url).
    await expect
      .poll(() => counted(slack.metrics, { platform: 'slack', command: 'help', outcome: 'ok' }))
      .toBe(1);
    expect(await latencies(slack.metrics, 'slack')).toBe(1);
  });

  it('counts an explained mistake as user_error', async () => {
    await slack.answerOf(await slack.command('show C-999', { channelId: 'CHELP' }));
    await expect
      .poll(() => counted(slack.metrics, { platform: 'slack', command: 'show', outcome: 'user_error' }))
      .toBe(1);
  });

  it('does not count as ok a command whose answer never arrived, and counts the lost answer', async () => {
    // Too late for the acknowledgement (Slack is slow to describe someone new), then every way to reach
    // the person fails once: the response_url, an ephemeral message, a direct message.
    slack.stub.slow('users.info', ANSWER_IN_ACK_MS + 500);
    slack.stub.fail('response_url', { status: 404 });
    slack.stub.fail('chat.postEphemeral', { error: 'channel_not_found' });
    slack.stub.fail('chat.postMessage', { error: 'channel_not_found' });
    const sent = await slack.command('list all', { userId: 'ULOST', channelId: 'CLOST' });
    expect(sent.inAck).toBeUndefined();
    await slack.stub.waitFor(
      (call) => call.method === 'chat.postMessage' && call.params.channel === 'ULOST',
      5000,
      'the direct message that fails',
    );
    await expect.poll(() => lost(slack.metrics, 'slack', 'list')).toBe(1);
    expect(await counted(slack.metrics, { platform: 'slack', command: 'list' })).toBe(0);
  });
});

describe('Teams commands, counted when answered', () => {
  it('counts a command once its answer was posted in the conversation', async () => {
    const response = await teams.send(personalMessage(teams.connector.serviceUrl, 'list all'));
    expect(response.status).toBe(200);
    expect(await counted(teams.metrics, { platform: 'teams', command: 'list', outcome: 'ok' })).toBe(1);
  });

  it('counts an answer Teams refused as lost, not as a command done', async () => {
    teams.connector.failNext(403, { code: 'BotNotInConversationRoster' });
    await teams.send(personalMessage(teams.connector.serviceUrl, 'help'));
    expect(await lost(teams.metrics, 'teams', 'help')).toBe(1);
    expect(await counted(teams.metrics, { platform: 'teams', command: 'help' })).toBe(0);
  });
});
