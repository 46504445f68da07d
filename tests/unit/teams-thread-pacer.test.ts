import { describe, expect, it } from 'vitest';
import { ThreadPacer } from '../../adapters/teams/thread-pacer.js';
import { FixedClock } from '../../src/ports/clock.js';

function pacer() {
  const clock = new FixedClock('2026-06-01T00:00:00Z');
  const start = clock.now().getTime();
  const waits: number[] = [];
  const p = new ThreadPacer({
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
  });
  const elapsed = () => clock.now().getTime() - start;
  return { p, clock, waits, elapsed };
}

describe('pacing posts to a Teams thread', () => {
  it('seven in a second go at once; the eighth waits for the first to leave the second', async () => {
    const { p, elapsed } = pacer();
    for (let i = 0; i < 7; i += 1) await p.acquire('t');
    expect(elapsed()).toBe(0);
    await p.acquire('t');
    expect(elapsed()).toBe(1000);
  });

  it('never more than 8 in 2 seconds', async () => {
    const { p, elapsed } = pacer();
    for (let i = 0; i < 9; i += 1) await p.acquire('t');
    expect(elapsed()).toBe(2000);
  });

  it('never more than 60 in 30 seconds', async () => {
    const { p, clock, elapsed } = pacer();
    const times: number[] = [];
    for (let i = 0; i < 61; i += 1) {
      await p.acquire('t');
      times.push(clock.now().getTime());
    }
    for (let i = 60; i < times.length; i += 1)
      expect(times[i]! - times[i - 60]!).toBeGreaterThanOrEqual(30_000);
    expect(elapsed()).toBe(30_000);
  });

  it('threads are paced apart', async () => {
    const { p, elapsed } = pacer();
    for (let i = 0; i < 7; i += 1) await p.acquire('a');
    for (let i = 0; i < 7; i += 1) await p.acquire('b');
    expect(elapsed()).toBe(0);
  });

  it('concurrent callers take turns and together stay within the limit', async () => {
    const { p, clock } = pacer();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, () => p.acquire('t').then(() => times.push(clock.now().getTime()))),
    );
    times.sort((a, b) => a - b);
    for (let i = 7; i < times.length; i += 1) expect(times[i]! - times[i - 7]!).toBeGreaterThanOrEqual(1000);
    for (let i = 8; i < times.length; i += 1) expect(times[i]! - times[i - 8]!).toBeGreaterThanOrEqual(2000);
  });

  it('after a quiet spell a thread starts afresh', async () => {
    const { p, clock, waits } = pacer();
    for (let i = 0; i < 7; i += 1) await p.acquire('t');
    clock.advance(3_600_000);
    for (let i = 0; i < 7; i += 1) await p.acquire('t');
    expect(waits).toEqual([]);
  });
});
