import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSignedBySlack } from '../../adapters/slack/slack-signature.js';

const SECRET = 'signing-secret';
const NOW_MS = Date.UTC(2026, 11, 1, 12, 0, 0);
const NOW_S = String(NOW_MS / 1000);
const BODY = 'command=%2Fcommit&text=list&user_id=U1';

function sign(body: string, timestamp: string, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function check(overrides: { body?: string; signature?: string; timestamp?: string; nowMs?: number } = {}) {
  const timestamp = 'timestamp' in overrides ? overrides.timestamp : NOW_S;
  return isSignedBySlack({
    signingSecret: SECRET,
    body: Buffer.from(overrides.body ?? BODY),
    signature: 'signature' in overrides ? overrides.signature : sign(BODY, NOW_S),
    timestamp,
    nowMs: overrides.nowMs ?? NOW_MS,
  });
}

describe('isSignedBySlack', () => {
  it('accepts the v0 HMAC-SHA256 of v0:<timestamp>:<body> under the signing secret', () => {
    expect(check()).toBe(true);
  });

  it('accepts a signature of non-ASCII body bytes, computed over the bytes as sent', () => {
    const body = 'text=add%20caf%C3%A9&extra=é—✅';
    expect(check({ body, signature: sign(body, NOW_S) })).toBe(true);
  });

  it('refuses a signature made with another secret', () => {
    expect(check({ signature: sign(BODY, NOW_S, 'other-secret') })).toBe(false);
  });

  it('refuses a body changed after signing', () => {
    expect(check({ body: `${BODY}&is_enterprise_install=true` })).toBe(false);
  });

  it('refuses a signature of another timestamp', () => {
    expect(check({ timestamp: String(NOW_MS / 1000 - 1) })).toBe(false);
  });

  it('refuses a request signed more than five minutes before now, and accepts one signed just within', () => {
    const old = String(NOW_MS / 1000 - 301);
    expect(check({ timestamp: old, signature: sign(BODY, old) })).toBe(false);
    const recent = String(NOW_MS / 1000 - 299);
    expect(check({ timestamp: recent, signature: sign(BODY, recent) })).toBe(true);
  });

  it('refuses a missing or malformed signature or timestamp', () => {
    const hex = sign(BODY, NOW_S).slice('v0='.length);
    expect(check({ signature: undefined })).toBe(false);
    expect(check({ signature: `v1=${hex}` })).toBe(false);
    expect(check({ signature: `v0=${hex.slice(0, 62)}` })).toBe(false);
    expect(check({ signature: `v0=${hex}00` })).toBe(false);
    expect(check({ signature: 'v0=not-hex' })).toBe(false);
    expect(check({ timestamp: undefined })).toBe(false);
    expect(check({ timestamp: `${NOW_S}.5`, signature: sign(BODY, `${NOW_S}.5`) })).toBe(false);
    expect(check({ timestamp: ` ${NOW_S}`, signature: sign(BODY, ` ${NOW_S}`) })).toBe(false);
  });
});
