import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_CLAIM_MS, ActivityClaims } from '../../adapters/teams/activity-claims.js';

const log = pino({ level: 'silent' });

/** Just enough of Redis's SET … PX … NX to see what the claims ask for. */
function fakeRedis(fail = false) {
  const keys = new Map<string, string>();
  const calls: unknown[][] = [];
  const redis = {
    async set(...args: unknown[]) {
      calls.push(args);
      if (fail) throw new Error('connection lost');
      const [key, value] = args as [string, string];
      if (keys.has(key)) return null;
      keys.set(key, value);
      return 'OK';
    },
  };
  return { redis: redis as unknown as Redis, calls };
}

const activity = (id: string | undefined, conversationId = '19:c@thread.tacv2;messageid=17') => ({
  id,
  type: 'message',
  conversation: { id: conversationId, isGroup: true, conversationType: 'channel', name: '' },
});

describe('activity claims', () => {
  it('the first delivery claims the activity for a day, keyed by its conversation without the thread', async () => {
    const { redis, calls } = fakeRedis();
    const claims = new ActivityClaims({ redis, prefix: '{t}:', log });
    expect(await claims.claim(activity('17'))).toBe(true);
    expect(calls).toEqual([['{t}:teams:activity:19:c@thread.tacv2:17', '1', 'PX', ACTIVITY_CLAIM_MS, 'NX']]);
    expect(ACTIVITY_CLAIM_MS).toBe(24 * 60 * 60 * 1000);
  });

  it('a second delivery of the same activity is refused', async () => {
    const { redis } = fakeRedis();
    const claims = new ActivityClaims({ redis, log });
    expect(await claims.claim(activity('17'))).toBe(true);
    expect(await claims.claim(activity('17'))).toBe(false);
    expect(await claims.claim(activity('18'))).toBe(true);
  });

  it('when Redis cannot answer, or the activity has no id, it runs', async () => {
    const { redis } = fakeRedis(true);
    const claims = new ActivityClaims({ redis, log });
    expect(await claims.claim(activity('17'))).toBe(true);
    expect(await claims.claim(activity('17'))).toBe(true);
    expect(await new ActivityClaims({ redis: fakeRedis().redis, log }).claim(activity(undefined))).toBe(true);
  });
});
