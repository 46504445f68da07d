import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import type { HistoryEvent } from '../model/history-event.js';
import { STATUSES } from '../model/status.js';
import { decodeCommitment, encodeCommitment } from './commitment-codec.js';
import { indexEntries, indexMember, scoreArgument } from './commitment-indexes.js';
import { EVERY_AGENCY, statEntries } from './commitment-stats.js';
import { EVENT_SEPARATOR, encodeHistoryEvent } from './history-codec.js';
import { type CommitmentKeys, commitmentKeys } from './redis-keys.js';

/**
 * The key layout this code reads and writes. 1 (before it was recorded): a hash per commitment, a
 * stream per history, indexes of ids as members. 2: a string per commitment and per history (JSON
 * lines), indexes of zero-padded numbers, counts per week. 3: the index of every commitment by number
 * (`list all` for readers who may not see restricted ones), and restricted commitments in the indexes'
 * restricted counterparts; a store of layout 2 has no restricted commitment, so going to 3 indexes every
 * commitment by number and moves nothing. 4: that index of every commitment by number is gone (the id
 * sequence is it; its restricted counterparts stay), so going from 3 to 4 deletes it and nothing else.
 */
export const STORE_SCHEMA = 4;
const WITH_INDEX_OF_EVERY_COMMITMENT = 3;

const BATCH = 500;
const LOCK_MS = 60_000;
const WAIT_STEP_MS = 200;

