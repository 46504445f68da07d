import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelMessage, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();

describe('with MicrosoftAppId set, every activity needs a valid Bot Framework token', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({
      redis,
      prefix,
      now: '2026-06-01T12:00:00Z',
      settings: {
        appId: '00000000-0000-4000-8000-000000000001',
        appPassword: 'not-used',
        appType: 'MultiTenant',
        anonymous: false,
      },
    });
    // botbuilder prints refused requests with console.error; the test reads the adapter's own log instead.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  it('no token: 401, and the bot does nothing', async () => {
    const response = await h.send(channelMessage(h.connector.serviceUrl, 'agency add MITI "Trade" tz:UTC'));
    expect(response.status).toBe(401);
    expect(h.connector.calls).toHaveLength(0);
    expect(await h.agencies.list()).toEqual([]);
    expect(h.logs.some((line) => /refused: no valid Bot Framework token/.test(line.msg))).toBe(true);
  });

  it('a token that is not a Bot Framework JWT: 401', async () => {
    const response = await h.send(channelMessage(h.connector.serviceUrl, 'help'), {
      authorization: 'Bearer not-a-jwt',
    });
    expect(response.status).toBe(401);
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe('the route itself', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T12:00:00Z' });
  });
  afterAll(async () => h.close());
  afterEach(() => h.connector.clear());

  it('only POST is served', async () => {
    const response = await fetch(`${h.url}/api/messages`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('a body that is not JSON is a 400, not a crash', async () => {
    const response = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message", ',
    });
    expect(response.status).toBe(400);
    expect((await h.send(channelMessage(h.connector.serviceUrl, 'help'))).status).toBe(200);
  });

  it('JSON that is not an activity is a 400', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const response = await h.send({ hello: 'world' });
    vi.restoreAllMocks();
    expect(response.status).toBe(400);
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe('with Teams off', () => {
  it('/api/messages is not served at all', async () => {
    const h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T12:00:00Z', settings: undefined });
    try {
      expect(h.adapter.route).toBeUndefined();
      expect((await h.send(channelMessage(h.connector.serviceUrl, 'help'))).status).toBe(404);
      await expect(
        h.adapter.gateway.post('19:x@thread.tacv2', { text: 'x', blocks: [] }),
      ).rejects.toMatchObject({
        permanent: true,
        code: 'teams_off',
      });
    } finally {
      await h.close();
    }
  });
});
