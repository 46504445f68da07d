import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, SCHEDULER_IDS, schedulerKeys } from '../../jobs/scheduler-keys.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import { allCommitments } from '../support/read-store.js';
import { RestartableRedis } from '../support/restartable-redis.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { TEST_SIGNING_SECRET } from '../support/slack-requests.js';
import { answerOfSlashCommand } from '../support/slack-test-app.js';
import { freePort, type RoleProcess, spawnRole } from '../support/spawn-role.js';
import { TeamsConnectorStub } from '../support/teams-connector-stub.js';
import { cardsOf, cardText, personalMessage } from '../support/teams-harness.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * A web process (Slack and anonymous Teams) and a worker against a redis-server of the test's own, which
 * the test stops, starts again with its data, starts again empty, and flushes, while the processes run.
 */

const CHANNEL = 'COUTAGE';
const STORE_UNAVAILABLE = "The tracker's store is unavailable; nothing was saved, try again in a minute.";
const READY_MS = 25_000;
const WITHIN_A_MINUTE = 60_000;

let redisServer: RestartableRedis;
let slackApi: SlackApiStub;
let connector: TeamsConnectorStub;
let web: RoleProcess;
let worker: RoleProcess;
let webUrl: string;
let workerUrl: string;
let inspect: Redis;
let routines: Queue;
let reminders: Queue;

beforeAll(async () => {
  redisServer = await RestartableRedis.start();
  slackApi = await SlackApiStub.start();
  slackApi.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  connector = await TeamsConnectorStub.start();
  const env = {
    REDIS_URL: redisServer.url,
    SLACK_BOT_TOKEN: 'xoxb-outage',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    TEAMS_ANONYMOUS: 'true',
    LOG_LEVEL: 'info',
  };
  const port = await freePort();
  const workerPort = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  workerUrl = `http://127.0.0.1:${workerPort}`;
  [web, worker] = await Promise.all([
    spawnRole('web.ts', {
      name: 'web',
      env: { ...env, PORT: String(port) },
      readyLine: /web role listening/,
      healthz: `${webUrl}/healthz`,
      readyTimeoutMs: READY_MS,
    }),
    spawnRole('worker.ts', {
      name: 'worker',
      env: { ...env, WORKER_PORT: String(workerPort) },
      readyLine: /worker role running/,
      readyTimeoutMs: READY_MS,
    }),
  ]);
  inspect = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  // The test's own connection sees the outages it causes; they are not news to it.
  inspect.on('error', () => {});
  const { bullPrefix } = schedulerKeys(DEFAULT_KEY_PREFIX);
  routines = new Queue(QUEUE_NAMES.routines, { connection: inspect, prefix: bullPrefix });
  reminders = new Queue(QUEUE_NAMES.reminders, { connection: inspect, prefix: bullPrefix });
  for (const queue of [routines, reminders]) queue.on('error', () => {});
}, 40_000);

afterAll(async () => {
  await Promise.all([web, worker].filter(Boolean).map((role) => role.kill()));
  await routines?.close();
  await reminders?.close();
  inspect?.disconnect();
  await Promise.all([slackApi?.close(), connector?.close(), redisServer?.close()]);
});

function slash(text: string): Promise<string> {
  return answerOfSlashCommand({
    stub: slackApi,
    eventsUrl: `${webUrl}/slack/events`,
    channelId: CHANNEL,
    text,
  });
}

/** The process's log lines that match, counted over its whole run. */
function linesOf(role: RoleProcess, pattern: RegExp): string[] {
  return role
    .output()
    .split('\n')
    .filter((line) => pattern.test(line));
}

async function titles(): Promise<string[]> {
  const store = new RedisCommitmentStore({ redis: inspect, timeZoneOf: () => 'UTC' });
  return (await allCommitments(store)).map((c) => c.title);
}

async function reminderJobsOf(id: string): Promise<string[]> {
  const delayed = await reminders.getDelayed();
  return delayed.map((job) => job.id ?? '').filter((jobId) => jobId.startsWith(`rem-${id}-`));
}

