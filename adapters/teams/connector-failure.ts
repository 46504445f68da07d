import { DeliveryError } from '../../src/errors/delivery-error.js';

export type ConnectorFailureKind =
  | 'throttled'
  | 'bot-removed'
  | 'conversation-gone'
  | 'unauthorized'
  | 'rejected'
  | 'server'
  | 'network';

/** A call to the Bot Framework connector that failed, read from whatever the SDK threw. */
export interface ConnectorFailure {
  kind: ConnectorFailureKind;
  status?: number;
  /** From `Retry-After` on a 429 (seconds or an HTTP date). */
  retryAfterMs?: number;
  /** The connector's own error code, e.g. `BotNotInConversationRoster`. */
  code?: string;
  permanent: boolean;
}

interface HttpishError {
  statusCode?: unknown;
  code?: unknown;
  response?: { status?: unknown; headers?: unknown; bodyAsText?: unknown };
}

/** Undefined when the error did not come from an HTTP call (then it is a bug, not a connector failure). */
export function readConnectorFailure(error: unknown, now: Date): ConnectorFailure | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as HttpishError;
  const status = numeric(e.statusCode) ?? numeric(e.response?.status);
  if (status === undefined) {
    const isRestError = (error as Error).name === 'RestError';
    return isRestError || (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code))
      ? { kind: 'network', code: typeof e.code === 'string' ? e.code : undefined, permanent: false }
      : undefined;
  }
  const code = connectorCode(e.response?.bodyAsText);
  if (status === 429) {
    return {
      kind: 'throttled',
      status,
      code,
      permanent: false,
      retryAfterMs: retryAfter(e.response?.headers, now),
    };
  }
  if (status === 403) return { kind: 'bot-removed', status, code, permanent: true };
  if (status === 404) return { kind: 'conversation-gone', status, code, permanent: true };
  if (status === 401) return { kind: 'unauthorized', status, code, permanent: true };
  if (status >= 500) return { kind: 'server', status, code, permanent: false };
  return { kind: 'rejected', status, code, permanent: true };
}

/** What the delivery queue needs to decide: wait, retry, or give up and report. */
export function toDeliveryError(failure: ConnectorFailure, what: string): DeliveryError {
  return new DeliveryError(`${what}: ${describeFailure(failure)}`, {
    permanent: failure.permanent,
    retryAfterMs: failure.retryAfterMs,
    code: `teams_${failure.kind.replace('-', '_')}`,
  });
}

/** One line for logs and for people: what Teams said, and what it means. */
export function describeFailure(failure: ConnectorFailure): string {
  const detail = [failure.status && `HTTP ${failure.status}`, failure.code].filter(Boolean).join(' ');
  const suffix = detail ? ` (${detail})` : '';
  switch (failure.kind) {
    case 'throttled':
      return `Teams is throttling this bot${failure.retryAfterMs !== undefined ? `; retry after ${Math.ceil(failure.retryAfterMs / 1000)}s` : ''}${suffix}`;
    case 'bot-removed':
      return `the bot is not a member of that conversation any more, or is blocked there${suffix}`;
    case 'conversation-gone':
      return `Teams does not know that conversation or message; it may have been deleted${suffix}`;
    case 'unauthorized':
      return `Teams refused the bot's credentials; check MicrosoftAppId and MicrosoftAppPassword${suffix}`;
    case 'rejected':
      return `Teams rejected the request${suffix}`;
    case 'server':
      return `Teams had a server error${suffix}`;
    case 'network':
      return `Teams could not be reached${suffix}`;
  }
}

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function connectorCode(body: unknown): string | undefined {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

function retryAfter(headers: unknown, now: Date): number | undefined {
  const raw = header(headers, 'retry-after');
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const withGet = headers as { get?: (name: string) => unknown };
  const value =
    typeof withGet.get === 'function' ? withGet.get(name) : (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
