import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../bin/http-app.js';
import { DASHBOARD_PATH, queueDashboardRoute } from '../../bin/queue-dashboard.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();
const queue = new Queue('deliveries', { connection: redis, prefix: `${prefix}bull` });
const metrics = new Metrics();
let base: string;
let close: () => Promise<void>;
let healthy: boolean | 'hang' = true;
let slackReady = true;

beforeAll(async () => {
  await queue.add('post', { channel: 'slack:C1' }, { delay: 60_000 });
  metrics.commands.inc({ platform: 'slack', command: 'add', outcome: 'ok' });
  const app = buildHttpApp({
    routes: [
      queueDashboardRoute(
        [queue],
        { user: 'ops', password: 's3cret' },
        { redis, log: pino({ level: 'silent' }), keyPrefix: prefix },
      ),
    ],
    isHealthy: () => (healthy === 'hang' ? new Promise<boolean>(() => {}) : Promise.resolve(healthy)),
    readiness: {
      redis: async () => ({ ok: true, detail: 'answers PING' }),
      slack: async () =>
        slackReady
          ? { ok: true, detail: 'auth.test ok' }
          : { ok: false, detail: 'Slack did not accept SLACK_BOT_TOKEN (auth.test: invalid_auth)' },
      teams: () => new Promise(() => {}),
    },
    readinessWaitMs: 300,
    waitMs: 300,
    metrics: metrics.registry,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close();
  await queue.close();
});

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('the HTTP server', () => {
  it('answers /healthz with 200 while Redis answers, 503 when it does not', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    healthy = false;
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    healthy = true;
  });

  it('answers 503 at once when Redis does not answer, instead of waiting for it', async () => {
    healthy = 'hang';
    const started = performance.now();
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect(performance.now() - started).toBeLessThan(5_000);
    healthy = true;
  });

  it('serves Prometheus metrics, command counts included', async () => {
    const body = await (await fetch(`${base}/metrics`)).text();
    expect(body).toContain('followthrough_commands_total{platform="slack",command="add",outcome="ok"} 1');
  });

  it('keeps the queue dashboard behind basic auth', async () => {
    expect((await fetch(`${base}${DASHBOARD_PATH}`)).status).toBe(401);
    expect((await fetch(`${base}${DASHBOARD_PATH}`, { headers: basic('ops', 'wrong') })).status).toBe(401);
    const page = await fetch(`${base}${DASHBOARD_PATH}/api/queues`, { headers: basic('ops', 's3cret') });
    expect(page.status).toBe(200);
    const { queues } = (await page.json()) as { queues: { name: string; counts: { delayed: number } }[] };
    expect(queues.map((q) => [q.name, q.counts.delayed])).toEqual([['deliveries', 1]]);
  });

  it('answers /readyz with 503 and JSON naming each part that is not ready, and why', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      failing: ['teams'],
      checks: {
        redis: { ok: true, detail: 'answers PING' },
        slack: { ok: true, detail: 'auth.test ok' },
        teams: { ok: false, detail: 'no answer within 300 ms' },
      },
    });
    slackReady = false;
    const both = (await (await fetch(`${base}/readyz`)).json()) as { failing: string[]; checks: object };
    expect(both.failing).toEqual(['slack', 'teams']);
    expect(JSON.stringify(both.checks)).toContain('invalid_auth');
    slackReady = true;
  });

  it('serves the queue dashboard without a single request to another host (no web fonts)', async () => {
    const page = await fetch(`${base}${DASHBOARD_PATH}/`, { headers: basic('ops', 's3cret') });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('__UI_CONFIG__');
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(2);
    expect(references.filter((url) => /^(?:[a-z]+:)?\/\//i.test(url) && !url.startsWith(base))).toEqual([]);
    for (const stylesheet of references.filter((url) => url.endsWith('.css'))) {
      const css = await (
        await fetch(new URL(stylesheet, `${base}${DASHBOARD_PATH}/`), { headers: basic('ops', 's3cret') })
      ).text();
      expect(css.length).toBeGreaterThan(0);
      expect(css).not.toMatch(/@import|url\(\s*['"]?(?:https?:)?\/\//);
    }
  });

  it('answers 404 for anything else', async () => {
    expect((await fetch(`${base}/api/messages`, { method: 'POST' })).status).toBe(404);
  });
});
