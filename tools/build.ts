/**
 * `npm run build [-- --out-dir <folder>]`: compiles bin/, src/, adapters/, jobs/ and tools/ to JavaScript
 * in dist/ (or the folder given), and copies beside the compiled files what they read at run time: the
 * Lua scripts and the Teams manifest template. Production runs `node dist/bin/web.js` and the like with
 * production dependencies only; this script and TypeScript are for the machine that builds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_FOLDERS = ['bin', 'src', 'adapters', 'jobs', 'tools'];
/** Files the compiled code opens with `new URL('./…', import.meta.url)`. */
const ASSET = /\.(lua|json)$/;

const { values } = parseArgs({ args: process.argv.slice(2), options: { 'out-dir': { type: 'string' } } });
const outDir = resolve(values['out-dir'] ?? join(ROOT, 'dist'));

rmSync(outDir, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
    '--outDir',
    outDir,
  ],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) {
  process.stderr.write('build: the TypeScript compiler reported errors; nothing usable was built.\n');
  process.exit(1);
}

let copied = 0;
for (const folder of SOURCE_FOLDERS) {
  for (const file of filesUnder(join(ROOT, folder))) {
    if (!ASSET.test(file)) continue;
    const target = join(outDir, relative(ROOT, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
    copied += 1;
  }
}
process.stdout.write(
  `Built ${relative(process.cwd(), outDir) || '.'}/ (${copied} scripts and templates copied).\n`,
);

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
