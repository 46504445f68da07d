// store_ops: the store's get and save, half each, 32 in flight on one connection, against raw HSET and
// HGETALL of a hash holding the same fields, in alternating windows. Each of the 32 works through 200
// commitments of its own, as a busy day touches thousands: a save appends to the history it rewrites,
// so a few commitments saved thousands of times over would measure ever longer histories instead.
import { Redis } from 'ioredis';
import type { Commitment } from '../../src/model/commitment.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { random, seededCommitment } from '../bench-data.js';
import { interleaved, log, type Row, row } from '../measure.js';

const IN_FLIGHT = 32;
const PER_LOOP = 200;

export async function storeOpsRow(options: { quick: boolean; redisUrl: string }): Promise<Row> {
  const ours = new Redis(options.redisUrl);
  const raw = new Redis(options.redisUrl);
  const prefix = '{ops}:';
  const store = new RedisCommitmentStore({ redis: ours, prefix, timeZoneOf: () => 'Asia/Kuala_Lumpur' });
  try {
    const now = Date.now();
    const rand = random(11);
    const items: Commitment[] = [];
    for (let i = 0; i < IN_FLIGHT * PER_LOOP; i += 1) {
      const plan = seededCommitment(i, now, rand);
      items.push(await store.create(plan.draft, plan.created));
    }
    // The baseline hash: the same commitment's fields, as flat strings.
    const flat = (c: Commitment) =>
      Object.fromEntries(
        Object.entries(c).map(([field, value]) => [
          field,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      );
    const hashes = items.map(flat);
    const windowMs = options.quick ? 1_500 : 3_000;
    const counts = { ours: 0, oursMs: 0, baseline: 0, baselineMs: 0 };

    const oursWindow = async () => {
      const end = performance.now() + windowMs;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async (_, loop) => {
          for (let k = 0; performance.now() < end; k += 1) {
            const id = items[loop * PER_LOOP + (k % PER_LOOP)]!.id;
            const current = (await store.get(id))!;
            const at = new Date().toISOString();
            const status = current.status === 'open' ? 'in-progress' : 'open';
            await store.save(
              current,
              { ...current, status, updatedAt: at },
              {
                at,
                by: current.createdBy,
                type: 'status-changed',
                changes: { status: { before: current.status, after: status } },
              },
            );
            counts.ours += 2;
          }
        }),
      );
      counts.oursMs += performance.now() - started;
    };
    const baselineWindow = async () => {
      const end = performance.now() + windowMs;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async (_, loop) => {
          for (let k = 0; performance.now() < end; k += 1) {
            const i = loop * PER_LOOP + (k % PER_LOOP);
            await raw.hgetall(`{raw}:commitment:${i}`);
            await raw.hset(`{raw}:commitment:${i}`, hashes[i]!);
            counts.baseline += 2;
          }
        }),
      );
      counts.baselineMs += performance.now() - started;
    };
    await oursWindow();
    await baselineWindow();
    Object.assign(counts, { ours: 0, oursMs: 0, baseline: 0, baselineMs: 0 });
    await interleaved(options.quick ? 4 : 6, oursWindow, baselineWindow);
    const oursRate = counts.ours / (counts.oursMs / 1000);
    const baselineRate = counts.baseline / (counts.baselineMs / 1000);
    log(`store_ops: ours ${oursRate.toFixed(0)} ops/s, raw HSET/HGETALL ${baselineRate.toFixed(0)} ops/s`);
    return row('store_ops', oursRate, baselineRate, 'ops/s', { atLeast: 0.5 });
  } finally {
    ours.disconnect();
    raw.disconnect();
  }
}
