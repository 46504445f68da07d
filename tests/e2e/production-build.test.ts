import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv, promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_NODE_ARGS } from '../../bench/rows/slash-http.js';
import { deliveryJobId, QUEUE_NAMES, schedulerKeys } from '../../jobs/scheduler-keys.js';
import { loadConfig } from '../../src/config/config.js';
import { configSchema } from '../../src/config/config-schema.js';
import { freePort } from '../../src/redis/private-redis.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import { REPO_ROOT } from '../support/run-bin.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { TEST_SIGNING_SECRET } from '../support/slack-requests.js';
import { answerOfSlashCommand, slackTextOf } from '../support/slack-test-app.js';
import { type RoleProcess, spawnCommand } from '../support/spawn-role.js';
import { SystemdUnit } from '../support/systemd-unit.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * The build as an IT team installs it: `npm run build` into a folder of its own, `npm ci --omit=dev`
 * there, a redis-server started from deploy/redis.conf, and each systemd unit's ExecStart run as it is
 * written (the install folder and node's path swapped for the test's), stopped with the unit's KillSignal.
 */

const run = promisify(execFile);
const INSTALLED_AT = '/opt/followthrough';
const DEPLOY = join(REPO_ROOT, 'deploy');
const CHANNEL = 'CPROD';
const READY_MS = 30_000;

const app = mkdtempSync(join(tmpdir(), 'followthrough-app-'));
const redisDir = mkdtempSync(join(tmpdir(), 'followthrough-redis-'));
const units = {
  web: SystemdUnit.read(join(DEPLOY, 'followthrough-web.service')),
  worker: SystemdUnit.read(join(DEPLOY, 'followthrough-worker.service')),
};
let redisServer: ChildProcess;
let redisUrl: string;
let redis: Redis;
let slackApi: SlackApiStub;
let webPort: number;
let env: Record<string, string>;
const started: RoleProcess[] = [];

beforeAll(async () => {
  await run('npm', ['run', 'build', '--', '--out-dir', join(app, 'dist')], { cwd: REPO_ROOT });
  for (const file of ['package.json', 'package-lock.json'])
    copyFileSync(join(REPO_ROOT, file), join(app, file));
  await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: app,
    maxBuffer: 16 * 1024 * 1024,
  });
  const redisPort = await freePort();
  redisServer = await startRedis(join(DEPLOY, 'redis.conf'), redisPort);
  redisUrl = `redis://127.0.0.1:${redisPort}`;
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  slackApi = await SlackApiStub.start();
  slackApi.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  webPort = await freePort();
  // The production template, with the test's Redis, ports and loopback Slack.
  env = {
    ...(parseEnv(readFileSync(join(DEPLOY, 'followthrough.env'), 'utf8')) as Record<string, string>),
    REDIS_URL: redisUrl,
    PORT: String(webPort),
    WORKER_PORT: String(await freePort()),
    SLACK_BOT_TOKEN: 'xoxb-production',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    // The test's Slack user, who links the channel (an administrator's command).
    TRACKER_ADMINS: 'slack:U1',
  };
}, 240_000);

afterAll(async () => {
  await Promise.all(started.map((role) => role.kill()));
  redis?.disconnect();
  await slackApi?.close();
  if (redisServer && redisServer.exitCode === null) {
    const exited = new Promise((resolve) => redisServer.once('exit', resolve));
    redisServer.kill('SIGTERM');
    await exited;
  }
  rmSync(app, { recursive: true, force: true });
  rmSync(redisDir, { recursive: true, force: true });
});

async function startRedis(configFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [configFile, '--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--supervised', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-800)}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

/** A unit's ExecStart, as written, with node and the install folder of this machine. */
function startUnit(role: 'web' | 'worker', ready: { line: RegExp; healthz?: string }): Promise<RoleProcess> {
  const unit = units[role];
  const [program, ...args] = unit.get('Service', 'ExecStart')!.split(/\s+/);
  expect(program).toBe('/usr/bin/node');
  return spawnCommand(
    process.execPath,
    args.map((arg) => arg.replace(INSTALLED_AT, app)),
    {
      name: role,
      cwd: unit.get('Service', 'WorkingDirectory')!.replace(INSTALLED_AT, app),
      env: { ...env, ...unit.environment() },
      readyLine: ready.line,
      healthz: ready.healthz,
      readyTimeoutMs: READY_MS,
    },
  ).then((process) => {
    started.push(process);
    return process;
  });
}

