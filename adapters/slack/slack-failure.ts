import { ErrorCode as BoltErrorCode } from '@slack/bolt';
import { ErrorCode as WebErrorCode } from '@slack/web-api';

/** A failed call to Slack, reduced to what decides the next step: wait, retry, or give up and say why. */
export interface SlackFailure {
  /** Slack's error code (`channel_not_found`, `ratelimited`, …) or ours for transport faults. */
  code: string;
  /** Retrying cannot help: the channel is gone, the bot was removed, the token is dead. */
  permanent: boolean;
  retryAfterMs?: number;
}

/** Codes after which the same call will fail again until a person changes something in Slack. */
export const PERMANENT_CODES: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'missing_scope',
  'no_permission',
  'restricted_action',
  'user_not_found',
  'msg_too_long',
  'invalid_blocks',
  'message_not_found',
  'cant_update_message',
  'team_access_not_granted',
]);

/** Reads any error thrown by the Web API client or by `respond()`; undefined when it did not come from Slack. */
export function slackFailure(error: unknown): SlackFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const coded = error as Error & {
    code?: unknown;
    data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } };
    retryAfter?: unknown;
    statusCode?: unknown;
  };
  // The client's own retries give up on a 429 that keeps coming back with this message, wrapped
  // as a request error.
  const rateLimited = /rate limit was exceeded.*?(?:retry-after: (\d+))?\)?$/i.exec(error.message);
  if (rateLimited) {
    const retryAfterMs = rateLimited[1] === undefined ? undefined : Number(rateLimited[1]) * 1000;
    return { code: 'ratelimited', permanent: false, retryAfterMs };
  }
  switch (coded.code) {
    case WebErrorCode.RateLimitedError:
      return { code: 'ratelimited', permanent: false, retryAfterMs: seconds(coded.retryAfter) };
    case WebErrorCode.PlatformError: {
      const code = typeof coded.data?.error === 'string' ? coded.data.error : 'unknown_error';
      const retryAfterMs = seconds(coded.data?.response_metadata?.retryAfter);
      return retryAfterMs === undefined
        ? { code, permanent: PERMANENT_CODES.has(code) }
        : { code, permanent: false, retryAfterMs };
    }
    case WebErrorCode.HTTPError:
      return { code: `http_${String(coded.statusCode)}`, permanent: false };
    case WebErrorCode.RequestError:
      return { code: 'request_failed', permanent: false };
    case BoltErrorCode.RespondError:
      return { code: 'response_url_failed', permanent: coded.statusCode === 404 };
  }
  // The client's own retries give up with a plain Error once a 429 keeps coming back.
  if (/rate limit was exceeded/i.test(error.message)) {
    const match = /retry-after: (\d+)/.exec(error.message);
    return {
      code: 'ratelimited',
      permanent: false,
      retryAfterMs: match ? Number(match[1]) * 1000 : undefined,
    };
  }
  return undefined;
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}
