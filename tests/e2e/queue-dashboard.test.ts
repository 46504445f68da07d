import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../bin/http-app.js';
import { DASHBOARD_PATH, queueDashboardRoute } from '../../bin/queue-dashboard.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const RIGHT = basic('ops', 's3cret');

/** The dashboard on the project's HTTP app, over one queue, with the login guard's limits given. */
async function startDashboard(write: boolean, keyPrefix: string) {
  const queue = new Queue('deliveries', { connection: redis, prefix: `${keyPrefix}bull` });
  const logs: LogLine[] = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  );
  const app = buildHttpApp({
    routes: [
      queueDashboardRoute(
        [queue],
        { user: 'ops', password: 's3cret', write },
        {
          redis,
          log,
          keyPrefix,
          login: { maxFailures: 3, windowMs: 60_000, lockoutMs: 60_000, failureDelayMs: 300 },
        },
      ),
    ],
    isHealthy: async () => true,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${DASHBOARD_PATH}`;
  return {
    queue,
    logs,
    base,
    /** Bull Board's "add job" call, as its page (or another site's form) would send it. */
    addJob: (headers: Record<string, string>) =>
      fetch(`${base}/api/queues/deliveries/add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'injected', data: { channel: 'slack:C1' }, options: {} }),
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.close();
    },
  };
}

type Dashboard = Awaited<ReturnType<typeof startDashboard>>;
const jobCount = (d: Dashboard) => d.queue.count();

describe('the queue dashboard without ADMIN_QUEUES_WRITE is read-only', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await startDashboard(false, `${prefix}ro:`);
  });
  afterAll(() => d.close());

  it('shows the queues', async () => {
    const page = await fetch(`${d.base}/api/queues`, { headers: RIGHT });
    expect(page.status).toBe(200);
  });

  it('refuses to add, retry or clean jobs, even for the right login from its own page', async () => {
    const same = { ...RIGHT, 'sec-fetch-site': 'same-origin' };
    expect((await d.addJob(same)).status).toBe(405);
    expect(
      (await fetch(`${d.base}/api/queues/deliveries/retry/failed`, { method: 'PUT', headers: same })).status,
    ).toBe(405);
    expect(await jobCount(d)).toBe(0);
  });
});

describe('the queue dashboard with ADMIN_QUEUES_WRITE=true takes changes from its own pages only', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await startDashboard(true, `${prefix}rw:`);
  });
  afterAll(() => d.close());

  it('refuses a cross-site form post that rides the cached login, and logs it', async () => {
    const response = await d.addJob({
      ...RIGHT,
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(response.status).toBe(403);
    expect(await jobCount(d)).toBe(0);
    expect(d.logs).toContainEqual(
      expect.objectContaining({ origin: 'https://evil.example', msg: expect.stringMatching(/another site/) }),
    );
  });

  it('refuses another Origin even without Sec-Fetch-Site, and a same-site but not same-origin page', async () => {
    expect((await d.addJob({ ...RIGHT, origin: 'http://attacker.test:3000' })).status).toBe(403);
    expect((await d.addJob({ ...RIGHT, 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(await jobCount(d)).toBe(0);
  });

  it('adds a job asked for from its own page', async () => {
    const own = new URL(d.base).origin;
    const response = await d.addJob({ ...RIGHT, origin: own, 'sec-fetch-site': 'same-origin' });
    expect(response.status).toBe(200);
    expect(await jobCount(d)).toBe(1);
  });
});

describe('failed logins to the queue dashboard', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await startDashboard(false, `${prefix}login:`);
  });
  afterAll(() => d.close());

  it('a first visit without credentials is challenged, not counted', async () => {
    const response = await fetch(`${d.base}/api/queues`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(d.logs.filter((line) => /failed login/.test(line.msg))).toEqual([]);
  });

  it('are slowed down and logged with the address, never with what was typed', async () => {
    const started = performance.now();
    const response = await fetch(`${d.base}/api/queues`, { headers: basic('ops', 'guess-1') });
    expect(response.status).toBe(401);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const failed = d.logs.filter((line) => /failed login/.test(line.msg));
    expect(failed).toEqual([expect.objectContaining({ address: expect.any(String), failures: 1 })]);
    expect(JSON.stringify(d.logs)).not.toContain('guess-1');
  });

  it('lock the address out after repeated failures, right password included, and say so in the log', async () => {
    for (const guess of ['guess-2', 'guess-3']) {
      expect((await fetch(`${d.base}/api/queues`, { headers: basic('ops', guess) })).status).toBe(401);
    }
    const locked = await fetch(`${d.base}/api/queues`, { headers: RIGHT });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(d.logs).toContainEqual(
      expect.objectContaining({ msg: expect.stringMatching(/locked out after/) }),
    );
  });
});