export interface MigrationOptions {
  redis: Redis | Cluster;
  prefix: string;
  /** The agencies' zones, for the due instants the new indexes are scored by. */
  timeZoneOf: (code: string) => string;
  /** The zone every agency's counts together are kept in (TRACKER_TZ). */
  trackerTimeZone?: string;
  /** How long a process waits for another one's migration before it gives up. */
  waitMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export type MigrationOutcome = 'current' | 'fresh' | 'migrated' | 'waited';

/**
 * Brings the store's keys to the current layout before anything reads them. One process does it, under
 * a lock; every other one waits for it to finish. It converts commitment by commitment, each in one
 * transaction, so a process that dies half-way leaves only whole commitments, and the next one to take
 * the lock goes over them again (every step is idempotent).
 */
export async function migrateStore(options: MigrationOptions): Promise<MigrationOutcome> {
  const { redis } = options;
  const keys = commitmentKeys(options.prefix);
  const schema = Number(await redis.get(keys.schema));
  if (schema >= STORE_SCHEMA) return 'current';
  if (schema === WITH_INDEX_OF_EVERY_COMMITMENT) {
    await redis.multi().del(keys.all).set(keys.schema, String(STORE_SCHEMA)).exec();
    options.log?.('store converted: the index of every commitment by number is dropped');
    return 'migrated';
  }
  if ((await redis.exists(keys.nextId)) === 0) {
    await redis.set(keys.schema, String(STORE_SCHEMA));
    return 'fresh';
  }
  const token = randomUUID();
  if ((await redis.set(keys.migrationLock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
    await waitForMigration(redis, keys, options);
    return 'waited';
  }
  try {
    const last = Number(await redis.get(keys.nextId));
    options.log?.('converting the store to the current key layout', { commitments: last });
    const owners = new Set<string>();
    let count = 0;
    for (let first = 1; first <= last; first += BATCH) {
      const ids = Array.from({ length: Math.min(BATCH, last - first + 1) }, (_, i) => `C-${first + i}`);
      const converted = await convertBatch(
        redis,
        keys,
        ids,
        options.timeZoneOf,
        options.trackerTimeZone ?? 'UTC',
      );
      for (const commitment of converted) for (const owner of commitment.owners) owners.add(owner);
      count += converted.length;
      await redis.set(keys.migrationLock, token, 'PX', LOCK_MS, 'XX');
    }
    const oldIndexes = [
      `${options.prefix}commitments:open`,
      `${options.prefix}commitments:all`,
      ...STATUSES.map((status) => `${options.prefix}commitments:status:${status}`),
      `${options.prefix}commitments:agency-history-indexed`,
      ...[...owners].flatMap((code) =>
        ['open', 'due', 'done'].map((index) => `${options.prefix}commitments:${index}:agency:${code}`),
      ),
    ];
    await redis
      .multi()
      .del(...oldIndexes)
      .set(keys.count, String(count))
      .set(keys.schema, String(STORE_SCHEMA))
      .exec();
    options.log?.('store converted', { commitments: count });
    return 'migrated';
  } finally {
    if ((await redis.get(keys.migrationLock)) === token) await redis.del(keys.migrationLock);
  }
}

async function waitForMigration(
  redis: Redis | Cluster,
  keys: CommitmentKeys,
  options: MigrationOptions,
): Promise<void> {
  const until = Date.now() + (options.waitMs ?? 10 * 60_000);
  options.log?.('waiting for another process to convert the store');
  while (Number(await redis.get(keys.schema)) < STORE_SCHEMA) {
    if (Date.now() > until)
      throw new Error('the store is being converted by another process; try again later');
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/** Converts the ids still in the old layout, and (re)indexes every one: the commitments found. */
async function convertBatch(
  redis: Redis | Cluster,
  keys: CommitmentKeys,
  ids: readonly string[],
  timeZoneOf: (code: string) => string,
  trackerTimeZone: string,
): Promise<Commitment[]> {
  const zoneOf = (code: string) => (code === EVERY_AGENCY ? trackerTimeZone : timeZoneOf(code));
  const types = redis.pipeline();
  for (const id of ids) types.type(keys.commitment(id)).type(keys.history(id));
  const typeReplies = (await types.exec()) ?? [];
  const reads = redis.pipeline();
  ids.forEach((id, i) => {
    const valueType = typeReplies[2 * i]![1];
    if (valueType === 'hash') reads.hgetall(keys.commitment(id));
    else reads.get(keys.commitment(id));
    if (typeReplies[2 * i + 1]![1] === 'stream') reads.xrange(keys.history(id), '-', '+');
  });
  const readReplies = ((await reads.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
  const writes = redis.multi();
  const found: Commitment[] = [];
  let at = 0;
  ids.forEach((id, i) => {
    const value = readReplies[at++];
    const oldHistory =
      typeReplies[2 * i + 1]![1] === 'stream' ? (readReplies[at++] as [string, string[]][]) : undefined;
    const commitment =
      typeof value === 'string' || value === null
        ? decodeCommitment(id, value)
        : decodeOldCommitment(value as Record<string, string>);
    if (!commitment) return;
    found.push(commitment);
    // Converted now, not by an earlier run that died: its counts are added with its new value, once.
    const convert = typeof value !== 'string';
    if (convert) {
      writes.del(keys.commitment(id)).set(keys.commitment(id), encodeCommitment(commitment));
    }
    if (oldHistory) {
      writes.del(keys.history(id));
      if (oldHistory.length > 0) {
        writes.set(keys.history(id), oldHistory.map(oldEventJson).join(EVENT_SEPARATOR));
      }
    }
    const due = commitment.deadline
      ? dueInstant(commitment.deadline, timeZoneOf(leadAgency(commitment)))
      : undefined;
    for (const entry of indexEntries(commitment, keys, due)) {
      writes.zadd(entry.key, scoreArgument(entry.score), indexMember(commitment.id));
    }
    if (convert) {
      for (const entry of statEntries(commitment, keys, due, zoneOf))
        writes.hincrby(entry.key, entry.field, 1);
    }
  });
  await writes.exec();
  return found;
}

/** A commitment as the first layout kept it: a hash of text fields, with JSON for the structured ones. */
function decodeOldCommitment(hash: Record<string, string>): Commitment | undefined {
  if (hash.id === undefined) return undefined;
  const json = <T>(field: string): T | undefined =>
    hash[field] === undefined ? undefined : (JSON.parse(hash[field]!) as T);
  const commitment: Commitment = {
    id: hash.id,
    title: hash.title ?? '',
    owners: json<string[]>('owners') ?? [],
    status: (hash.status ?? 'open') as Commitment['status'],
    notes: json<Commitment['notes']>('notes') ?? [],
    createdBy: hash.createdBy ?? '',
    createdAt: hash.createdAt ?? '',
    updatedBy: hash.updatedBy ?? '',
    updatedAt: hash.updatedAt ?? '',
    version: Number(hash.version),
  };
  const person = json<Commitment['person']>('person');
  const deadline = json<Commitment['deadline']>('deadline');
  if (person) commitment.person = person;
  if (deadline) commitment.deadline = deadline;
  const recurrence = json<Commitment['recurrence']>('recurrence');
  if (recurrence) commitment.recurrence = recurrence;
  for (const field of [
    'area',
    'source',
    'closingNote',
    'snoozedUntil',
    'closedBy',
    'closedAt',
    'previousOccurrence',
    'nextOccurrence',
  ] as const) {
    if (hash[field] !== undefined) commitment[field] = hash[field];
  }
  return commitment;
}

/** A stream entry of the first layout (`at`, `by`, `type`, `changes` as JSON, `reason`) as a history line. */
function oldEventJson([, flat]: [string, string[]]): string {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  const event: HistoryEvent = {
    at: fields.at ?? '',
    by: fields.by ?? '',
    type: (fields.type ?? 'updated') as HistoryEvent['type'],
    changes: fields.changes ? (JSON.parse(fields.changes) as HistoryEvent['changes']) : {},
  };
  if (fields.reason !== undefined) event.reason = fields.reason;
  return encodeHistoryEvent(event);
}
