import type { Redis } from 'ioredis';

/** What a piece of code asked of Redis: commands sent, and the size of what came back. */
export interface CommandCount {
  commands: number;
  /** Characters of string replies, 8 for a number, summed through arrays: what was read. */
  replySize: number;
  /** Command names in the order sent, e.g. `['get', 'evalsha', 'mget']`. */
  names: string[];
}

/**
 * Counts every command sent on the connection (pipelines and transactions included, a script run as
 * one) while `work` runs, and what their replies weighed. The connection must not be shared with
 * anything else running meanwhile.
 */
export async function countCommands(redis: Redis, work: () => Promise<unknown>): Promise<CommandCount> {
  const count: CommandCount = { commands: 0, replySize: 0, names: [] };
  const pending: Promise<void>[] = [];
  const send = redis.sendCommand;
  redis.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
    const [command] = args;
    count.commands += 1;
    count.names.push(command.name);
    pending.push(
      command.promise.then(
        (reply: unknown) => {
          count.replySize += sizeOf(reply);
        },
        () => undefined,
      ),
    );
    return send.apply(this, args);
  } as Redis['sendCommand'];
  try {
    await work();
  } finally {
    redis.sendCommand = send;
  }
  await Promise.all(pending);
  return count;
}

function sizeOf(reply: unknown): number {
  if (typeof reply === 'string') return reply.length;
  if (Buffer.isBuffer(reply)) return reply.length;
  if (Array.isArray(reply)) return reply.reduce((sum: number, item) => sum + sizeOf(item), 0);
  if (typeof reply === 'number') return 8;
  return 0;
}
