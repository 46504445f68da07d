import type { Cluster, Redis } from 'ioredis';
import { ConflictError } from '../errors/conflict-error.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { deadlineText, dueInstant, sameDeadline } from '../model/deadline.js';
import type { HistoryEvent } from '../model/history-event.js';
import { type Audience, agencyMark, EVERY_READER } from '../model/visibility.js';
import { decodeCommitment, encodeCommitment } from './commitment-codec.js';
import { idOfMember, indexChanges, indexEntries, indexMember, scoreArgument } from './commitment-indexes.js';
import { EVERY_AGENCY, statChanges, statEntries } from './commitment-stats.js';
import type {
  CommitmentDraft,
  CommitmentQuery,
  CommitmentStore,
  DeadlineMove,
  Page,
  PageRequest,
  Window,
} from './commitment-store.js';
import { deadlineMoveMember, readDeadlineMoveMember } from './deadline-move-member.js';
import { decodeHistory, EVENT_SEPARATOR, encodeHistoryEvent } from './history-codec.js';
import { type IndexRange, indexRange } from './index-ranges.js';
import { LuaScript } from './lua-script.js';
import { type BatchedCall, inOneRoundTrip } from './one-round-trip.js';
import { type CommitmentKeys, commitmentKeys, DEFAULT_KEY_PREFIX } from './redis-keys.js';
import { readerMarks } from './restricted-marks.js';

export interface RedisCommitmentStoreOptions {
  redis: Redis | Cluster;
  /** Key prefix; keep a `{hash tag}` in it on a cluster. Default `{ft}:`. */
  prefix?: string;
  /**
   * The IANA time zone of an agency. A date-only deadline is due at the end of that day in the lead
   * agency's zone, and that instant is the index score; called synchronously on every write.
   */
  timeZoneOf: (agencyCode: string) => string;
  /** The coordination unit's zone (TRACKER_TZ), whose weeks every agency's counts together are kept in. */
  trackerTimeZone?: string;
}

interface WriteRequest {
  /** '' for a create: the value must not exist yet. */
  expectedVersion: string;
  importKey: string;
  commitment: Commitment;
  previous?: Commitment;
  event: HistoryEvent;
  recordMove: boolean;
}

type WriteResult = ['ok'] | ['conflict'] | ['imported', string];

/** Keys per MGET: one command stays small however many items a page or a job asks for. */
const MGET_BATCH = 500;

/**
 * Commitments as one string each (`<version>|<JSON>`), sorted-set indexes holding ids by due instant or
 * closing time, and a history string of JSON lines each. Every write is one Lua script, so a commitment, its indexes and
 * its history never disagree, even across processes; every read is a page of an index, so a request
 * costs the same whatever the number of commitments stored.
 */
export class RedisCommitmentStore implements CommitmentStore {
  private readonly redis: Redis | Cluster;
  private readonly keys: CommitmentKeys;
  private readonly timeZoneOf: (agencyCode: string) => string;
  /** The zone an agency's weeks are counted in; the tracker's for every agency together. */
  private readonly zoneOf: (code: string) => string;
  private readonly writeScript: LuaScript;
  private readonly pageScript: LuaScript;
  private readonly newestPageScript: LuaScript;
  private readonly restoreScript: LuaScript;

