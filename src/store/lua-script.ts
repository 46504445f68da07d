import { readFileSync } from 'node:fs';
import type { ChainableCommander, Cluster, Redis } from 'ioredis';

type ScriptCommand = (numberOfKeys: number, ...keysAndArgs: string[]) => Promise<unknown>;

/**
 * A Lua script registered on the connection with `defineCommand`, so ioredis sends EVALSHA and falls back
 * to EVAL only when the server does not know the script yet. Every key it touches is passed in `keys`.
 */
export class LuaScript {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly name: string,
    file: URL,
  ) {
    redis.defineCommand(name, { lua: readFileSync(file, 'utf8') });
  }

  run(keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const command = (this.redis as unknown as Record<string, ScriptCommand>)[this.name]!;
    return command.call(this.redis, keys.length, ...keys, ...args);
  }

  /** Adds a run to a pipeline, so that many runs share one round trip. */
  queue(pipeline: ChainableCommander, keys: readonly string[], args: readonly string[]): void {
    const command = (pipeline as unknown as Record<string, ScriptCommand>)[this.name]!;
    command.call(pipeline, keys.length, ...keys, ...args);
  }
}
