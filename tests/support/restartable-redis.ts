import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/redis/private-redis.js';

/**
 * A redis-server of a test's own that the test stops and starts again on the same port: with its data
 * kept (append-only file in a folder of its own) or, to play a server that lost everything, empty.
 */
export class RestartableRedis {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'ft-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<RestartableRedis> {
    const redis = new RestartableRedis(await freePort());
    await redis.start({ keepData: true });
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** `keepData`: the append-only file of the last run is read back; otherwise the server starts empty. */
  async start(options: { keepData: boolean }): Promise<void> {
    if (!options.keepData) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir);
    }
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''];
    args.push('--appendonly', options.keepData ? 'yes' : 'no', '--appendfsync', 'always');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
    });
    child.stdout!.resume();
    child.stderr!.resume();
  }

  /** Stops the server as an operator or a crash would, and resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