describe('a Redis outage, met calmly', () => {
  let baseline: string;

  it('before the outage: an agency with a linked channel and a commitment with planned reminders', async () => {
    await slash(
      'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
    );
    await slash('channel link MITI');
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const added = await slash(`add Ratify the protocol owner:MITI due:${due}`);
    baseline = /Added (C-\d+)/.exec(added)?.[1] ?? '';
    expect(baseline, added).toMatch(/^C-\d+$/);
    await waitUntil(async () => (await reminderJobsOf(baseline)).length > 0, `the reminders of ${baseline}`);
  });

  it('answers a slash command and a Teams message within 3 s that nothing was saved, and saves nothing', async () => {
    const linesBefore = web.output().split('\n').length;
    await redisServer.stop();
    await Promise.all([
      web.waitForOutput(/Redis is unreachable/, 10_000),
      worker.waitForOutput(/Redis is unreachable/, 10_000),
    ]);

    for (const url of [webUrl, workerUrl]) {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status, url).toBe(503);
      expect(((await ready.json()) as { failing: string[] }).failing, url).toEqual(['redis']);
    }

    const slackStarted = Date.now();
    const slackAnswer = await slash('add Planned during the outage owner:MITI');
    expect(Date.now() - slackStarted).toBeLessThan(3_000);
    expect(slackAnswer).toContain(STORE_UNAVAILABLE);

    const teamsStarted = Date.now();
    const posted = await fetch(`${webUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(personalMessage(connector.serviceUrl, 'add Teams during the outage owner:MITI')),
    });
    expect(posted.status).toBe(200);
    const reply = connector.landed().at(-1);
    expect(Date.now() - teamsStarted).toBeLessThan(3_000);
    expect(cardsOf(reply?.body).map(cardText).join(' ')).toContain(STORE_UNAVAILABLE);

    // However many reconnection attempts: no line per attempt, and no stack trace of the outage.
    const duringOutage = web.output().split('\n').slice(linesBefore);
    expect(duringOutage.filter((line) => line.includes('"stack"'))).toEqual([]);
    expect(duringOutage.length).toBeLessThan(10);

    await redisServer.start({ keepData: true });
    await Promise.all([
      web.waitForOutput(/Redis is reachable again after [\d.]+ s/, 15_000),
      worker.waitForOutput(/Redis is reachable again after [\d.]+ s/, 15_000),
    ]);
    for (const role of [web, worker]) {
      expect(linesOf(role, /Redis is unreachable/), role.name).toHaveLength(1);
      expect(linesOf(role, /Redis is reachable again/), role.name).toHaveLength(1);
      expect(linesOf(role, /ECONNREFUSED.*"stack"|"stack".*ECONNREFUSED/), role.name).toEqual([]);
    }
    for (const url of [webUrl, workerUrl]) expect((await fetch(`${url}/readyz`)).status, url).toBe(200);
    // Commands work again, and neither command of the outage was run late.
    expect(await slash('list all')).toContain(baseline);
    expect(await titles()).toEqual(['Ratify the protocol']);
  }, 45_000);

  it('re-creates lost routine schedules and replans reminders within a minute, without a restart', async () => {
    // The repair that follows the outage above is over first: finishing after the deletion below, it
    // would make the schedules again itself, and the check would find nothing missing to log.
    await worker.waitForOutput(/"reason":"Redis is back after an outage"/, WITHIN_A_MINUTE);
    const bullKeys = await inspect.keys(`${DEFAULT_KEY_PREFIX}bull:*`);
    expect(bullKeys.length).toBeGreaterThan(0);
    await inspect.del(...bullKeys);
    expect(await routines.getJobScheduler(SCHEDULER_IDS.digest('MITI'))).toBeUndefined();

    await waitUntil(
      async () =>
        !!(await routines.getJobScheduler(SCHEDULER_IDS.digest('MITI'))) &&
        !!(await routines.getJobScheduler(SCHEDULER_IDS.overdue('MITI'))) &&
        !!(await routines.getJobScheduler(SCHEDULER_IDS.watchdog)) &&
        (await reminderJobsOf(baseline)).length > 0,
      "MITI's schedules and the reminders of the commitment, made again",
      WITHIN_A_MINUTE,
      500,
    );
    expect(worker.child.exitCode).toBeNull();
    expect(linesOf(worker, /routine schedules were missing/)).toEqual([
      expect.stringContaining('job schedulers re-created and reminders replanned'),
    ]);
  }, 70_000);

  it('after a restart that lost everything, makes its schedules again and takes commands', async () => {
    const restored = linesOf(web, /Redis is reachable again/).length;
    await redisServer.stop();
    await redisServer.start({ keepData: false });
    await web.waitForOutput(new RegExp(`(Redis is reachable again[^]*){${restored + 1}}`), 15_000);
    await waitUntil(
      async () => !!(await routines.getJobScheduler(SCHEDULER_IDS.watchdog)),
      'the watchdog schedule, made again in the empty Redis',
      WITHIN_A_MINUTE,
      500,
    );
    expect(await slash('agency add MEITY "Electronics and IT" tz:Asia/Kolkata country:IN')).toContain(
      'Added agency MEITY',
    );
    await waitUntil(
      async () => !!(await routines.getJobScheduler(SCHEDULER_IDS.digest('MEITY'))),
      "MEITY's digest schedule",
    );
    expect([web.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
  }, 70_000);

  it('after FLUSHALL under its feet, the worker makes its schedules again within a minute', async () => {
    await inspect.flushall();
    await waitUntil(
      async () => !!(await routines.getJobScheduler(SCHEDULER_IDS.watchdog)),
      'the watchdog schedule after FLUSHALL',
      WITHIN_A_MINUTE,
      500,
    );
    expect(worker.child.exitCode).toBeNull();
  }, 70_000);
});
