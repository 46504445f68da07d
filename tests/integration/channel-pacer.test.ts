import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../jobs/delivery/channel-pacer.js';
import { schedulerKeys } from '../../jobs/scheduler-keys.js';
import type { ChannelRef } from '../../src/model/platform.js';
import { countCommands } from '../support/count-commands.js';
import { useTestRedis } from '../support/test-redis.js';

const { prefix, newConnection } = useTestRedis();
const CHANNEL: ChannelRef = { platform: 'slack', id: 'C-PACED' };
const GAP = 1_000;
const SHORT = 250;
const T0 = 1_800_000_000_000;

let run = 0;
function pacer() {
  const redis = newConnection();
  return { redis, pacer: new ChannelPacer(redis, schedulerKeys(`${prefix}p${++run}:`), () => GAP) };
}

describe('ChannelPacer', () => {
  it('gives every waiting post a slot of its own, a gap after the one before, in one call each', async () => {
    const { redis, pacer: p } = pacer();
    await p.reserve({ platform: 'slack', id: 'C-OTHER' }, T0, SHORT); // the script known to Redis
    const slots: number[] = [];
    const count = await countCommands(redis, async () => {
      for (let i = 0; i < 200; i += 1) slots.push(await p.reserve(CHANNEL, T0, SHORT));
    });
    expect(slots).toEqual(Array.from({ length: 200 }, (_, i) => T0 + i * GAP));
    expect(count.commands).toBe(200);
  });

  it('lets a post come back to its slot and go, in one call, however many wait behind it', async () => {
    const { redis, pacer: p } = pacer();
    const slots: number[] = [];
    for (let i = 0; i < 200; i += 1) slots.push(await p.reserve(CHANNEL, T0, SHORT));
    for (const k of [1, 2, 150]) {
      // The post before it went at its own slot.
      await p.reserve(CHANNEL, slots[k - 1]!, SHORT, slots[k - 1]!);
      const count = await countCommands(redis, async () => {
        expect(await p.reserve(CHANNEL, slots[k]!, SHORT, slots[k]!)).toBe(slots[k]);
      });
      expect(count.commands).toBe(1);
    }
  });

  it('holds a post that comes back early after the one before went late, a gap after that one', async () => {
    const { pacer: p } = pacer();
    const [, second, third] = [
      await p.reserve(CHANNEL, T0, SHORT),
      await p.reserve(CHANNEL, T0, SHORT),
      await p.reserve(CHANNEL, T0, SHORT),
    ];
    expect([second, third]).toEqual([T0 + GAP, T0 + 2 * GAP]);
    // The second post woke 200 ms late, and went then.
    expect(await p.reserve(CHANNEL, second! + 200, SHORT, second)).toBe(second! + 200);
    // The third wakes on time: it waits the 200 ms out in the worker, a gap after the second.
    expect(await p.reserve(CHANNEL, third!, SHORT, third)).toBe(third! + 200);
  });

  it("moves a post whose slot falls in a 429's hold to the first slot after the hold", async () => {
    const { pacer: p } = pacer();
    const slots = [await p.reserve(CHANNEL, T0, SHORT), await p.reserve(CHANNEL, T0, SHORT)];
    await p.hold(CHANNEL, T0, T0 + 30_000);
    expect(await p.reserve(CHANNEL, slots[1]!, SHORT, slots[1]!)).toBe(T0 + 30_000);
    expect(await p.reserve(CHANNEL, T0 + 2 * GAP, SHORT)).toBe(T0 + 31_000);
  });
});
