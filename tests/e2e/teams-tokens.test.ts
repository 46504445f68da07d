import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { BotFrameworkIssuer } from '../support/bot-framework-issuer.js';
import { cardText, executeInvoke, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { CONSOLE } from '../support/test-tracker.js';

/**
 * The real CloudAdapter checking real Bot Framework tokens: signed by a key published, like Bot
 * Framework's own, as an OpenID metadata document and key set, here on loopback.
 */

const { redis, prefix } = useTestRedis();
const APP_ID = '00000000-0000-4000-8000-0000000000a1';
let issuer: BotFrameworkIssuer;
let h: TeamsHarness;

beforeAll(async () => {
  issuer = await BotFrameworkIssuer.start();
  h = await startTeamsHarness({
    redis,
    prefix,
    now: '2026-06-01T12:00:00Z',
    settings: { appId: APP_ID, appPassword: 'not-used', appType: 'MultiTenant', anonymous: false },
    openIdMetadataUrl: issuer.openIdMetadataUrl,
  });
  // botbuilder prints each refused token with console.error; the route logs the refusal itself.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await h.tracker.execute(
    'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur',
    CONSOLE,
  );
  await h.tracker.execute('add Pilot the customs data exchange owner:MITI due:2026-12-15', CONSOLE);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h.close();
  await issuer.close();
});

/** A Snooze click, whose answer (the refreshed card) comes back in the HTTP response: no outbound call. */
function snoozeClick() {
  return executeInvoke(h.connector.serviceUrl, ACTION_IDS.snoozeDay, {
    action: ACTION_IDS.snoozeDay,
    value: 'C-1',
  });
}

async function sendWith(authorization: string): Promise<Response> {
  return h.send(snoozeClick(), { authorization });
}

describe('Bot Framework tokens through the real CloudAdapter', () => {
  it('accepts a token signed by the published key, for this app id, from Bot Framework, in date', async () => {
    const response = await sendWith(
      await issuer.authorization({ audience: APP_ID, serviceUrl: h.connector.serviceUrl }),
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { type: string; value: unknown };
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answer.value)).toContain('Reminders for C-1 are held for 1d');
    expect((await h.commitments.get('C-1'))?.snoozedUntil).toBe('2026-06-02T12:00:00.000Z');
  });

  it.each([
    [
      'signed by another key under the published key id',
      async () => ({ key: await BotFrameworkIssuer.otherKey() }),
    ],
    [
      'signed by another key under a key id nobody published',
      async () => ({ key: await BotFrameworkIssuer.otherKey(), keyId: 'forged-key' }),
    ],
    ['for another app id', async () => ({ audience: '00000000-0000-4000-8000-0000000000ff' })],
    ['from another issuer', async () => ({ issuer: 'https://sts.windows.net/attacker/' })],
    ['expired ten minutes ago', async () => ({ expiresIn: -600 })],
    ['for another service URL', async () => ({ serviceUrl: 'https://smba.trafficmanager.net/evil/' })],
  ])('refuses a token %s with 401 and changes nothing', async (_case, variant) => {
    const before = (await h.commitments.get('C-1'))?.version;
    const authorization = await issuer.authorization({
      audience: APP_ID,
      serviceUrl: h.connector.serviceUrl,
      ...(await variant()),
    });
    const logged = h.logs.length;
    const response = await sendWith(authorization);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'a valid Bot Framework token is required' });
    expect((await h.commitments.get('C-1'))?.version).toBe(before);
    expect(h.logs.slice(logged)).toContainEqual(
      expect.objectContaining({ msg: 'Teams activity refused: no valid Bot Framework token' }),
    );
  });
});