  constructor(options: RedisCommitmentStoreOptions) {
    this.redis = options.redis;
    this.keys = commitmentKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.timeZoneOf = options.timeZoneOf;
    const trackerTimeZone = options.trackerTimeZone ?? 'UTC';
    this.zoneOf = (code) => (code === EVERY_AGENCY ? trackerTimeZone : options.timeZoneOf(code));
    this.writeScript = new LuaScript(
      options.redis,
      'followthroughWriteCommitment',
      new URL('./commitment-write.lua', import.meta.url),
    );
    this.pageScript = new LuaScript(
      options.redis,
      'followthroughIndexPage',
      new URL('./index-page.lua', import.meta.url),
    );
    this.newestPageScript = new LuaScript(
      options.redis,
      'followthroughNewestPage',
      new URL('./newest-page.lua', import.meta.url),
    );
    this.restoreScript = new LuaScript(
      options.redis,
      'followthroughRestoreCommitment',
      new URL('./commitment-restore.lua', import.meta.url),
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
    return decodeCommitment(id, await this.redis.get(this.keys.commitment(id)));
  }

  /** One round trip (MGETs of 500, together), whatever the number of ids; unknown ids are left out. */
  async getMany(ids: readonly string[]): Promise<Commitment[]> {
    const calls: BatchedCall[] = [];
    for (let at = 0; at < ids.length; at += MGET_BATCH) {
      const keys = ids.slice(at, at + MGET_BATCH).map((id) => this.keys.commitment(id));
      calls.push({ alone: (redis) => redis.mget(keys), queue: (pipeline) => pipeline.mget(keys) });
    }
    const values = (await inOneRoundTrip(this.redis, calls)).flatMap((batch) => batch as (string | null)[]);
    return ids.flatMap((id, i) => {
      const commitment = decodeCommitment(id, values[i] ?? null);
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

  /**
   * The bulk path of a restore: commitments from a backup, each written as it was (id, version, whole
   * history) with the indexes and week counts its state puts it in, derived as a save derives them, so
   * they cannot disagree with it. One script per commitment, a batch in one round trip; one already
   * stored is left as it is. Returns how many were written.
   */
  async restore(
    items: readonly { commitment: Commitment; history: readonly HistoryEvent[] }[],
  ): Promise<number> {
    if (items.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    for (const { commitment, history } of items) {
      const dueAt = this.dueAt(commitment);
      const { add } = indexChanges([], indexEntries(commitment, this.keys, dueAt));
      const counts = statChanges([], statEntries(commitment, this.keys, dueAt, this.zoneOf));
      const otherKeys = [
        ...new Set([...counts.map(([entry]) => entry.key), ...add.map((entry) => entry.key)]),
      ];
      const keyNumber = (key: string) => String(4 + otherKeys.indexOf(key));
      this.restoreScript.queue(
        pipeline,
        [
          this.keys.commitment(commitment.id),
          this.keys.history(commitment.id),
          this.keys.count,
          ...otherKeys,
        ],
        [
          encodeCommitment(commitment),
          history.map(encodeHistoryEvent).join(EVENT_SEPARATOR),
          indexMember(commitment.id),
          String(counts.length),
          ...counts.flatMap(([entry]) => [keyNumber(entry.key), entry.field]),
          ...add.flatMap((entry) => [keyNumber(entry.key), scoreArgument(entry.score)]),
        ],
      );
    }
    const replies = (await pipeline.exec()) ?? [];
    return replies.filter(([error, written]) => {
      if (error) throw error;
      return written === 1;
    }).length;
  }

  /** Two round trips: the page's ids from the index, then their values. */
  async page(query: CommitmentQuery, window: Window, audience: Audience): Promise<Page<Commitment>> {
    return (await this.pages([{ query, window }], audience))[0]!;
  }

  /** Any number of pages in two round trips: all their ids together, then all their values. */
  async pages(requests: readonly PageRequest[], audience: Audience): Promise<Page<Commitment>[]> {
    const idPages = await this.idPages(requests, audience);
    const found = new Map(
      (await this.getMany([...new Set(idPages.flatMap((page) => page.items))])).map((c) => [c.id, c]),
    );
    return idPages.map((page) => ({ ...page, items: page.items.flatMap((id) => found.get(id) ?? []) }));
  }

  async pageIds(query: CommitmentQuery, window: Window, audience: Audience): Promise<Page<string>> {
    return (await this.idPages([{ query, window }], audience))[0]!;
  }

  private async idPages(requests: readonly PageRequest[], audience: Audience): Promise<Page<string>[]> {
    const calls: BatchedCall[] = [];
    // Each request's reader of its reply; one with nothing to read (no index) sends nothing.
    const reads = requests.map(
      ({ query, window }): { queued: boolean; read(reply?: unknown): Page<string> } => {
        const offset = Math.max(0, Math.floor(window.offset));
        const limit = Math.max(0, Math.floor(window.limit));
        if (query.kind === 'all' && audience.all) {
          const { nextId, count } = this.keys;
          calls.push({ alone: (redis) => redis.mget(nextId, count), queue: (p) => p.mget(nextId, count) });
          return { queued: true, read: (reply) => newestIds(reply as (string | null)[], offset, limit) };
        }
        if (query.kind === 'all') {
          calls.push(this.newestPageCall(audience, offset, limit));
          return {
            queued: true,
            read: (reply) => {
              const [total, more, ...numbers] = reply as number[];
              return { items: numbers.map((n) => `C-${n}`), total, more: more === 1 };
            },
          };
        }
        const range = indexRange(query, this.keys, audience);
        if (range.keys.length === 0)
          return { queued: false, read: () => ({ items: [], total: 0, more: false }) };
        calls.push(this.pageCall(range, offset, limit));
        return {
          queued: true,
          read: (reply) => {
            const [total, more, ...members] = reply as [number, number, ...string[]];
            return { items: members.map(idOfMember), total: total < 0 ? undefined : total, more: more === 1 };
          },
        };
      },
    );
    const replies = await inOneRoundTrip(this.redis, calls);
    let at = 0;
    return reads.map(({ queued, read }) => read(queued ? replies[at++] : undefined));
  }

  /**
   * One round trip for any number of queries: each is a sum of O(log n) counts, but for a reader who
   * sees restricted commitments under two marks at once, whose restricted ones in range are read to
   * count each once.
   */
  async counts(queries: readonly CommitmentQuery[], audience: Audience): Promise<number[]> {
    const calls = queries.map((query): BatchedCall => {
      if (query.kind === 'all' && audience.all) {
        const { count } = this.keys;
        return { alone: (redis) => redis.get(count), queue: (pipeline) => pipeline.get(count) };
      }
      if (query.kind === 'all') return this.newestPageCall(audience, 0, 0);
      const range = indexRange(query, this.keys, audience);
      if (!range.countable) throw new Error(`a ${query.kind} query cannot be counted without reading it`);
      return this.pageCall(range, 0, 0);
    });
    return (await inOneRoundTrip(this.redis, calls)).map((value) =>
      Array.isArray(value) ? Number(value[0]) : Number(value ?? 0),
    );
  }

  /** `all` for a reader who may not see every restricted commitment: `newest-page.lua`. */
  private newestPageCall(audience: Audience, offset: number, limit: number): BatchedCall {
    const { nextId, count, all, restricted } = this.keys;
    const keys = [
      nextId,
      count,
      restricted(all, EVERY_READER),
      ...readerMarks(audience).map((mark) => restricted(all, mark)),
    ];
    const args = [String(offset), String(limit)];
    return {
      alone: () => this.newestPageScript.run(keys, args),
      queue: (pipeline) => this.newestPageScript.queue(pipeline, keys, args),
    };
  }

  private pageCall(range: IndexRange, offset: number, limit: number): BatchedCall {
    const keys = [...range.keys, ...range.exclude];
    const args = [
      range.min,
      range.max,
      String(offset),
      String(limit),
      range.order,
      String(range.exclude.length),
      range.countable ? '1' : '0',
      ...range.groups.map(String),
    ];
    return {
      alone: () => this.pageScript.run(keys, args),
      queue: (pipeline) => this.pageScript.queue(pipeline, keys, args),
    };
  }

  async history(
    id: string,
    options: { last?: number } = {},
  ): Promise<{ events: HistoryEvent[]; total: number }> {
    return decodeHistory(await this.redis.get(this.keys.history(id)), options.last);
  }

  async closedCounts(
    requests: readonly { agency: string; weeks: readonly string[] }[],
    audience: Audience,
  ): Promise<{ dated: number; late: number }[]> {
    if (requests.length === 0) return [];
    const pipeline = this.redis.pipeline();
    const parts = requests.map(({ agency, weeks }) => {
      const key = this.keys.stats(agency);
      const marks = readerMarks(audience, agency === EVERY_AGENCY ? undefined : agencyMark(agency));
      // Counts cannot tell which commitments they counted, so two marks' would count some twice.
      if (marks.length > 1) throw new Error('week counts are read for one mark at most');
      const fields = weeks.flatMap((week) => [`dated:${week}`, `late:${week}`]);
      for (const hash of [key, ...marks.map((mark) => this.keys.restricted(key, mark))]) {
        pipeline.hmget(hash, ...fields);
      }
      return 1 + marks.length;
    });
    const replies = ((await pipeline.exec()) ?? []).map(([error, values]) => {
      if (error) throw error;
      return (values as (string | null)[]).map((value) => Math.max(0, Number(value ?? 0)));
    });
    let at = 0;
    return parts.map((n) => {
      const counts = replies.slice(at, at + n).flat();
      at += n;
      return {
        dated: counts.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0),
        late: counts.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0),
      };
    });
  }

  /** Moves made at or after `sinceMs` and before `untilMs`, oldest first. */
  async deadlineMoves(sinceMs: number, untilMs: number): Promise<DeadlineMove[]> {
    const members = await this.redis.zrange(this.keys.deadlineMoves, sinceMs, `(${untilMs}`, 'BYSCORE');
    return members.map((member) => readDeadlineMoveMember(member).move);
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
    const counts = statChanges(
      previous ? statEntries(previous, this.keys, this.dueAt(previous), this.zoneOf) : [],
      statEntries(commitment, this.keys, this.dueAt(commitment), this.zoneOf),
    );
    const otherKeys = [
      ...new Set([...counts.map(([entry]) => entry.key), ...add.map((entry) => entry.key), ...remove]),
    ];
    // KEYS 1-5 are fixed; the stats hashes and index zsets follow (see commitment-write.lua).
    const keyNumber = (key: string) => String(6 + otherKeys.indexOf(key));
    const movedAt = Date.parse(event.at);
    const move: DeadlineMove = { id: commitment.id, at: event.at, by: event.by, owners: commitment.owners };
    if (event.reason) move.reason = event.reason;
    if (previous?.deadline) move.before = deadlineText(previous.deadline);
    if (commitment.deadline) move.after = deadlineText(commitment.deadline);
    const result = (await this.writeScript.run(
      [
        this.keys.commitment(commitment.id),
        this.keys.history(commitment.id),
        this.keys.importKeys,
        this.keys.deadlineMoves,
        this.keys.count,
        ...otherKeys,
      ],
      [
        request.expectedVersion,
        request.importKey,
        commitment.id,
        indexMember(commitment.id),
        encodeCommitment(commitment),
        encodeHistoryEvent(event),
        request.recordMove ? scoreArgument(movedAt) : '',
        request.recordMove ? deadlineMoveMember(move, commitment.version) : '',
        String(counts.length),
        ...counts.flatMap(([entry, delta]) => [keyNumber(entry.key), entry.field, String(delta)]),
        String(add.length),
        ...add.flatMap((entry) => [keyNumber(entry.key), scoreArgument(entry.score)]),
        ...remove.map(keyNumber),
      ],
    )) as WriteResult;
    return result;
  }
}

/**
 * `all`, newest first, walks the id sequence down from the last id given: ids are never reused and
 * commitments never deleted, so no index is needed. An id burnt by a failed create is a gap, skipped.
 */
function newestIds([last, count]: (string | null)[], offset: number, limit: number): Page<string> {
  const newest = Number(last ?? 0) - offset;
  const items: string[] = [];
  for (let n = newest; n > Math.max(0, newest - limit); n -= 1) items.push(`C-${n}`);
  return { items, total: Number(count ?? 0), more: newest - limit > 0 };
}