/** The unit's KillSignal, sent to the exact process its ExecStart started; resolves with how it ended. */
function stopUnit(role: 'web' | 'worker', process: RoleProcess) {
  const unit = units[role];
  const signal = unit.get('Service', 'KillSignal') as NodeJS.Signals;
  return process.stop(signal, unit.seconds('Service', 'TimeoutStopSec') * 1000);
}

function slash(text: string, answer: 'private' | 'channel' = 'private'): Promise<string> {
  return answerOfSlashCommand({
    stub: slackApi,
    eventsUrl: `http://127.0.0.1:${webPort}/slack/events`,
    channelId: CHANNEL,
    text,
    answer,
  });
}

function postsAbout(title: string) {
  return slackApi.callsTo('chat.postMessage').filter((call) => slackTextOf(call.params).includes(title));
}

describe('what deploy/ holds', () => {
  it.each(['web', 'worker'] as const)(
    'the %s unit runs the build as a non-root user, restarts on failure, stops with SIGTERM, and is hardened',
    (role) => {
      const unit = units[role];
      // The web role's Node flags are pinned by tests/unit/web-node-flags.test.ts.
      const flags = role === 'web' ? `${WEB_NODE_ARGS.join(' ')} ` : '';
      expect(unit.get('Service', 'ExecStart')).toBe(
        `/usr/bin/node ${flags}${INSTALLED_AT}/dist/bin/${role}.js`,
      );
      expect(unit.get('Service', 'User')).toMatch(/^(?!root$)\w+/);
      expect(unit.get('Service', 'Restart')).toBe('on-failure');
      expect(unit.get('Service', 'KillSignal')).toBe('SIGTERM');
      // Longer than the process's own 30 s deadline, so that it, not systemd, decides what is handed back.
      expect(unit.seconds('Service', 'TimeoutStopSec')).toBeGreaterThan(30);
      expect(unit.environment()).toMatchObject({ NODE_ENV: 'production' });
      expect(unit.get('Service', 'EnvironmentFile')).toBe('/etc/followthrough/followthrough.env');
      for (const [key, value] of [
        ['NoNewPrivileges', 'yes'],
        ['ProtectSystem', 'strict'],
        ['ProtectHome', 'yes'],
        ['PrivateTmp', 'yes'],
        ['PrivateDevices', 'yes'],
        ['CapabilityBoundingSet', ''],
      ]) {
        expect(unit.get('Service', key!), key).toBe(value);
      }
    },
  );

  it('redis.conf keeps everything it is given: the append-only file on, and no eviction', async () => {
    const config = Object.fromEntries(
      [
        await redis.config('GET', 'appendonly'),
        await redis.config('GET', 'maxmemory-policy'),
        await redis.config('GET', 'appendfsync'),
      ].map((pair) => pair as [string, string]),
    );
    expect(config).toEqual({ appendonly: 'yes', 'maxmemory-policy': 'noeviction', appendfsync: 'everysec' });
  });

  it('the .env template names only variables the program reads, and is a valid production configuration once the administrators are listed', () => {
    const template = parseEnv(readFileSync(join(DEPLOY, 'followthrough.env'), 'utf8')) as Record<
      string,
      string
    >;
    const known = new Set(Object.keys(configSchema.shape));
    expect(Object.keys(template).filter((name) => !known.has(name))).toEqual([]);
    // Who administers is the operator's decision: the template leaves it open, and production says so.
    expect(() => loadConfig({ ...template, ...units.web.environment() })).toThrow(
      /TRACKER_ADMINS is required with NODE_ENV=production/,
    );
    const config = loadConfig({ ...template, ...units.web.environment(), TRACKER_ADMINS: 'slack:U1' });
    expect(config.production).toBe(true);
    expect(config.workerPort).toBeDefined();
  });
});

