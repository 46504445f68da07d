// `npm run bench` (full) and `npm run bench -- --quick`: every row of issue 11's table, each measured
// against its baseline in this same run, printed as a table and written to bench/results/latest.json.
// It starts its own redis-server (no persistence) and loopback Slack, and stops them at the end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../src/redis/private-redis.js';
import { RedisAgencyStore } from '../src/store/redis-agency-store.js';
import { RedisCommitmentStore } from '../src/store/redis-commitment-store.js';
import { migrateStore } from '../src/store/store-migration.js';
import { AGENCY_COUNT, seedAgencies, seedCommitments } from './bench-data.js';
import { log, type Row } from './measure.js';
import { digestRows } from './rows/digest-build.js';
import { homeAndListRows } from './rows/home-and-list.js';
import { planRemindersRow } from './rows/plan-reminders.js';
import { punctualityRow } from './rows/punctuality.js';
import { redisBytesRow } from './rows/redis-bytes.js';
import { slashHttpRows } from './rows/slash-http.js';
import { storeOpsRow } from './rows/store-ops.js';
import { SlackLoopback } from './slack-loopback.js';

const quick = process.argv.includes('--quick');
// `--only=slash,digest` runs the groups of rows whose names start so: for working on one of them.
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (group: string) => !only || only.some((name) => group.startsWith(name));
const largest = quick ? 20_000 : 50_000;
const started = Date.now();
const server = await startPrivateRedis();
const slack = await SlackLoopback.start();
const redis = new Redis(server.url);
const rows: Row[] = [];
try {
  log(`${quick ? 'quick' : 'full'} run: ${largest} commitments at the largest size, Redis at ${server.url}`);
  if (wanted('redis_bytes')) rows.push(await redisBytesRow({ quick, redisUrl: server.url }));

  log(`seeding ${largest} commitments, and ${largest / 10} in a store of a tenth the size`);
  for (const [prefix, count] of [
    ['{ft}:', largest],
    ['{ft10}:', largest / 10],
  ] as const) {
    await migrateStore({ redis, prefix, timeZoneOf: () => 'UTC' });
    const agencies = new RedisAgencyStore({ redis, prefix });
    await seedAgencies(agencies);
    await agencies.snapshot();
    const store = new RedisCommitmentStore({ redis, prefix, timeZoneOf: agencies.timeZoneOf });
    await seedCommitments(store, count, Date.now());
  }
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (wanted('store_ops')) rows.push(await storeOpsRow({ quick, redisUrl: server.url }));
  if (wanted('home') || wanted('list')) {
    rows.push(...(await homeAndListRows({ quick, redis, largestPrefix: '{ft}:', tenthPrefix: '{ft10}:' })));
  }
  if (wanted('digest')) rows.push(...(await digestRows({ quick, redisUrl: server.url })));
  if (wanted('plan')) rows.push(await planRemindersRow({ quick, redisUrl: server.url }));
  if (wanted('slash')) {
    rows.push(...(await slashHttpRows({ quick, redisUrl: server.url, slack, agencyCount: AGENCY_COUNT })));
  }
  if (wanted('punctuality')) rows.push(await punctualityRow({ redisUrl: server.url, slack }));
} finally {
  redis.disconnect();
  await slack.close();
  await server.stop();
}

if (!only) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(rows, null, 2)}\n`);
}
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
process.stdout.write(
  `\n${quick ? 'quick' : 'full'} run on ${machine}, ${((Date.now() - started) / 1000).toFixed(0)} s\n\n`,
);
process.stdout.write(table(rows));
process.exit(rows.every((r) => r.pass) ? 0 : 1);

function table(all: Row[]): string {
  const header = ['row', 'ours', 'baseline', 'unit', 'ratio', 'target', 'pass'];
  const lines = all.map((r) => [
    r.name,
    String(r.ours),
    String(r.baseline),
    r.unit,
    String(r.ratio),
    r.target,
    r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => `${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`;
  return format(header) + format(widths.map((w) => '-'.repeat(w))) + lines.map(format).join('');
}
