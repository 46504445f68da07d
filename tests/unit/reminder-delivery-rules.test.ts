import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryBackoff } from '../../jobs/delivery/delivery-processor.js';
import { deliveryJobId, reminderDeliveryKey, reminderJobId } from '../../jobs/scheduler-keys.js';
import type { ReminderOccasion } from '../../src/calendar/reminder-occasion.js';
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

  const reminder: ReminderOccasion = {
    commitmentId: 'C-12',
    deadline: { kind: 'date', date: '2026-12-15' },
    offset: '1d',
    agency: 'MY-TRADE',
    at: Date.parse('2026-12-14T01:00:00Z'),
  };
  const SLACK = { platform: 'slack' as const, id: 'C1' };

  it('a reminder job id names the commitment, deadline, offset and agency, not the version', () => {
    expect(reminderJobId(reminder)).toBe('rem-C-12-2026-12-15-1d-MY-TRADE');
    const atNine = { ...reminder, deadline: { kind: 'instant' as const, at: '2026-12-15T09:00:00+08:00' } };
    expect(reminderJobId(atNine)).toBe('rem-C-12-2026-12-15T010000Z-1d-MY-TRADE');
    // The same instant however it was written; no colon, which BullMQ refuses in a job id.
    expect(reminderJobId({ ...atNine, deadline: { kind: 'instant', at: '2026-12-15T01:00:00.000Z' } })).toBe(
      reminderJobId(atNine),
    );
  });

  it('a reminder a snooze moved is told apart by the end of its snooze', () => {
    const moved = { ...reminder, offset: 'snooze', snoozedUntil: '2026-12-10T01:00:00.250Z' };
    expect(reminderJobId(moved)).toBe('rem-C-12-2026-12-15-snooze-2026-12-10T010000.250Z-MY-TRADE');
    expect(reminderJobId({ ...moved, snoozedUntil: '2026-12-11T01:00:00Z' })).not.toBe(reminderJobId(moved));
  });

  it('a reminder delivery key is one per deadline, offset and channel, whichever agency asked for it', () => {
    expect(reminderDeliveryKey(reminder, SLACK)).toBe('reminder:C-12:2026-12-15:1d:slack:C1');
    expect(reminderDeliveryKey({ ...reminder, agency: 'MY-STATE', at: 0 }, SLACK)).toBe(
      reminderDeliveryKey(reminder, SLACK),
    );
    expect(
      reminderDeliveryKey({ ...reminder, deadline: { kind: 'date', date: '2026-12-16' } }, SLACK),
    ).not.toBe(reminderDeliveryKey(reminder, SLACK));
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
