import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackFetch } from '../../adapters/slack/slack-fetch.js';
import { type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies } from '../support/test-tracker.js';

/** What the Slack adapter's HTTP costs rest on: one profile look-up per person, and a lean fetch. */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
let server: Server;
let origin: string;
const seen: { method?: string; body: string; type?: string }[] = [];

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix);
  await addAgencies(slack.tracker);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method,
        body: Buffer.concat(chunks).toString(),
        type: req.headers['content-type'],
      });
      if (req.url === '/limited') {
        res.writeHead(429, { 'Retry-After': '7', 'Set-Cookie': ['a=1', 'b=2'] });
        res.end('slow down');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, echoed: Buffer.concat(chunks).length }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await slack?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('the Slack adapter over HTTP', () => {
  it('looks a person up once however many of their first commands arrive at once', async () => {
    slack.stub.addUser({ id: 'U77', name: 'ravi' });
    const before = slack.stub.callsTo('users.info').length;
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => slack.command('list', { userId: 'U77', channelId: 'C-ANY' })),
    );
    await Promise.all(answers.map((sent) => slack.answerOf(sent)));
    const lookups = slack.stub.callsTo('users.info').slice(before);
    expect(lookups.map((call) => call.params.user)).toEqual(['U77']);
  });
});

describe('slackFetch', () => {
  const lean = slackFetch();

  it('posts the body and answers with the status, the body as text and JSON, and ok', async () => {
    const response = await lean(`${origin}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'channel=C1&text=hello',
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true, echoed: 21 });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      body: 'channel=C1&text=hello',
      type: 'application/x-www-form-urlencoded',
    });
  });

  it("gives a refusal's status and headers, repeated ones included, and its body", async () => {
    const response = await lean(`${origin}/limited`, { method: 'POST', body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.text()).toBe('slow down');
  });

  it('sends a form upload through the platform fetch', async () => {
    const form = new FormData();
    form.append('file', new Blob(['bytes']), 'report.txt');
    const response = await lean(`${origin}/api/files.upload`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(seen.at(-1)?.type).toMatch(/^multipart\/form-data/);
  });

  it('gives up when its signal is aborted', async () => {
    await expect(
      lean(`${origin}/api/chat.postMessage`, { method: 'POST', body: 'x', signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });
});
