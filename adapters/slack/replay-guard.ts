import { type BufferedIncomingMessage, HTTPModuleFunctions } from '@slack/bolt';
import express, { type RequestHandler } from 'express';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isRedisUnavailable } from '../../src/redis/redis-errors.js';
import { LuaScript } from '../../src/store/lua-script.js';
import { isSignedBySlack, SIGNATURE_WINDOW_MS } from './slack-signature.js';

export interface ReplayGuardOptions {
  signingSecret: string;
  redis: Redis | Cluster;
  /** Redis key prefix; keep a `{tag}` for Redis Cluster. */
  keyPrefix: string;
  log: Logger;
}

/** Slack retries an event three times within minutes; an hour covers them all. */
const DELIVERY_MEMORY_MS = 60 * 60 * 1000;
/** Bolt's own limit for a request body. */
const BODY_LIMIT = '4mb';

type Verdict = 'fresh' | 'replayed' | 'retried';

/**
 * In front of Bolt's receiver on `/slack/events`, which is built not to check signatures again (the
 * same HMAC twice would be work for nothing). Every request must be signed with the signing secret and
 * be under five minutes old, or it is refused (401) and nothing runs; within those five minutes the
 * same request could be sent again and would run again. So, for a correctly signed request:
 * - a signature already seen is a replay: refused (401), nothing runs;
 * - a timestamp more than five minutes ahead is refused too (it would stay fresh for longer);
 * - Slack's own retry (`X-Slack-Retry-Num`) of an event or interaction that already arrived (same
 *   `event_id` or `trigger_id`, running or done) is answered 200 as done, not run again.
 * Both are remembered in Redis with an expiry, so every web process sees them, by one script: one round
 * trip a request. The body is read once here and handed on. When Redis cannot answer, the request goes
 * on unchecked for replays.
 */
export function slackReplayGuard(options: ReplayGuardOptions): RequestHandler {
  const { redis, log } = options;
  const readBody = express.raw({ type: () => true, limit: BODY_LIMIT });
  const script = new LuaScript(
    redis,
    'followthroughSlackReplay',
    new URL('./replay-guard.lua', import.meta.url),
  );
  const guard: RequestHandler = async (req, res, next) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Bolt reads `rawBody` when it is there (as on Google Cloud), so the stream is not needed again.
    Object.assign(req, { rawBody: raw });
    const signature = req.get('x-slack-signature');
    const timestampHeader = req.get('x-slack-request-timestamp');
    const now = Date.now();
    const signed = isSignedBySlack({
      signingSecret: options.signingSecret,
      body: raw,
      signature,
      timestamp: timestampHeader,
      nowMs: now,
    });
    if (!signed) {
      log.warn('Slack request refused: not signed with SLACK_SIGNING_SECRET, or more than five minutes old');
      res.status(401).send();
      return;
    }
    const body = parsedBody(req as unknown as BufferedIncomingMessage);
    const timestampMs = Number(timestampHeader) * 1000;
    if (timestampMs > now + SIGNATURE_WINDOW_MS) {
      log.warn({ timestampMs }, 'Slack request refused: its timestamp is more than five minutes ahead');
      res.status(401).send();
      return;
    }
    const delivery = deliveryOf(body);
    const retryNum = req.get('x-slack-retry-num');
    const signatureKey = `${options.keyPrefix}slack:signature:${signature}`;
    // The signature is remembered for as long as the request would pass as fresh, and a minute more.
    const fresh = Math.max(1000, timestampMs + SIGNATURE_WINDOW_MS - now + 60_000);
    const verdict = (await script.run(
      delivery ? [signatureKey, deliveryKey(options, delivery)] : [signatureKey],
      [String(fresh), String(DELIVERY_MEMORY_MS), retryNum === undefined ? '0' : '1'],
    )) as Verdict;
    if (verdict === 'retried') {
      log.info(
        { delivery, retryNum, retryReason: req.get('x-slack-retry-reason') },
        'Slack retried a request that already arrived; answered as done, not run again',
      );
      res.status(200).send();
      return;
    }
    if (verdict === 'replayed') {
      log.warn({ delivery }, 'Slack request refused: its signature was already used (a replay)');
      res.status(401).send();
      return;
    }
    next();
  };
  return (req, res, next) => {
    readBody(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      Promise.resolve(guard(req, res, next)).catch((failure: unknown) => {
        // Redis is the store too, so the command will fail and be answered as such; as with Teams'
        // activity claims, a rare repeat is better than a request lost without an answer.
        const cause = isRedisUnavailable(failure) ? { reason: (failure as Error).message } : { err: failure };
        log.warn(cause, 'could not check a Slack request for a replay; letting it through');
        if (!res.headersSent) next();
      });
    });
  };
}

/** The request's fields as Bolt reads them; a body Bolt cannot parse has none worth remembering. */
function parsedBody(req: BufferedIncomingMessage): Record<string, unknown> {
  try {
    const body: unknown = HTTPModuleFunctions.parseHTTPRequestBody(req);
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What identifies one delivery across Slack's retries: the event's id, or the interaction's trigger. */
function deliveryOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string') return `trigger:${body.trigger_id}`;
  return undefined;
}

function deliveryKey(options: ReplayGuardOptions, delivery: string): string {
  return `${options.keyPrefix}slack:delivery:${delivery}`;
}
