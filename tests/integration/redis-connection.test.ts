import type { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/redis/redis-connection.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitUntil } from '../support/wait-until.js';

const { redis, prefix, url } = useTestRedis();
const connection = createRedisConnection({ url: url! }) as Redis;
afterAll(() => connection.quit());

const socketOf = (client: Redis) => (client as unknown as { stream: Writable }).stream;

/** Sends three commands in one turn of the event loop: what the socket holds back meanwhile, and the replies. */
async function oneTurn(key: string) {
  const replies = Promise.all([connection.set(key, '1'), connection.incr(key), connection.get(key)]);
  const socket = socketOf(connection);
  const heldBack = { corked: socket.writableCorked, bytes: socket.writableLength };
  return { heldBack, replies: await replies, corkedAfter: socket.writableCorked };
}

describe('a Redis connection of the bot', () => {
  it('writes the commands sent in one turn of the event loop together, at its end, each with its own reply', async () => {
    await connection.ping();
    const sent = await oneTurn(`${prefix}tick`);
    expect(sent.heldBack.corked).toBe(1);
    expect(sent.heldBack.bytes).toBeGreaterThan(0);
    expect(sent.replies).toEqual(['OK', 2, '2']);
    expect(sent.corkedAfter).toBe(0);
  });

  it('does the same on the socket it opens after losing the connection', async () => {
    await connection.client('SETNAME', 'corked-connection');
    const before = socketOf(connection);
    const clients = await redis.client('LIST');
    const id = /id=(\d+) [^\n]*name=corked-connection/.exec(String(clients))![1]!;
    await redis.client('KILL', 'ID', id);
    await waitUntil(() => socketOf(connection) !== before && connection.status === 'ready', 'reconnected');
    const sent = await oneTurn(`${prefix}tick-again`);
    expect(sent.heldBack.corked).toBe(1);
    expect(sent.replies).toEqual(['OK', 2, '2']);
  });
});
