import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QUEUE_NAMES, schedulerKeys } from '../../jobs/scheduler-keys.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import { type RecordedCall, SlackApiStub } from '../support/slack-api-stub.js';
import { TEST_SIGNING_SECRET } from '../support/slack-requests.js';
import { answerOfSlashCommand, slackTextOf } from '../support/slack-test-app.js';
import { freePort, type RoleProcess, spawnRole } from '../support/spawn-role.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

/**
 * The roles as separate processes, as `npm run web` and `npm run worker` start them: one web process
 * taking Slack commands and two workers, against one Redis, posting to a loopback Slack. The processes
 * use the default key prefix, so this suite has a Redis logical database of its own.
 */

const DATABASE = 5;
const redisUrl = `${inject('redisUrl').replace(/\/$/, '')}/${DATABASE}`;
const BOT_TOKEN = 'xoxb-roles-token';
const CHANNEL = 'CROLES';
/** Deadline this far ahead, reminded 2 s before: room for the commands before the reminder is due. */
const LEAD_MS = 6_000;
const READY_MS = 25_000;
const EXIT_MS = 5_000;

let redis: Redis;
let slackApi: SlackApiStub;
let web: RoleProcess;
let workers: RoleProcess[];
let eventsUrl: string;
let queues: Queue[];

beforeAll(async () => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  await redis.flushdb();
  slackApi = await SlackApiStub.start();
  slackApi.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  const port = await freePort();
  const env = {
    REDIS_URL: redisUrl,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    REMINDER_OFFSETS: '2s',
    LOG_LEVEL: 'info',
  };
  eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const started = await Promise.allSettled([
    spawnRole('web.ts', {
      name: 'web',
      env: { ...env, PORT: String(port) },
      readyLine: /web role listening/,
      healthz: `http://127.0.0.1:${port}/healthz`,
      readyTimeoutMs: READY_MS,
    }),
    ...[1, 2].map((n) =>
      spawnRole('worker.ts', {
        name: `worker-${n}`,
        env,
        readyLine: /worker role running/,
        readyTimeoutMs: READY_MS,
      }),
    ),
  ]);
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((role) => role.kill()));
    throw failed.reason;
  }
  [web, ...workers] = running as [RoleProcess, ...RoleProcess[]];
  const { bullPrefix } = schedulerKeys(DEFAULT_KEY_PREFIX);
  queues = [QUEUE_NAMES.reminders, QUEUE_NAMES.deliveries].map(
    (name) => new Queue(name, { connection: redis, prefix: bullPrefix }),
  );
}, 40_000);

afterAll(async () => {
  await Promise.all([web, ...(workers ?? [])].filter(Boolean).map((role) => role.kill()));
  await Promise.all((queues ?? []).map((queue) => queue.close()));
  await slackApi?.close();
  await redis?.flushdb();
  await redis?.quit();
});

/** `/commit <text>` in CHANNEL, signed; resolves with the text that answers it. */
function slashCommand(text: string, answer: 'private' | 'channel' = 'private'): Promise<string> {
  return answerOfSlashCommand({ stub: slackApi, eventsUrl: eventsUrl, channelId: CHANNEL, text, answer });
}

function reminders(commitmentId: string): RecordedCall[] {
  return slackApi
    .callsTo('chat.postMessage')
    .filter(
      (call) =>
        call.params.channel === CHANNEL && String(call.params.text).startsWith(`Reminder: ${commitmentId} `),
    );
}

describe('web and two workers as separate processes on one Redis', () => {
  it('a reminder planned by the web process is posted exactly once, although two workers ran', async () => {
    // Both workers, and only they (the web role plans but does not work), are taking jobs from each queue.
    for (const queue of queues) {
      const listening = (await queue.getWorkers()).filter((client) => client.db === String(DATABASE));
      expect(listening, queue.name).toHaveLength(workers.length);
    }
    await slashCommand('agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur');
    expect(await slashCommand('channel link MITI', 'channel')).toContain('now receives MITI');
    const due = new Date(Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const added = await slashCommand(`add Ratify the trade facilitation protocol owner:MITI due:${due}`);
    const id = /Added (C-\d+)/.exec(added)?.[1];
    expect(id, added).toBeDefined();

    await waitUntil(() => reminders(id!).length > 0, `the reminder of ${id}`, 15_000);
    await waitForDrain(queues, 10_000);

    const posted = reminders(id!);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.token).toBe(BOT_TOKEN);
    expect(slackTextOf(posted[0]!.params)).toContain('Ratify the trade facilitation protocol');
    for (const role of [web, ...workers]) expect(role.child.exitCode, role.name).toBeNull();
  }, 30_000);

  it('every process stops on SIGTERM with exit code 0 within a few seconds', async () => {
    const exits = await Promise.all([web, ...workers].map((role) => role.stop('SIGTERM', EXIT_MS)));
    for (const [i, role] of [web, ...workers].entries()) {
      expect(exits[i], `${role.name}:\n${role.output().slice(-2000)}`).toMatchObject({
        code: 0,
        signal: null,
      });
      expect(role.output()).toMatch(/shutting down/);
    }
  }, 15_000);
});
