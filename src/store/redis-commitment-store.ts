import type { Cluster, Redis } from 'ioredis';
import { ConflictError } from '../errors/conflict-error.js';
import type { Commitment } from '../model/commitment.js';
import { commitmentNumber, leadAgency } from '../model/commitment.js';
import { deadlineText, dueInstant, sameDeadline } from '../model/deadline.js';
import type { HistoryEvent } from '../model/history-event.js';
import { decodeCommitment, encodeCommitment } from './commitment-codec.js';
import { indexChanges, indexEntries, parseScore, scoreArgument } from './commitment-indexes.js';
import type { CommitmentDraft, CommitmentQuery, CommitmentStore, DeadlineMove } from './commitment-store.js';
import { decodeHistoryEvent, encodeHistoryEvent } from './history-codec.js';
import { LuaScript } from './lua-script.js';
import { type CommitmentKeys, commitmentKeys, DEFAULT_KEY_PREFIX } from './redis-keys.js';

export interface RedisCommitmentStoreOptions {
  redis: Redis | Cluster;
  /** Key prefix; keep a `{hash tag}` in it on a cluster. Default `{ft}:`. */
  prefix?: string;
  /**
   * The IANA time zone of an agency. A date-only deadline is due at the end of that day in the lead
   * agency's zone, and that instant is the index score; called synchronously on every write.
   */
  timeZoneOf: (agencyCode: string) => string;
}

interface WriteRequest {
  /** '' for a create: the hash must not exist yet. */
  expectedVersion: string;
  importKey: string;
  commitment: Commitment;
  previous?: Commitment;
  event: HistoryEvent;
  recordMove: boolean;
}

type WriteResult = ['ok', string] | ['conflict'] | ['imported', string];

/**
 * Commitments as Redis hashes with sorted-set indexes and a history stream each. Every write is one Lua
 * script, so a commitment, its indexes and its history never disagree, even across processes.
 */
export class RedisCommitmentStore implements CommitmentStore {
  private readonly redis: Redis | Cluster;
  private readonly keys: CommitmentKeys;
  private readonly timeZoneOf: (agencyCode: string) => string;
  private readonly writeScript: LuaScript;

  constructor(options: RedisCommitmentStoreOptions) {
    this.redis = options.redis;
    this.keys = commitmentKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.timeZoneOf = options.timeZoneOf;
    this.writeScript = new LuaScript(
      options.redis,
      'followthroughWriteCommitment',
      new URL('./commitment-write.lua', import.meta.url),
    );
  }

  async findImported(importKey: string): Promise<Commitment | undefined> {
    const id = await this.redis.hget(this.keys.importKeys, importKey);
    return id ? this.get(id) : undefined;
  }

  async create(draft: CommitmentDraft, event: HistoryEvent, importKey?: string): Promise<Commitment> {
    if (importKey) {
      // Checked before INCR too, so that re-running an import does not burn an id per row.
      const existing = await this.findImported(importKey);
      if (existing) return existing;
    }
    const id = `C-${await this.redis.incr(this.keys.nextId)}`;
    const commitment: Commitment = { ...draft, id, version: 1 };
    const result = await this.write({
      expectedVersion: '',
      importKey: importKey ?? '',
      commitment,
      event,
      recordMove: false,
    });
    if (result[0] === 'imported') {
      const existing = await this.get(result[1]);
      if (existing) return existing;
    }
    if (result[0] !== 'ok') throw new ConflictError(id);
    return commitment;
  }

  async get(id: string): Promise<Commitment | undefined> {
    return decodeCommitment(await this.redis.hgetall(this.keys.commitment(id)));
  }

