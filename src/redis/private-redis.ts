import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { resolve } from 'node:path';

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface PrivateRedisOptions {
  /** Folder for the AOF and RDB files; omitted means an in-memory server (tests). */
  dataDir?: string;
  binary?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a redis-server of our own on a free loopback port and resolves once it accepts commands.
 * Used when no REDIS_URL is given, and by the test suites.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const running = options.dataDir ? await findRunning(options.dataDir) : undefined;
  if (running) return running;
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
  ];
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '3600 1 300 100');
  } else {
    args.push('--appendonly', 'no');
  }
  const child = spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitUntilReady(child, port);
  const marker = options.dataDir ? markerFile(options.dataDir) : undefined;
  if (marker) writeFileSync(marker, JSON.stringify({ port, pid: child.pid }));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopChild(child);
      if (marker) rmSync(marker, { force: true });
    },
  };
}

function markerFile(dataDir: string): string {
  return resolve(dataDir, 'followthrough-redis.json');
}

/**
 * Two processes must never run two servers on one AOF: the second (`npm run cli` beside `npm start`)
 * joins the server the first started, and leaves it running when done.
 */
async function findRunning(dataDir: string): Promise<PrivateRedis | undefined> {
  let marker: { port: number; pid: number };
  try {
    marker = JSON.parse(readFileSync(markerFile(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (!(await answersPing(marker.port))) return undefined;
  return { url: `redis://127.0.0.1:${marker.port}`, port: marker.port, stop: async () => {} };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (answer: boolean) => {
      socket.destroy();
      resolveAnswer(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        cleanup();
        resolveReady();
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(
        new Error(`redis-server on port ${port} exited with code ${code}: ${output.trim().slice(-500)}`),
      );
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new Error(`could not start redis-server: ${error.message}`));
    };
    const cleanup = () => {
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      child.stdout?.resume();
      child.stderr?.resume();
    };
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGTERM');
  });
}
