import { describe, expect, it } from 'vitest';
import { FreshRead } from '../../src/store/fresh-read.js';

/** A read whose answers the test gives, one per read started, in order. */
function controlledRead() {
  const started: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      started.push({ resolve, reject });
    });
  return { started, fresh: new FreshRead(read) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('FreshRead', () => {
  it('answers callers that asked while a read was on its way with the next read, shared, not that one', async () => {
    const { started, fresh } = controlledRead();
    const first = fresh.get();
    expect(started).toHaveLength(1);
    const second = fresh.get();
    const third = fresh.get();
    expect(started).toHaveLength(1);
    started[0]!.resolve(1);
    expect(await first).toBe(1);
    await settle();
    expect(started).toHaveLength(2);
    started[1]!.resolve(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  it('starts a read of its own for a caller that asks when none is on its way', async () => {
    const { started, fresh } = controlledRead();
    const first = fresh.get();
    started[0]!.resolve(1);
    await first;
    await settle();
    const later = fresh.get();
    expect(started).toHaveLength(2);
    started[1]!.resolve(5);
    expect(await later).toBe(5);
  });

  it('gives a failed read’s error to its own callers only: those waiting for the next read get that one', async () => {
    const { started, fresh } = controlledRead();
    const first = fresh.get();
    const waiting = fresh.get();
    started[0]!.reject(new Error('Redis is away'));
    await expect(first).rejects.toThrow('Redis is away');
    await settle();
    started[1]!.resolve(3);
    expect(await waiting).toBe(3);
  });
});
