import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = `${REPO_ROOT}node_modules/.bin/tsx`;

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an entry point of bin/ as `npm start` would, in `cwd`, with only the given settings (no chat
 * credentials, no REDIS_URL unless given), feeding `input` on standard input.
 */
export function runBin(
  script: string,
  options: { cwd: string; input?: string; args?: string[]; env?: Record<string, string> },
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [`${REPO_ROOT}bin/${script}`, ...(options.args ?? [])], {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TZ: process.env.TZ ?? '',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
