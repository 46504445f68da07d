import { describe, expect, it } from 'vitest';
import { readConnectorFailure, toDeliveryError } from '../../adapters/teams/connector-failure.js';

const NOW = new Date('2026-06-01T12:00:00Z');

/** What @azure/core-rest-pipeline throws for an HTTP error answer. */
function restError(status: number, headers: Record<string, string> = {}, body?: object): Error {
  return Object.assign(new Error(`status ${status}`), {
    name: 'RestError',
    statusCode: status,
    response: {
      status,
      headers: { get: (name: string) => headers[name.toLowerCase()] },
      bodyAsText: body ? JSON.stringify(body) : undefined,
    },
  });
}

describe('reading a connector failure', () => {
  it('429 with Retry-After in seconds', () => {
    expect(readConnectorFailure(restError(429, { 'retry-after': '12' }), NOW)).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 12_000,
      permanent: false,
    });
  });

  it('429 with Retry-After as an HTTP date, measured from now', () => {
    const failure = readConnectorFailure(
      restError(429, { 'retry-after': 'Mon, 01 Jun 2026 12:00:30 GMT' }),
      NOW,
    );
    expect(failure?.retryAfterMs).toBe(30_000);
  });

  it('403 is the bot removed, 404 the conversation gone, both permanent, with the connector’s code', () => {
    expect(
      readConnectorFailure(restError(403, {}, { error: { code: 'BotNotInConversationRoster' } }), NOW),
    ).toMatchObject({
      kind: 'bot-removed',
      code: 'BotNotInConversationRoster',
      permanent: true,
    });
    expect(readConnectorFailure(restError(404), NOW)).toMatchObject({
      kind: 'conversation-gone',
      permanent: true,
    });
  });

  it('5xx and network errors are worth retrying', () => {
    expect(readConnectorFailure(restError(502), NOW)).toMatchObject({ kind: 'server', permanent: false });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(readConnectorFailure(refused, NOW)).toMatchObject({ kind: 'network', permanent: false });
  });

  it('anything else is not a connector failure (it is a bug)', () => {
    expect(readConnectorFailure(new TypeError('x is undefined'), NOW)).toBeUndefined();
    expect(readConnectorFailure('boom', NOW)).toBeUndefined();
  });

  it('becomes a DeliveryError the queue can act on', () => {
    const error = toDeliveryError(
      readConnectorFailure(restError(429, { 'retry-after': '2' }), NOW)!,
      'Teams refused to post to 19:x',
    );
    expect(error).toMatchObject({ permanent: false, retryAfterMs: 2000, code: 'teams_throttled' });
    expect(error.message).toBe(
      'Teams refused to post to 19:x: Teams is throttling this bot; retry after 2s (HTTP 429)',
    );
  });
});
