import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { NO_ANNOUNCEMENTS } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker } from '../support/test-tracker.js';

const { redis, prefix } = useTestRedis();
let stub: SlackApiStub;

beforeAll(async () => {
  stub = await SlackApiStub.start();
});
afterAll(() => stub?.close());

/** Starts an HTTP-mode adapter against `apiUrl` and returns what it logged. */
async function startAndLog(apiUrl: string): Promise<string> {
  let logged = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const { tracker, agencies } = buildTestTracker(redis, prefix);
  const adapter = createSlackAdapter({
    tracker,
    agencies,
    redis,
    keyPrefix: prefix,
    announcer: NO_ANNOUNCEMENTS,
    settings: { botToken: 'xoxb-test', signingSecret: 'secret', apiUrl },
    log: pino({ level: 'info' }, sink),
  });
  await adapter.start();
  await adapter.stop();
  return logged;
}

describe('the token check at start', () => {
  it('says the token was refused only when Slack refused it', async () => {
    stub.fail('auth.test', { error: 'invalid_auth' });
    expect(await startAndLog(stub.apiUrl)).toContain('Slack did not accept SLACK_BOT_TOKEN');
  });

  it('says Slack could not be reached, not that the token is wrong, when there is no answer', async () => {
    const logged = await startAndLog('http://127.0.0.1:9/api/');
    expect(logged).toContain('Slack could not be reached');
    expect(logged).not.toContain('did not accept');
  });
});