describe('the build with production dependencies only', () => {
  it('has neither tsx nor a test or lint tool installed, and every runtime script and template beside its code', () => {
    const installed = (name: string) => existsSync(join(app, 'node_modules', name, 'package.json'));
    // (npm installs TypeScript all the same: an optional peer of a Bull Board dependency. Nothing runs it.)
    expect(['tsx', 'vitest', '@biomejs/biome', 'esbuild', 'fast-check', 'jsdom'].filter(installed)).toEqual(
      [],
    );
    expect(['bullmq', '@slack/bolt', 'botbuilder', 'ioredis'].filter(installed)).toHaveLength(4);
    for (const file of [
      'dist/src/store/commitment-write.lua',
      'dist/src/store/commitment-restore.lua',
      'dist/jobs/reminders/claim-plan.lua',
      'dist/jobs/delivery/pace-reserve.lua',
      'dist/tools/teams-app-package/manifest.json',
    ]) {
      expect(existsSync(join(app, file)), file).toBe(true);
    }
  });

  it('web and worker, started from their units, answer a command, announce it and report ready and measured', async () => {
    const [web, worker] = await Promise.all([
      startUnit('web', { line: /web role listening/, healthz: `http://127.0.0.1:${env.PORT}/healthz` }),
      startUnit('worker', { line: /worker role running/ }),
    ]);
    for (const [role, port] of [
      [web, env.PORT],
      [worker, env.WORKER_PORT],
    ] as const) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status, role.name).toBe(200);
      expect(((await ready.json()) as { failing: string[] }).failing).toEqual([]);
    }
    // Redis set up as deploy/redis.conf says draws no warning from the worker.
    expect(worker.output()).not.toMatch(/maxmemory-policy|persistence is off/);

    await slash(
      'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
    );
    await slash('channel link MITI');
    expect(await slash('add Publish the tariff schedule owner:MITI')).toMatch(/Added C-\d+/);
    await waitUntil(() => postsAbout('Publish the tariff schedule').length === 1, 'the announcement');

    const webMetrics = await (await fetch(`http://127.0.0.1:${env.PORT}/metrics`)).text();
    expect(webMetrics).toContain(
      'followthrough_commands_total{platform="slack",command="add",outcome="ok"} 1',
    );
    expect(webMetrics).toMatch(/followthrough_command_duration_seconds_count\{platform="slack"\} [1-9]/);
    expect(webMetrics).toContain('followthrough_commitments{agency="MITI",state="open"} 1');
    expect(webMetrics).toContain('followthrough_commitments{agency="MITI",state="overdue"} 0');
    const workerMetrics = await (await fetch(`http://127.0.0.1:${env.WORKER_PORT}/metrics`)).text();
    expect(workerMetrics).toMatch(/followthrough_deliveries_total\{platform="slack",outcome="sent"\} [2-9]/);
    expect(workerMetrics).toMatch(/followthrough_queue_jobs\{queue="deliveries",state="waiting"\} 0/);

    expect((await stopUnit('web', web)).code).toBe(0);
    expect((await stopUnit('worker', worker)).code).toBe(0);
  }, 60_000);

  it('the command line runs from the build', async () => {
    const { stdout } = await run(process.execPath, [join(app, 'dist/bin/cli.js'), 'report'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', REDIS_URL: redisUrl, NODE_ENV: 'production', TRACKER_ADMINS: '*' },
    });
    expect(stdout).toContain('All-agency delivery scoreboard');
    expect(stdout).toContain('MITI');
  });

  it('backs up and restores from the build: node dist/bin/cli.js backup > file, then restore file', async () => {
    const cli = (database: number, ...args: string[]) =>
      run(process.execPath, [join(app, 'dist/bin/cli.js'), ...args], {
        cwd: app,
        env: {
          PATH: process.env.PATH ?? '',
          REDIS_URL: `${redisUrl}/${database}`,
          NODE_ENV: 'production',
          TRACKER_ADMINS: '*',
        },
      });
    const { stdout: backup } = await cli(0, 'backup');
    expect(backup.split('\n')[0]).toContain('"format":"followthrough-backup","version":1');
    const file = join(app, 'tracker.jsonl');
    writeFileSync(file, backup);
    const { stdout: restored } = await cli(1, 'restore', file);
    expect(restored).toMatch(
      /^Restored .*: 1 agency, .*, 1 commitment, .*Reminders and schedules are planned again/,
    );
    const { stdout: report } = await cli(1, 'report');
    expect(report).toBe((await cli(0, 'report')).stdout);
    expect(report).toContain('MITI');
  });

  it('writes the Teams app package from the build', async () => {
    const out = join(app, 'teams-app');
    await run(
      process.execPath,
      [
        join(app, 'dist/tools/teams-package.js'),
        '--app-id',
        '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
        '--website',
        'https://tracker.example.gov',
        '--privacy-url',
        'https://tracker.example.gov/privacy',
        '--terms-url',
        'https://tracker.example.gov/terms',
        '--out',
        out,
      ],
      { cwd: app, env: { PATH: process.env.PATH ?? '' } },
    );
    expect(existsSync(join(out, 'followthrough-teams.zip'))).toBe(true);
  });
});

