import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryBackoff } from '../../jobs/delivery/delivery-processor.js';
import { deliveryJobId, reminderJobId } from '../../jobs/scheduler-keys.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';

describe('job ids', () => {
  it('a delivery job id is the same for the same key, differs between keys, and has no colon', () => {
    const key = 'digest:MEITY:2026-W10:teams:19:meity@thread.tacv2';
    expect(deliveryJobId(key)).toBe(deliveryJobId(key));
    expect(deliveryJobId(key)).not.toBe(deliveryJobId(key.replace('W10', 'W11')));
    fc.assert(
      fc.property(fc.string(), (anyKey) => {
        const id = deliveryJobId(anyKey);
        expect(id).not.toContain(':');
        expect(String(Number.parseInt(id, 10))).not.toBe(id);
      }),
    );
  });

  it('a reminder job id names the commitment, version, offset and agency', () => {
    expect(reminderJobId('C-12', 3, '1d', 'MY-TRADE')).toBe('rem-C-12-v3-1d-MY-TRADE');
  });
});

describe('delivery back-off', () => {
  const backoff = deliveryBackoff(1_000);

  it('doubles with each attempt, within ±20% jitter', () => {
    for (const [attempt, base] of [
      [1, 1_000],
      [2, 2_000],
      [4, 8_000],
    ] as const) {
      const delay = backoff(attempt, 'delivery', new Error('socket hang up'));
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
    }
  });

  it('never retries sooner than a Retry-After', () => {
    const limited = new DeliveryError('ratelimited', { permanent: false, retryAfterMs: 30_000 });
    expect(backoff(1, 'delivery', limited)).toBe(30_000);
    expect(backoff(8, 'delivery', limited)).toBeGreaterThanOrEqual(128_000 * 0.8);
  });
});
