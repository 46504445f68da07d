import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../adapters/teams/loopback-only.js';
import {
  ALICE,
  cardsOf,
  cardText,
  channelMessage,
  startTeamsHarness,
  TENANT_ID,
  type TeamsHarness,
  type TeamsUser,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();

const ADMIN: TeamsUser = { id: '29:admin-teams-id', name: 'Nur Admin', aadObjectId: 'aad-admin' };

describe('teams: admin ids match only activities Teams vouches for, in the bot’s own tenant', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({
      redis,
      prefix,
      now: '2026-06-01T12:00:00Z',
      settings: { anonymous: true, tenantId: TENANT_ID },
      admins: [`teams:${ADMIN.aadObjectId}`, 'slack:UADMIN'],
    });
  });
  afterAll(() => h.close());
  afterEach(() => h.connector.clear());

  async function answerTo(activity: Record<string, unknown>): Promise<string> {
    expect((await h.send(activity)).status).toBe(200);
    return h.connector
      .activityCalls()
      .flatMap((call) => cardsOf(call.body).map(cardText))
      .join('\n');
  }

  it('the admin, in Teams, in the bot’s tenant, may add an agency', async () => {
    const answer = await answerTo(
      channelMessage(h.connector.serviceUrl, 'agency add MITI "Trade" tz:Asia/Kuala_Lumpur', { from: ADMIN }),
    );
    expect(answer).toContain('MITI');
    expect((await h.agencies.get('MITI'))?.name).toBe('Trade');
  });

  it('a Teams user whose id is a Slack admin’s id is not an admin', async () => {
    const namesake = { ...ALICE, aadObjectId: 'UADMIN' };
    const answer = await answerTo(
      channelMessage(h.connector.serviceUrl, 'agency add DPIIT "DPIIT" tz:Asia/Kolkata', { from: namesake }),
    );
    expect(answer).toContain("Only the tracker's administrators may add or change agencies");
    expect(await h.agencies.get('DPIIT')).toBeUndefined();
  });

  it('the admin’s object id from a Direct Line client (not msteams) is not an admin', async () => {
    const fromDirectLine = {
      ...channelMessage(h.connector.serviceUrl, 'agency add DPIIT "DPIIT" tz:Asia/Kolkata', { from: ADMIN }),
      channelId: 'directline',
    };
    const answer = await answerTo(fromDirectLine);
    expect(answer).toContain("Only the tracker's administrators may add or change agencies");
    expect(await h.agencies.get('DPIIT')).toBeUndefined();
  });

  it('the admin’s object id from another tenant is not an admin', async () => {
    const activity = channelMessage(h.connector.serviceUrl, 'agency add DPIIT "DPIIT" tz:Asia/Kolkata', {
      from: ADMIN,
    });
    const conversation = { ...(activity.conversation as object), tenantId: 'another-tenant' };
    const answer = await answerTo({
      ...activity,
      conversation,
      channelData: { ...(activity.channelData as object), tenant: { id: 'another-tenant' } },
    });
    expect(answer).toContain("Only the tracker's administrators may add or change agencies");
    expect(await h.agencies.get('DPIIT')).toBeUndefined();
  });
});

describe('anonymous Teams answers only this machine', () => {
  let h: TeamsHarness;
  /** The peer address the server is to see on its next connection; unset: the real one, loopback. */
  let nextPeer: string | undefined;
  beforeAll(async () => {
    h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T12:00:00Z' });
    // A connection the server sees as coming from another machine: the peer address is what the route
    // reads, so it is the one thing changed on the real socket.
    h.server.on('connection', (socket: Socket) => {
      if (nextPeer) Object.defineProperty(socket, 'remoteAddress', { value: nextPeer });
      nextPeer = undefined;
    });
  });
  afterAll(() => h.close());
  afterEach(() => h.connector.clear());

  /** POSTs an activity on a connection of its own, so the peer address applies to it alone. */
  function postFrom(peer: string, activity: object): Promise<{ status: number; body: string }> {
    nextPeer = peer;
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        `${h.url}/api/messages`,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify(activity));
    });
  }

  it('answers a request from the loopback address', async () => {
    expect((await h.send(channelMessage(h.connector.serviceUrl, 'help'))).status).toBe(200);
    expect(h.connector.activityCalls()).toHaveLength(1);
  });

  it('refuses a request from another address with 403, runs nothing and says why in the log', async () => {
    const before = h.logs.length;
    const response = await postFrom(
      '192.0.2.7',
      channelMessage(h.connector.serviceUrl, 'agency add NEWCO "New agency" tz:UTC'),
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({
      error: 'anonymous Teams mode accepts requests from this machine only',
    });
    expect(await h.agencies.get('NEWCO')).toBeUndefined();
    expect(h.connector.calls).toHaveLength(0);
    expect(h.logs.slice(before)).toContainEqual(
      expect.objectContaining({ peer: '192.0.2.7', msg: expect.stringMatching(/anonymous mode/) }),
    );
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.7', false],
    ['::ffff:10.0.0.1', false],
    ['fd00::2', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});
