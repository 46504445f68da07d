import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { REPO_ROOT } from './run-bin.js';

const TSX = `${REPO_ROOT}node_modules/.bin/tsx`;

export interface RoleExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RoleProcess {
  /** e.g. `web`, `worker-2`: names the process in failure messages. */
  name: string;
  child: ChildProcess;
  /** Everything it wrote so far, standard output and standard error interleaved. */
  output(): string;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<RoleExit>;
  /** Resolves once its output matches; fails early, with the output, if the process dies first. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Sends the signal to the process itself (as a process manager would) and waits for it to exit. */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<RoleExit & { ms: number }>;
  /** Clean-up: SIGKILLs the process group (tsx and its node child) if it is still running. */
  kill(): Promise<void>;
}

export interface SpawnRoleOptions {
  name?: string;
  /** The only settings it sees, besides PATH, HOME and TZ. */
  env: Record<string, string>;
  cwd?: string;
  /** Ready when its output matches this… */
  readyLine?: RegExp;
  /** …and/or when GET <healthz> answers 200. */
  healthz?: string;
  readyTimeoutMs: number;
}

/**
 * Starts a long-running entry point of bin/ with tsx, as `npm run web` / `npm run worker` do, and
 * waits until it says it is ready. It runs in its own process group, so that clean-up can kill tsx
 * and the node process under it together.
 */
export function spawnRole(script: string, options: SpawnRoleOptions): Promise<RoleProcess> {
  return spawnCommand(TSX, [`${REPO_ROOT}bin/${script}`], { name: script, ...options });
}

/** The same for any command line, such as a systemd unit's ExecStart run as it is written. */
export async function spawnCommand(
  file: string,
  args: string[],
  options: SpawnRoleOptions,
): Promise<RoleProcess> {
  const name = options.name ?? file;
  const child = spawn(file, args, {
    cwd: options.cwd ?? REPO_ROOT,
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
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exit: RoleExit | undefined;
  const exited = new Promise<RoleExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      for (const listener of listeners) listener();
      resolve(exit);
    });
  });

  const waitFor = (what: string, holds: () => boolean | Promise<boolean>, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(poll);
        listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const fail = (why: string) =>
        finish(new Error(`${name}: ${why} waiting for ${what}; its output:\n${output.slice(-4000)}`));
      let checking = false;
      const check = () => {
        if (settled || checking) return;
        checking = true;
        void Promise.resolve(holds())
          .catch(() => false)
          .then((ok) => {
            checking = false;
            if (ok) finish();
            else if (exit) fail(`exited (code ${exit.code}, signal ${exit.signal})`);
          });
      };
      const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      // Output wakes the check at once; the interval covers conditions outside the output (/healthz).
      const poll = setInterval(check, 50);
      listeners.add(check);
      check();
    });

  const role: RoleProcess = {
    name,
    child,
    output: () => output,
    exited,
    waitForOutput: (pattern, timeoutMs) => waitFor(String(pattern), () => pattern.test(output), timeoutMs),
    async stop(signal, timeoutMs) {
      const started = Date.now();
      if (!exit) child.kill(signal);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, timeoutMs, 'timeout').unref());
      const result = await Promise.race([exited, timeout]);
      if (result === 'timeout') {
        throw new Error(
          `${name}: still running ${timeoutMs} ms after ${signal}; its output:\n${output.slice(-4000)}`,
        );
      }
      return { ...result, ms: Date.now() - started };
    },
    async kill() {
      if (exit || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
      await exited;
    },
  };

  try {
    if (options.readyLine) await role.waitForOutput(options.readyLine, options.readyTimeoutMs);
    if (options.healthz) {
      const url = options.healthz;
      await waitFor(
        `200 from ${url}`,
        async () => (await fetch(url).catch(() => undefined))?.status === 200,
        options.readyTimeoutMs,
      );
    }
  } catch (error) {
    await role.kill();
    throw error;
  }
  return role;
}

/** A TCP port nobody listens on right now, for a child's PORT. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
