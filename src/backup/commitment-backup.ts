import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { Commitment } from '../model/commitment.js';
import { commitmentNumber } from '../model/commitment.js';
import type { HistoryEvent } from '../model/history-event.js';
import { decodeCommitment } from '../store/commitment-codec.js';
import type { DeadlineMove } from '../store/commitment-store.js';
import { deadlineMoveMember, readDeadlineMoveMember } from '../store/deadline-move-member.js';
import { EVENT_SEPARATOR } from '../store/history-codec.js';
import type { RedisCommitmentStore } from '../store/redis-commitment-store.js';
import { commitmentKeys } from '../store/redis-keys.js';
import { STORE_SCHEMA } from '../store/store-migration.js';
import { type BackupRecord, type BackupSection, backupSection } from './backup-section.js';
import { commitmentId, commitmentSchema, historyEventSchema, instant } from './model-schemas.js';

/** Commitments read per round trip, and records written per batch. */
const PAGE = 500;

const records = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('commitment-ids'), last: z.number().int().min(0) }),
  z.strictObject({
    kind: z.literal('commitment'),
    commitment: commitmentSchema,
    history: z.array(historyEventSchema),
  }),
  z.strictObject({ kind: z.literal('import-key'), key: z.string().min(1), id: commitmentId }),
  z.strictObject({
    kind: z.literal('deadline-move'),
    version: z.number().int().min(1),
    move: z.looseObject({ id: commitmentId, at: instant, by: z.string() }),
  }),
]);
type CommitmentRecord = z.output<typeof records>;

/**
 * The commitments: first the id counter (`commitment-ids`: the last id given, so that a restored tracker
 * never gives an id again), then each commitment whole with its history (every event as stored) in
 * increasing id order, then the import keys (an import's refs and the keys that make a recurring
 * series open each next occurrence once), then the recorded deadline moves that slippage is reported
 * from. Indexes and week counts are not carried: the store derives them again as it writes each
 * commitment, so they cannot disagree with it.
 */
export function commitmentBackup(deps: {
  redis: Redis | Cluster;
  prefix: string;
  commitments: RedisCommitmentStore;
}): BackupSection {
  const { redis } = deps;
  const keys = commitmentKeys(deps.prefix);
  return backupSection({
    name: 'commitments',
    kinds: ['commitment-ids', 'commitment', 'import-key', 'deadline-move'],
    schema: records,
    isEmpty: async () => (await redis.exists(keys.nextId, keys.count)) === 0,
    async *read() {
      // Commitments created while the backup runs come after this counter and are left out with it.
      const last = Number((await redis.get(keys.nextId)) ?? 0);
      yield [{ kind: 'commitment-ids', last }];
      for (let first = 1; first <= last; first += PAGE) {
        const ids = Array.from({ length: Math.min(PAGE, last - first + 1) }, (_, i) => `C-${first + i}`);
        const page = await readCommitments(redis, ids, keys);
        if (page.length > 0) yield page;
      }
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(keys.importKeys, cursor, 'COUNT', PAGE);
        cursor = next;
        const page: BackupRecord[] = [];
        for (let i = 0; i < flat.length; i += 2)
          page.push({ kind: 'import-key', key: flat[i]!, id: flat[i + 1]! });
        if (page.length > 0) yield page;
      } while (cursor !== '0');
      // By rank, oldest first: a move made meanwhile is added at the end and read last, or not at all.
      for (let start = 0; ; start += PAGE) {
        const members = await redis.zrange(keys.deadlineMoves, start, start + PAGE - 1);
        if (members.length > 0)
          yield members.map((member) => ({ kind: 'deadline-move', ...readDeadlineMoveMember(member) }));
        if (members.length < PAGE) break;
      }
    },
    checker() {
      let last: number | undefined;
      let previous = 0;
      return (record: CommitmentRecord) => {
        if (record.kind === 'commitment-ids') {
          if (last !== undefined) return 'the id counter (commitment-ids) is given twice';
          last = record.last;
          return undefined;
        }
        if (record.kind !== 'commitment') return undefined;
        const { id } = record.commitment;
        if (last === undefined) return `${id} comes before the id counter (commitment-ids)`;
        const number = commitmentNumber(id.toUpperCase());
        if (number <= previous) return `${id} is out of order: commitments come once each, by increasing id`;
        if (number > last) return `${id} is beyond the last id given (C-${last})`;
        previous = number;
        return undefined;
      };
    },
    async write(batch) {
      const [first] = batch;
      if (first?.kind === 'commitment-ids') await redis.set(keys.nextId, String(first.last));
      const commitments = batch.flatMap((record) =>
        record.kind === 'commitment'
          ? [{ commitment: record.commitment as Commitment, history: record.history as HistoryEvent[] }]
          : [],
      );
      await deps.commitments.restore(commitments);
      const importKeys = batch.flatMap((record) =>
        record.kind === 'import-key' ? [record.key, record.id] : [],
      );
      if (importKeys.length > 0) await redis.hset(keys.importKeys, ...importKeys);
      const moves = batch.flatMap((record) =>
        record.kind === 'deadline-move'
          ? [Date.parse(record.move.at), deadlineMoveMember(record.move as DeadlineMove, record.version)]
          : [],
      );
      if (moves.length > 0) await redis.zadd(keys.deadlineMoves, ...moves);
    },
    async finish() {
      // What was written is in the current layout, whatever the store was marked before.
      await redis.set(keys.schema, String(STORE_SCHEMA));
    },
  });
}

/** One page of commitments and their histories, read in one transaction so each pair is of one moment. */
async function readCommitments(
  redis: Redis | Cluster,
  ids: readonly string[],
  keys: ReturnType<typeof commitmentKeys>,
): Promise<BackupRecord[]> {
  const replies = (await redis.multi().mget(ids.map(keys.commitment)).mget(ids.map(keys.history)).exec()) as
    | [Error | null, (string | null)[]][]
    | null;
  const [values, histories] = (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [(string | null)[], (string | null)[]];
  return ids.flatMap((id, i) => {
    const commitment = decodeCommitment(id, values[i] ?? null);
    if (!commitment) return [];
    const stored = histories[i];
    // Events as stored, whole: fields a later version adds to them are carried as they are.
    const history = stored ? stored.split(EVENT_SEPARATOR).map((line) => JSON.parse(line) as object) : [];
    return [{ kind: 'commitment', commitment, history }];
  });
}
