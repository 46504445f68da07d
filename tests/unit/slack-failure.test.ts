import { ErrorCode as BoltErrorCode } from '@slack/bolt';
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { slackProblemText } from '../../adapters/slack/error-answers.js';
import { slackFailure } from '../../adapters/slack/slack-failure.js';

function coded(code: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(code), { code, ...fields });
}

describe('reading Slack API failures', () => {
  it('takes the wait from a rate-limited call', () => {
    expect(slackFailure(coded(ErrorCode.RateLimitedError, { retryAfter: 30 }))).toEqual({
      code: 'ratelimited',
      permanent: false,
      retryAfterMs: 30_000,
    });
  });

  it.each([
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'account_inactive',
    'token_revoked',
    'invalid_auth',
  ])('treats %s as permanent', (error) => {
    expect(slackFailure(coded(ErrorCode.PlatformError, { data: { ok: false, error } }))).toEqual({
      code: error,
      permanent: true,
    });
  });

  it('treats an unknown platform error and a server error as worth retrying', () => {
    expect(
      slackFailure(coded(ErrorCode.PlatformError, { data: { ok: false, error: 'fatal_error' } }))?.permanent,
    ).toBe(false);
    expect(slackFailure(coded(ErrorCode.HTTPError, { statusCode: 503 }))).toEqual({
      code: 'http_503',
      permanent: false,
    });
    expect(slackFailure(coded(ErrorCode.RequestError, {}))).toEqual({
      code: 'request_failed',
      permanent: false,
    });
  });

  it('reads the plain error the client throws when its own retries of a 429 run out', () => {
    const error = new Error('A rate limit was exceeded (url: chat.postMessage, retry-after: 7)');
    expect(slackFailure(error)).toEqual({ code: 'ratelimited', permanent: false, retryAfterMs: 7000 });
  });

  it('reads an expired response_url as permanent', () => {
    expect(slackFailure(coded(BoltErrorCode.RespondError, { statusCode: 404 }))).toEqual({
      code: 'response_url_failed',
      permanent: true,
    });
  });

  it('does not claim errors that are not Slack’s', () => {
    expect(slackFailure(new TypeError('x is undefined'))).toBeUndefined();
    expect(slackFailure('boom')).toBeUndefined();
  });
});

describe('what a Slack failure means for the person', () => {
  it('says when to try again after a rate limit', () => {
    expect(slackProblemText({ code: 'ratelimited', permanent: false, retryAfterMs: 12_000 })).toContain(
      'try again in 12 seconds',
    );
  });

  it('tells how to fix a channel the bot is not in', () => {
    expect(slackProblemText({ code: 'not_in_channel', permanent: true })).toContain('/invite @followthrough');
  });

  it('sends a revoked token to an admin', () => {
    expect(slackProblemText({ code: 'token_revoked', permanent: true })).toContain('reinstall');
  });
});
