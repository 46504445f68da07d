// Measures the Redis store where its cost grows with data: listing open commitments and saving changes.
// Run with `npm run bench`; it starts its own in-memory redis-server and prints a table of numbers.
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { Commitment } from '../src/model/commitment.js';
import { startPrivateRedis } from '../src/redis/private-redis.js';
import { RedisCommitmentStore } from '../src/store/redis-commitment-store.js';

const SIZES = [50, 500, 5000];
const ROUNDS = 200;
const AGENCIES = ['MITI', 'MEITY', 'MINDEF', 'MOD-IN', 'BNM', 'RBI'];

const redisServer = await startPrivateRedis();
const redis = new Redis(redisServer.url);
let commands = 0;
const send = redis.sendCommand.bind(redis);
redis.sendCommand = ((command: Parameters<typeof send>[0]) => {
  commands++;
  return send(command);
}) as typeof redis.sendCommand;

const rows: string[][] = [
  [
    'open items',
    'list: median ms',
    'list: p95 ms',
    'list: Redis commands (2 round trips)',
    'save: median ms',
  ],
];
for (const size of SIZES) {
  const store = new RedisCommitmentStore({
    redis,
    prefix: `{bench-${size}}:`,
    timeZoneOf: () => 'Asia/Kuala_Lumpur',
  });
  const created: Commitment[] = [];
  for (let i = 0; i < size; i++) {
    const at = new Date(Date.UTC(2026, 10, 25)).toISOString();
    const day = String(1 + (i % 28)).padStart(2, '0');
    created.push(
      await store.create(
        {
          title: `Commitment ${i}`,
          owners: [AGENCIES[i % AGENCIES.length]!, AGENCIES[(i + 1) % AGENCIES.length]!],
          deadline: { kind: 'date', date: `2027-0${1 + (i % 9)}-${day}` },
          status: 'open',
          notes: [],
          createdBy: 'bench:runner',
          createdAt: at,
          updatedBy: 'bench:runner',
          updatedAt: at,
        },
        { at, by: 'bench:runner', type: 'created', changes: {} },
      ),
    );
  }
  const listTimes: number[] = [];
  let listCommands = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const before = commands;
    const start = performance.now();
    await store.query({ kind: 'open-for-agency', agency: 'MITI' });
    listTimes.push(performance.now() - start);
    listCommands = commands - before;
  }
  const saveTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const current = (await store.get(created[round % created.length]!.id))!;
    const start = performance.now();
    await store.save(
      current,
      {
        ...current,
        status: current.status === 'open' ? 'in-progress' : 'open',
        version: current.version + 1,
      },
      { at: new Date().toISOString(), by: 'bench:runner', type: 'status-changed', changes: {} },
    );
    saveTimes.push(performance.now() - start);
  }
  rows.push([
    String(size),
    percentile(listTimes, 0.5),
    percentile(listTimes, 0.95),
    String(listCommands),
    percentile(saveTimes, 0.5),
  ]);
}

await redis.quit();
await redisServer.stop();
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column]!)).join('  '));
console.log(`(${ROUNDS} rounds each; "list" is the open items of one of ${AGENCIES.length} agencies)`);

function percentile(values: number[], p: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
}
