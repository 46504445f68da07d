import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  channelMessage,
  type LogLine,
  startTeamsHarness,
  type TeamsHarness,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();

/** The log lines written while `act` ran. */
async function logsDuring(h: TeamsHarness, act: () => Promise<unknown>): Promise<LogLine[]> {
  const before = h.logs.length;
  await act();
  return h.logs.slice(before);
}

const WARN = 40;
const NOT_AN_ACTIVITY = { error: 'expected a Bot Framework activity as JSON' };

describe('with MicrosoftAppId set, every activity needs a valid Bot Framework token', () => {
  let h: TeamsHarness;
  let consoleError: ReturnType<typeof vi.spyOn>;
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
    // CloudAdapter.process printed every refusal's stack with console.error; the route checks tokens itself.
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
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

  it('a refusal is one warn line with the reason, a JSON answer, and nothing printed to the console', async () => {
    consoleError.mockClear();
    let response: Response | undefined;
    const lines = await logsDuring(h, async () => {
      response = await h.send(channelMessage(h.connector.serviceUrl, 'help'));
    });
    expect(response?.status).toBe(401);
    expect(await response?.json()).toEqual({ error: 'a valid Bot Framework token is required' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: WARN,
        msg: 'Teams activity refused: no valid Bot Framework token',
        reason: expect.stringMatching(/Unauthorized/),
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('err');
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('without a token, a body that is no usable activity is still a 401: nothing is said about it', async () => {
    const response = await h.send({ type: 'message' });
    expect(response.status).toBe(401);
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

  it('anonymous mode says at start, in a warn line, that nothing is authenticated', () => {
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: WARN,
        msg: 'Teams is on WITHOUT authentication (TEAMS_ANONYMOUS=true): for the Bot Framework Emulator and local tests only; only requests from this machine are answered',
      }),
    );
  });

  it('broken JSON is a 400 in JSON, not a crash', async () => {
    const response = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message", ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(NOT_AN_ACTIVITY);
    expect((await h.send(channelMessage(h.connector.serviceUrl, 'help'))).status).toBe(200);
  });

  it('a bare POST, without content type or body, is a 400 in JSON, not botbuilder’s HTML hint', async () => {
    const response = await fetch(`${h.url}/api/messages`, { method: 'POST' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(NOT_AN_ACTIVITY);
  });

  it('a JSON array, or JSON sent as text, is not an activity either', async () => {
    expect(await (await h.send([{ type: 'message' }])).json()).toEqual(NOT_AN_ACTIVITY);
    const asText = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(channelMessage(h.connector.serviceUrl, 'help')),
    });
    expect(asText.status).toBe(400);
    expect(await asText.json()).toEqual(NOT_AN_ACTIVITY);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('JSON without a type is a 400 that says so', async () => {
    const response = await h.send({ hello: 'world' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'not a Bot Framework activity: type is missing' });
    expect(h.connector.calls).toHaveLength(0);
  });

  it('a message without conversation, sender or serviceUrl is a 400 naming them, with one warn line and no turn', async () => {
    let response: Response | undefined;
    const lines = await logsDuring(h, async () => {
      response = await h.send({ type: 'message' });
    });
    expect(response?.status).toBe(400);
    expect(await response?.json()).toEqual({
      error:
        'not a Bot Framework activity: conversation.id is missing, from.id is missing, serviceUrl is missing',
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: WARN,
        msg: expect.stringMatching(/^Teams activity refused: .*conversation\.id/),
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('err');
    expect(h.connector.calls).toHaveLength(0);
  });

  it('invokes and membership updates need the same fields as messages', async () => {
    for (const type of ['invoke', 'conversationUpdate', 'installationUpdate']) {
      const response = await h.send({ type, from: { id: '29:x' }, serviceUrl: h.connector.serviceUrl });
      expect(await response.json()).toEqual({
        error: 'not a Bot Framework activity: conversation.id is missing',
      });
    }
    expect(h.connector.calls).toHaveLength(0);
  });

  it('a serviceUrl that is not an http(s) URL is a 400', async () => {
    const activity = { ...channelMessage(h.connector.serviceUrl, 'help'), serviceUrl: 'not a url' };
    const response = await h.send(activity);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'not a Bot Framework activity: serviceUrl must be an http(s) URL',
    });
    expect(h.connector.calls).toHaveLength(0);
  });

  it('an activity type the bot does not handle needs only its type', async () => {
    let response: Response | undefined;
    const lines = await logsDuring(h, async () => {
      response = await h.send({ type: 'typing' });
    });
    expect(response?.status).toBe(200);
    expect(lines.filter((line) => line.level > WARN)).toEqual([]);
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
