import type { ChainableCommander, Cluster, Redis } from 'ioredis';

/** One command of a round trip: sent by itself, or queued in a pipeline with the others. */
export interface BatchedCall {
  alone(redis: Redis | Cluster): Promise<unknown>;
  queue(pipeline: ChainableCommander): void;
}

/**
 * The calls' replies, in order, in one round trip (none for no calls). A single call is sent by
 * itself: an ioredis pipeline costs more than its one command (it copies every script defined on the
 * connection onto itself and settles each reply twice), and most requests need one.
 */
export async function inOneRoundTrip(
  redis: Redis | Cluster,
  calls: readonly BatchedCall[],
): Promise<unknown[]> {
  if (calls.length === 0) return [];
  if (calls.length === 1) return [await calls[0]!.alone(redis)];
  const pipeline = redis.pipeline();
  for (const call of calls) call.queue(pipeline);
  return ((await pipeline.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
