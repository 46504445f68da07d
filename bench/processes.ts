// Child processes of the benchmark: entry points started with tsx, as `npm run web` does, each in its
// own process group so that stopping one stops tsx and the node under it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

export interface Child {
  /** CPU seconds used so far by the child and everything it started (Linux; 0 elsewhere). */
  cpuSeconds(): number;
  output(): string;
  /** Resolves with what it printed on standard output when it exits. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export async function spawnScript(
  script: string,
  options: {
    env: Record<string, string>;
    ready?: RegExp | URL;
    timeoutMs?: number;
    /** Node's own flags, as the entry point is started in production. */
    nodeArgs?: string[];
  },
): Promise<Child> {
  const flags = options.nodeArgs ?? [];
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof", to see where a child spends its time.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean);
  const [command, args] = nodeArgs
    ? [process.execPath, [...flags, ...nodeArgs, '--import', 'tsx', `${ROOT}${script}`]]
    : [TSX, [...flags, `${ROOT}${script}`]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TZ: process.env.TZ ?? '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    stdout += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(() => stdout);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
    await exited.catch(() => undefined);
    clearTimeout(timer);
  };
  if (options.ready) {
    const ready = options.ready;
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const isReady = async () =>
      ready instanceof URL ? (await fetch(ready).catch(() => undefined))?.status === 200 : ready.test(output);
    while (!(await isReady())) {
      if (child.exitCode !== null) throw new Error(`${script} exited before it was ready:\n${output}`);
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${script} was not ready in time:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const cpuSeconds = () => (child.pid === undefined || !existsSync('/proc') ? 0 : groupCpuSeconds(child.pid));
  return { cpuSeconds, output: () => output, exited, stop };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** User and system CPU of every process in the group, from /proc: how much work a request costs. */
function groupCpuSeconds(group: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc', { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d+$/.test(entry.name)) continue;
    try {
      const stat = readFileSync(`/proc/${entry.name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / 100;
}
