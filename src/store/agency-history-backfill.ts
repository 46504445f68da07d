import type { Cluster, Redis } from 'ioredis';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import { decodeCommitment } from './commitment-codec.js';
import { indexEntries, scoreArgument } from './commitment-indexes.js';
import { LuaScript } from './lua-script.js';
import { type CommitmentKeys, commitmentKeys, DEFAULT_KEY_PREFIX } from './redis-keys.js';

const PAGE = 200;

/**
 * The per-agency due and done indexes came after the first commitments were stored: this adds those
 * commitments to them, a page of ids at a time from the `all` index, once per store (a marker key says it
 * is done; running it twice, or on two processes at once, adds nothing twice). A start-up task, not a
 * request: it is the one pass over every commitment, made once.
 */
export async function backfillAgencyHistory(options: {
  redis: Redis | Cluster;
  prefix?: string;
  timeZoneOf: (code: string) => string;
}): Promise<number> {
  const { redis } = options;
  const keys = commitmentKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
  if ((await redis.get(keys.agencyHistoryIndexed)) === '1') return 0;
  const script = new LuaScript(
    redis,
    'followthroughBackfillAgencyHistory',
    new URL('./agency-history-backfill.lua', import.meta.url),
  );
  let added = 0;
  for (let start = 0; ; start += PAGE) {
    const ids = await redis.zrange(keys.all, start, start + PAGE - 1);
    if (ids.length === 0) break;
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hgetall(keys.commitment(id));
    const commitments = ((await pipeline.exec()) ?? []).flatMap(([error, hash]) => {
      const c = error ? undefined : decodeCommitment(hash as Record<string, string>);
      return c ? [c] : [];
    });
    added += Number(await runPage(script, keys, commitments, options.timeZoneOf));
  }
  await redis.set(keys.agencyHistoryIndexed, '1');
  return added;
}

function runPage(
  script: LuaScript,
  keys: CommitmentKeys,
  commitments: Commitment[],
  timeZoneOf: (code: string) => string,
): Promise<unknown> {
  const hashKeys = commitments.map((c) => keys.commitment(c.id));
  const indexKeys: string[] = [];
  const plan: [number, string, number, string][] = [];
  commitments.forEach((c, i) => {
    const dueAt = c.deadline ? dueInstant(c.deadline, timeZoneOf(leadAgency(c))) : undefined;
    for (const entry of indexEntries(c, keys, dueAt)) {
      if (!entry.key.includes(':due:agency:') && !entry.key.includes(':done:agency:')) continue;
      if (!indexKeys.includes(entry.key)) indexKeys.push(entry.key);
      plan.push([
        i + 1,
        String(c.version),
        hashKeys.length + indexKeys.indexOf(entry.key) + 1,
        scoreArgument(entry.score),
      ]);
    }
  });
  if (plan.length === 0) return Promise.resolve(0);
  return script.run([...hashKeys, ...indexKeys], [JSON.stringify(plan)]);
}