describe('stopping the units', () => {
  it('SIGTERM to the worker while it posts: the post is finished, it exits 0 and takes no new work; SIGINT stops them too', async () => {
    const worker = await startUnit('worker', { line: /worker role running/ });
    const web = await startUnit('web', {
      line: /web role listening/,
      healthz: `http://127.0.0.1:${env.PORT}/healthz`,
    });
    slackApi.slow('chat.postMessage', 3_000);
    const added = await slash('add Sign the slow memorandum owner:MITI');
    const id = /Added (C-\d+)/.exec(added)![1]!;
    await waitUntil(() => postsAbout('Sign the slow memorandum').length === 1, 'the post to start');

    const signalled = Date.now();
    const stopped = await stopUnit('worker', worker);
    expect(stopped).toMatchObject({ code: 0, signal: null });
    // It exited after Slack answered the post it was making, not in the middle of it.
    const post = postsAbout('Sign the slow memorandum')[0]!;
    expect(post.answeredAt).toBeGreaterThan(signalled);
    expect(signalled + stopped.ms).toBeGreaterThanOrEqual(post.answeredAt!);
    const key = `announcement:${id}:v1:slack:${CHANNEL}`;
    expect(await redis.hget(schedulerKeys(DEFAULT_KEY_PREFIX).delivery(key), 'done')).toBe('1');

    // Work that comes after the stop waits in the queue for another worker.
    const later = /Added (C-\d+)/.exec(await slash('add Ratify the later protocol owner:MITI'))![1]!;
    const deliveries = new Queue(QUEUE_NAMES.deliveries, {
      connection: redis,
      prefix: schedulerKeys(DEFAULT_KEY_PREFIX).bullPrefix,
    });
    try {
      // The announcement is queued alongside the answer, which may come first (in the acknowledgement).
      const jobId = deliveryJobId(`announcement:${later}:v1:slack:${CHANNEL}`);
      await waitUntil(async () => (await deliveries.getJob(jobId)) !== undefined, 'the announcement queued');
      const waiting = await deliveries.getJob(jobId);
      expect(await waiting?.getState()).toBe('waiting');
      expect(postsAbout('Ratify the later protocol')).toEqual([]);

      // The next worker (SIGINT stops it just as well) posts what was left, once.
      const next = await startUnit('worker', { line: /worker role running/ });
      await waitUntil(() => postsAbout('Ratify the later protocol').length === 1, 'the waiting announcement');
      expect(await next.stop('SIGINT', 40_000)).toMatchObject({ code: 0, signal: null });
      expect(postsAbout('Sign the slow memorandum')).toHaveLength(1);
    } finally {
      await deliveries.close();
    }

    expect(await web.stop('SIGINT', 40_000)).toMatchObject({ code: 0, signal: null });
    await expect(fetch(`http://127.0.0.1:${env.PORT}/healthz`)).rejects.toThrow();
  }, 90_000);
});