  /** One pipeline, whatever the number of ids; unknown ids are left out. */
  async getMany(ids: readonly string[]): Promise<Commitment[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.commitment(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, hash]) => {
      if (error) throw error;
      const commitment = decodeCommitment(hash as Record<string, string>);
      return commitment ? [commitment] : [];
    });
  }

  async save(previous: Commitment, next: Commitment, event: HistoryEvent): Promise<Commitment> {
    if (next.id !== previous.id) throw new Error(`cannot save ${next.id} as a new version of ${previous.id}`);
    const stored: Commitment = { ...next, version: previous.version + 1 };
    const result = await this.write({
      expectedVersion: String(previous.version),
      importKey: '',
      commitment: stored,
      previous,
      event,
      recordMove:
        event.type === 'deadline-moved' ||
        event.changes.deadline !== undefined ||
        !sameDeadline(previous.deadline, next.deadline),
    });
    if (result[0] !== 'ok') throw new ConflictError(previous.id);
    return stored;
  }

  /** Two round trips: one range read, one pipeline of hashes. */
  async query(query: CommitmentQuery): Promise<Commitment[]> {
    if (query.kind === 'all') return this.getMany(await this.redis.zrevrange(this.keys.all, 0, -1));
    const [key, min, max] = this.rangeOf(query);
    const flat = await this.redis.zrange(key, min, max, 'BYSCORE', 'WITHSCORES');
    const ranked: { id: string; score: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      ranked.push({ id: flat[i]!, score: parseScore(flat[i + 1]!) });
    // Equal deadlines (and all undated items) come in id number order, not Redis's lexical `C-10` < `C-9`.
    ranked.sort((a, b) =>
      a.score === b.score ? commitmentNumber(a.id) - commitmentNumber(b.id) : a.score < b.score ? -1 : 1,
    );
    return this.getMany(ranked.map((entry) => entry.id));
  }

  async history(id: string): Promise<HistoryEvent[]> {
    const entries = await this.redis.xrange(this.keys.history(id), '-', '+');
    return entries.map(([streamId, fields]) => decodeHistoryEvent(streamId, fields));
  }

  /** Moves made at or after `sinceMs` and before `untilMs`, oldest first. */
  async deadlineMoves(sinceMs: number, untilMs: number): Promise<DeadlineMove[]> {
    const members = await this.redis.zrange(this.keys.deadlineMoves, sinceMs, `(${untilMs}`, 'BYSCORE');
    return members.map((member) => JSON.parse(member.slice(member.indexOf('|') + 1)) as DeadlineMove);
  }

  private rangeOf(query: Exclude<CommitmentQuery, { kind: 'all' }>): [key: string, min: string, max: string] {
    switch (query.kind) {
      case 'open':
        return [this.keys.open, '-inf', '+inf'];
      case 'open-for-agency':
        return [this.keys.openForAgency(query.agency), '-inf', '+inf'];
      case 'open-due-before':
        return [this.keys.open, '-inf', `(${scoreArgument(query.before)}`];
      case 'status':
        return [this.keys.status(query.status), '-inf', '+inf'];
      case 'due-for-agency':
        return [
          this.keys.dueForAgency(query.agency),
          scoreArgument(query.from),
          `(${scoreArgument(query.until)}`,
        ];
      case 'done-for-agency':
        return [
          this.keys.doneForAgency(query.agency),
          scoreArgument(query.from),
          `(${scoreArgument(query.until)}`,
        ];
    }
  }

  private dueAt(commitment: Commitment): number | undefined {
    return commitment.deadline
      ? dueInstant(commitment.deadline, this.timeZoneOf(leadAgency(commitment)))
      : undefined;
  }

  private async write(request: WriteRequest): Promise<WriteResult> {
    const { commitment, previous, event } = request;
    const { add, remove } = indexChanges(
      previous ? indexEntries(previous, this.keys, this.dueAt(previous)) : [],
      indexEntries(commitment, this.keys, this.dueAt(commitment)),
    );
    const indexKeys = [...new Set([...add.map((entry) => entry.key), ...remove])];
    // KEYS 1-4 are fixed (see commitment-write.lua); index keys follow.
    const keyNumber = (key: string) => 5 + indexKeys.indexOf(key);
    const plan = JSON.stringify({
      add: add.map((entry) => [keyNumber(entry.key), scoreArgument(entry.score)]),
      remove: remove.map(keyNumber),
    });
    const move: DeadlineMove = { id: commitment.id, at: event.at, by: event.by };
    if (previous?.deadline) move.before = deadlineText(previous.deadline);
    if (commitment.deadline) move.after = deadlineText(commitment.deadline);
    if (event.reason) move.reason = event.reason;
    const fields = encodeCommitment(commitment);
    const result = await this.writeScript.run(
      [
        this.keys.commitment(commitment.id),
        this.keys.history(commitment.id),
        this.keys.importKeys,
        this.keys.deadlineMoves,
        ...indexKeys,
      ],
      [
        request.expectedVersion,
        request.importKey,
        commitment.id,
        request.recordMove ? scoreArgument(Date.parse(event.at)) : '',
        request.recordMove ? JSON.stringify(move) : '',
        plan,
        String(fields.length),
        ...fields,
        ...encodeHistoryEvent(event),
      ],
    );
    return result as WriteResult;
  }
}
