import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { NO_ANNOUNCEMENTS } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker } from '../support/test-tracker.js';

/** With SLACK_APP_TOKEN the adapter needs no public URL: no HTTP route, and start() opens the socket. */

const { redis, prefix } = useTestRedis();
let stub: SlackApiStub;

beforeAll(async () => {
  stub = await SlackApiStub.start();
});
afterAll(() => stub?.close());

function socketAdapter() {
  const { tracker, agencies } = buildTestTracker(redis, prefix);
  return createSlackAdapter({
    tracker,
    agencies,
    redis,
    keyPrefix: prefix,
    announcer: NO_ANNOUNCEMENTS,
    settings: { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: stub.apiUrl },
    log: pino({ level: 'silent' }),
  });
}

describe('Socket Mode', () => {
  it('offers no HTTP route', () => {
    expect(socketAdapter().route).toBeUndefined();
  });

  it('asks SLACK_API_URL for a socket with the app token, and says clearly when Slack refuses it', async () => {
    stub.fail('apps.connections.open', { error: 'invalid_auth' });
    const adapter = socketAdapter();
    await expect(adapter.start()).rejects.toThrow(
      /Socket Mode could not connect \(invalid_auth\); check SLACK_APP_TOKEN/,
    );
    const open = stub.callsTo('apps.connections.open').at(-1)!;
    expect(open.token).toBe('xapp-test');
    expect(stub.callsTo('auth.test').at(-1)!.token).toBe('xoxb-test');
  });

  it('refuses to start over HTTP without a signing secret', () => {
    const { tracker, agencies } = buildTestTracker(redis, prefix);
    expect(() =>
      createSlackAdapter({
        tracker,
        agencies,
        redis,
        keyPrefix: prefix,
        announcer: NO_ANNOUNCEMENTS,
        settings: { botToken: 'xoxb-test', apiUrl: stub.apiUrl },
        log: pino({ level: 'silent' }),
      }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
