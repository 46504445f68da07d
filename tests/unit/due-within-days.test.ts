import { describe, expect, it } from 'vitest';
import { dueWithinDaysRange } from '../../src/store/due-within-days.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

describe('dueWithinDaysRange: the due instants of "due within N days" as "(in N days)" counts them', () => {
  it('is [now, now + N + 1 days) exactly while no zone in use changes its clocks', () => {
    const now = new Date('2026-12-04T10:30:00Z');
    expect(dueWithinDaysRange(now, 7, ['Asia/Kuala_Lumpur', 'Asia/Kolkata', 'UTC'])).toEqual({
      due: { from: now.getTime(), before: now.getTime() + 8 * DAY_MS },
    });
  });

  it('leaves the two hours either side of that end to be checked one by one when a zone in use changes its clocks', () => {
    // New York's clocks go back on 1 November 2026.
    const now = new Date('2026-10-26T04:30:00Z');
    const end = now.getTime() + 15 * DAY_MS;
    expect(dueWithinDaysRange(now, 14, ['Asia/Kuala_Lumpur', 'America/New_York'])).toEqual({
      due: { from: now.getTime(), before: end - 2 * HOUR_MS },
      edge: { from: end - 2 * HOUR_MS, before: end + 2 * HOUR_MS },
    });
  });
});
