import type { ChainableCommander, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { type BatchedCall, inOneRoundTrip } from '../../src/store/one-round-trip.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();

/** A GET of `key`, counting how it was sent. */
function get(key: string, sent: { alone: number; queued: number }): BatchedCall {
  return {
    alone: (connection) => {
      sent.alone += 1;
      return (connection as Redis).get(key);
    },
    queue: (pipeline: ChainableCommander) => {
      sent.queued += 1;
      pipeline.get(key);
    },
  };
}

describe('inOneRoundTrip', () => {
  it('sends one call by itself and several together, answering each in order', async () => {
    await redis.mset(`${prefix}a`, '1', `${prefix}b`, '2');
    const sent = { alone: 0, queued: 0 };
    expect(await inOneRoundTrip(redis, [get(`${prefix}a`, sent)])).toEqual(['1']);
    expect(sent).toEqual({ alone: 1, queued: 0 });
    const three = [get(`${prefix}b`, sent), get(`${prefix}missing`, sent), get(`${prefix}a`, sent)];
    expect(await inOneRoundTrip(redis, three)).toEqual(['2', null, '1']);
    expect(sent).toEqual({ alone: 1, queued: 3 });
    expect(await inOneRoundTrip(redis, [])).toEqual([]);
  });

  it('fails as the call that failed, alone or together', async () => {
    await redis.set(`${prefix}text`, 'not a hash');
    const wrongType: BatchedCall = {
      alone: (connection) => (connection as Redis).hget(`${prefix}text`, 'field'),
      queue: (pipeline) => void pipeline.hget(`${prefix}text`, 'field'),
    };
    await expect(inOneRoundTrip(redis, [wrongType])).rejects.toThrow(/WRONGTYPE/);
    const sent = { alone: 0, queued: 0 };
    await expect(inOneRoundTrip(redis, [get(`${prefix}text`, sent), wrongType])).rejects.toThrow(/WRONGTYPE/);
  });
});
