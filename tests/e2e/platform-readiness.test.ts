import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { createTeamsAdapter } from '../../adapters/teams/teams-adapter.js';
import type { Config } from '../../src/config/config.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { NO_ANNOUNCEMENTS } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker } from '../support/test-tracker.js';

/**
 * What /readyz asks each chat platform: Slack's auth.test for the bot token, and for Teams a Bot Framework
 * token from the configured Microsoft Entra ID authority (a loopback token endpoint here).
 */

const { redis, prefix } = useTestRedis();
const APP_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const SECRET = 'the-right-secret';
const TENANT = 'tenant-1';

interface TokenRequest {
  path: string;
  form: URLSearchParams;
}

let tokenEndpoint: Server;
let loginUrl: string;
const tokenRequests: TokenRequest[] = [];
let slackApi: SlackApiStub;

beforeAll(async () => {
  tokenEndpoint = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    tokenRequests.push({ path: req.url ?? '', form });
    const accepted =
      form.get('grant_type') === 'client_credentials' &&
      form.get('client_id') === APP_ID &&
      form.get('client_secret') === SECRET &&
      form.get('scope') === 'https://api.botframework.com/.default';
    res.writeHead(accepted ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        accepted
          ? { token_type: 'Bearer', expires_in: 3599, access_token: 'eyJ0eXAi.loopback.token' }
          : { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' },
      ),
    );
  });
  tokenEndpoint.listen(0, '127.0.0.1');
  await once(tokenEndpoint, 'listening');
  loginUrl = `http://127.0.0.1:${(tokenEndpoint.address() as AddressInfo).port}`;
  slackApi = await SlackApiStub.start();
});

afterAll(async () => {
  await new Promise<void>((resolve) => tokenEndpoint.close(() => resolve()));
  await slackApi.close();
});

function teamsReadiness(settings: NonNullable<Config['teams']>, url = loginUrl) {
  const { tracker, agencies } = buildTestTracker(redis, prefix);
  const adapter = createTeamsAdapter({
    tracker,
    agencies,
    settings,
    redis,
    keyPrefix: prefix,
    log: pino({ level: 'silent' }),
    loginUrl: url,
  });
  return adapter.readiness();
}

const SINGLE_TENANT = {
  appId: APP_ID,
  appPassword: SECRET,
  tenantId: TENANT,
  appType: 'SingleTenant',
  anonymous: false,
};

describe('Teams: are the credentials accepted?', () => {
  it('is ready when the tenant’s authority issues a Bot Framework token for the app id and secret', async () => {
    expect(await teamsReadiness(SINGLE_TENANT)).toEqual({
      ok: true,
      detail: `a Bot Framework token was issued for app ${APP_ID}`,
    });
    expect(tokenRequests.at(-1)!.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
  });

  it('asks the Bot Framework tenant for a multi-tenant bot', async () => {
    await teamsReadiness({ ...SINGLE_TENANT, tenantId: undefined, appType: 'MultiTenant' });
    expect(tokenRequests.at(-1)!.path).toBe('/botframework.com/oauth2/v2.0/token');
  });

  it('is not ready when the secret is refused, saying so without the secret', async () => {
    const readiness = await teamsReadiness({ ...SINGLE_TENANT, appPassword: 'an-old-secret' });
    expect(readiness).toEqual({
      ok: false,
      detail: 'Microsoft Entra ID refused the app id and secret (invalid_client)',
    });
    expect(JSON.stringify(readiness)).not.toContain('an-old-secret');
  });

  it('is not ready when the authority cannot be reached', async () => {
    const readiness = await teamsReadiness(SINGLE_TENANT, 'http://127.0.0.1:1');
    expect(readiness).toEqual({ ok: false, detail: '127.0.0.1:1 could not be reached for a token' });
  });

  it('has nothing to check in anonymous mode', async () => {
    const asked = tokenRequests.length;
    expect(await teamsReadiness({ anonymous: true })).toMatchObject({ ok: true });
    expect(tokenRequests).toHaveLength(asked);
  });
});

describe('Slack: is the bot token accepted?', () => {
  function slackReadiness() {
    const { tracker, agencies } = buildTestTracker(redis, prefix);
    return createSlackAdapter({
      tracker,
      agencies,
      announcer: NO_ANNOUNCEMENTS,
      redis,
      keyPrefix: prefix,
      settings: { botToken: 'xoxb-ready', signingSecret: 'secret', apiUrl: slackApi.apiUrl },
      log: pino({ level: 'silent' }),
    }).readiness();
  }

  it('is ready when auth.test accepts the token', async () => {
    expect(await slackReadiness()).toEqual({ ok: true, detail: 'auth.test ok: team Test, bot UBOT' });
    expect(slackApi.callsTo('auth.test').at(-1)!.token).toBe('xoxb-ready');
  });

  it('is not ready when Slack refuses the token, naming the code and not the token', async () => {
    slackApi.fail('auth.test', { error: 'invalid_auth' });
    const readiness = await slackReadiness();
    expect(readiness).toEqual({
      ok: false,
      detail: 'Slack did not accept SLACK_BOT_TOKEN (auth.test: invalid_auth)',
    });
    expect(JSON.stringify(readiness)).not.toContain('xoxb-ready');
  });

  it('is not ready, and says Slack is unreachable, when Slack answers 503', async () => {
    slackApi.fail('auth.test', { status: 503 });
    expect(await slackReadiness()).toMatchObject({
      ok: false,
      detail: expect.stringContaining('could not be reached'),
    });
  });
});
