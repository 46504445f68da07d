import { describe, expect, it } from 'vitest';

/** Run only in the zone projects of vitest.config.ts, which set TZ and EXPECTED_HOST_ZONE together. */
describe('the host zone of a zone run', () => {
  it('is the zone the run is named for', () => {
    const expected = process.env.EXPECTED_HOST_ZONE;
    expect(expected).toBeTruthy();
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(expected);
    const offsetOf = {
      UTC: 0,
      'Asia/Kuala_Lumpur': -480,
      'Pacific/Auckland': -780,
      'America/Los_Angeles': 480,
    };
    expect(new Date(Date.UTC(2026, 0, 15, 12)).getTimezoneOffset()).toBe(
      offsetOf[expected as keyof typeof offsetOf],
    );
  });
});
