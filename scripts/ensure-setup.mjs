#!/usr/bin/env node
// Runs before `npm start` and `npm test` on a fresh machine: installs the npm dependencies when they are
// missing and makes sure a redis-server is on PATH (installing it where that needs no password).
// Plain Node with no dependencies, because it runs before any are installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { platform } from 'node:os';

const quiet = process.argv.includes('--quiet');
const say = (line) => quiet || process.stderr.write(`followthrough setup: ${line}\n`);

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function dependenciesStale() {
  if (!existsSync('node_modules/.package-lock.json')) return true;
  return (
    existsSync('package-lock.json') &&
    statSync('package-lock.json').mtimeMs > statSync('node_modules/.package-lock.json').mtimeMs
  );
}

if (dependenciesStale()) {
  say('installing npm dependencies (npm ci)…');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) {
    process.stderr.write('followthrough setup: `npm ci` failed; see the output above.\n');
    process.exit(1);
  }
}

// The test suite renders the stocktake report in a headless Chromium (Debian's `chromium` package).
if (process.argv.includes('--tests') && !has('chromium')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const apt = (...args) => (root ? run('apt-get', args) : run('sudo', ['-n', 'apt-get', ...args]));
  if (platform() === 'linux' && has('apt-get') && (root || sudo)) {
    say('chromium is not installed; installing it with apt-get for the report screenshot test…');
    apt('update', '-qq') && apt('install', '-y', '-qq', 'chromium');
  }
  if (!has('chromium')) {
    process.stderr.write(
      'The tests need a headless Chromium on PATH as `chromium` (Debian/Ubuntu: `sudo apt-get install chromium`).\n',
    );
    process.exit(1);
  }
}

// A Redis given by URL or cluster needs no local server. The tests also start a local Redis Cluster,
// which takes redis-cli (in the same package as redis-server nearly everywhere).
if (process.env.REDIS_URL || process.env.REDIS_CLUSTER_NODES || (has('redis-server') && has('redis-cli'))) {
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudoWithoutPassword =
  !isRoot && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;

if (platform() === 'linux' && has('apt-get') && (isRoot || sudoWithoutPassword)) {
  const prefix = isRoot ? [] : ['sudo', '-n'];
  say(
    'redis-server or redis-cli is missing; installing them with apt-get (Debian packages redis-server, redis-tools)…',
  );
  const apt = (...args) =>
    run(prefix[0] ?? 'apt-get', prefix.length ? [...prefix.slice(1), 'apt-get', ...args] : args);
  if (
    apt('update', '-qq') &&
    apt('install', '-y', '-qq', 'redis-server', 'redis-tools') &&
    has('redis-server') &&
    has('redis-cli')
  )
    process.exit(0);
} else if (platform() === 'darwin' && has('brew')) {
  say('redis-server or redis-cli is missing; installing them with Homebrew (brew install redis)…');
  if (run('brew', ['install', 'redis']) && has('redis-server') && has('redis-cli')) process.exit(0);
}

process.stderr.write(
  'followthrough needs redis-server and redis-cli: install them (Debian/Ubuntu: `sudo apt-get install redis-server redis-tools`, macOS: `brew install redis`) or set REDIS_URL.\n',
);
process.exit(1);
