import { type FetchFunction, LogLevel } from '@slack/web-api';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { slackFailure } from '../../adapters/slack/slack-failure.js';
import { SlackPoster, type SlackPosterOptions } from '../../adapters/slack/slack-poster.js';

/** What the fake Slack answers to each attempt, in order: a Response, or a transport fault. */
type Answer = Response | Error;

const ok = () => json(200, { ok: true, channel: 'C1', ts: '1767225600.000001' });
const rateLimited = (retryAfter: number) =>
  new Response(JSON.stringify({ ok: false, error: 'ratelimited' }), {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfter) },
  });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A poster on a real Web API client whose transport is a script; no network, no real waiting. */
function posterAnswering(answers: Answer[], options: SlackPosterOptions = {}) {
  const attempts: string[] = [];
  const waits: number[] = [];
  const fetch: FetchFunction = async (url) => {
    attempts.push(String(url));
    const answer = answers.shift() ?? ok();
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const poster = SlackPoster.create(
    'xoxb-test',
    { slackApiUrl: 'https://slack.test/api/', fetch, logLevel: LogLevel.ERROR },
    pino({ level: 'silent' }),
    {
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...options,
    },
  );
  const post = () => poster.postMessage({ channel: 'C1', text: 'C-1 added' });
  return { post, attempts, waits };
}

describe('SlackPoster', () => {
  it('posts once and returns what Slack answered', async () => {
    const { post, attempts } = posterAnswering([ok()]);
    expect((await post()).ts).toBe('1767225600.000001');
    expect(attempts).toEqual(['https://slack.test/api/chat.postMessage']);
  });

  it('posts again after a 429, having waited its Retry-After', async () => {
    const { post, attempts, waits } = posterAnswering([rateLimited(2), ok()]);
    expect((await post()).ok).toBe(true);
    expect(attempts).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it.each([
    ['a 500', json(500, { ok: false }), 'http_500'],
    ['a 503', json(503, { ok: false }), 'http_503'],
    ['a dropped connection or a timeout', new TypeError('fetch failed'), 'request_failed'],
  ])('never posts again after %s, which may come after Slack took the message', async (_, answer, code) => {
    const { post, attempts, waits } = posterAnswering([answer, ok()]);
    const error = await post().catch((failure: unknown) => failure);
    expect(slackFailure(error)?.code).toBe(code);
    expect(attempts).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('gives up with the rate limit after the last allowed retry', async () => {
    const { post, attempts, waits } = posterAnswering(
      [rateLimited(1), rateLimited(1), rateLimited(1), ok()],
      { rateLimitRetries: 2 },
    );
    const error = await post().catch((failure: unknown) => failure);
    expect(slackFailure(error)).toMatchObject({ code: 'ratelimited', retryAfterMs: 1000 });
    expect(attempts).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it('does not wait out a Retry-After longer than the person should wait', async () => {
    const { post, attempts, waits } = posterAnswering([rateLimited(120), ok()], { maxWaitMs: 30_000 });
    const error = await post().catch((failure: unknown) => failure);
    expect(slackFailure(error)).toMatchObject({ code: 'ratelimited', retryAfterMs: 120_000 });
    expect(attempts).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not post again when Slack refused the message itself', async () => {
    const { post, attempts } = posterAnswering([json(200, { ok: false, error: 'channel_not_found' }), ok()]);
    const error = await post().catch((failure: unknown) => failure);
    expect(slackFailure(error)?.code).toBe('channel_not_found');
    expect(attempts).toHaveLength(1);
  });
});
