import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's freshness window for a signed request. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/**
 * Whether a request carries Slack's signature of its body (`X-Slack-Signature`: `v0=` and the hex
 * HMAC-SHA256, keyed with the signing secret, of `v0:<X-Slack-Request-Timestamp>:<body>`) and its
 * timestamp is at most five minutes old: Slack's scheme, as Bolt's `verifySlackRequest` checks it, with
 * the HMAC taken once over the body's bytes and compared in constant time by `timingSafeEqual` (Bolt's
 * comparison takes two more HMACs and random bytes for the same guarantee, on every request).
 */
export function isSignedBySlack(request: {
  signingSecret: string;
  body: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
}): boolean {
  const { signature, timestamp } = request;
  if (!signature?.startsWith('v0=') || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Number(timestamp) * 1000 < request.nowMs - SIGNATURE_WINDOW_MS) return false;
  const expected = createHmac('sha256', request.signingSecret)
    .update(`v0:${timestamp}:`)
    .update(request.body)
    .digest();
  const given = Buffer.from(signature.slice('v0='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
