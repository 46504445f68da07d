import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors/conflict-error.js';
import type { Commitment } from '../../src/model/commitment.js';
import { encodeCommitment } from '../../src/store/commitment-codec.js';
import { commitmentKeys } from '../../src/store/redis-keys.js';
import { useTestRedis } from '../support/test-redis.js';
import { draft, historyEvent, newCommitmentStore } from './store-fixtures.js';

const { redis, prefix, newConnection } = useTestRedis();

let suite = 0;
/** A store in keys of its own, so that every test starts from an empty tracker. */
function fresh(connection: Redis = redis) {
  const storePrefix = `${prefix}s${++suite}:`;
  return {
    store: newCommitmentStore(connection, storePrefix),
    keys: commitmentKeys(storePrefix),
    storePrefix,
  };
}

/** 2026-12-15 read in Kuala Lumpur (UTC+8) and in Kolkata (UTC+5:30): the last millisecond of that day. */
const DEC_15_KL = Date.parse('2026-12-15T15:59:59.999Z');
const DEC_15_KOLKATA = Date.parse('2026-12-15T18:29:59.999Z');

async function scores(key: string): Promise<Record<string, string>> {
  const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
  const result: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) result[flat[i]!] = flat[i + 1]!;
  return result;
}

function edit(previous: Commitment, changes: Partial<Commitment>): Commitment {
  return { ...previous, ...changes, updatedAt: '2026-03-05T00:00:00.000Z' };
}

describe('RedisCommitmentStore writes', () => {
  it('stores every field and reads it back, and a save drops the optional fields the new version lacks', async () => {
    const { store, keys } = fresh();
    const full = draft({
      owners: ['MITI', 'MEITY'],
      person: { platform: 'slack', userId: 'U42', name: 'Aisyah' },
      deadline: { kind: 'instant', at: '2026-12-15T17:00:00+08:00' },
      area: 'semiconductors',
      source: 'Joint statement, para 12 "chips"',
      status: 'at-risk',
      notes: [{ at: '2026-03-03T00:00:00Z', by: 'teams:29:x', text: 'Drafted TOR — ✓' }],
      closingNote: 'n/a',
      snoozedUntil: '2026-12-10T01:00:00Z',
      closedBy: 'slack:U9',
      closedAt: '2026-03-04T00:00:00Z',
    });
    const created = await store.create(full, historyEvent('created', full.createdAt));
    expect(created).toEqual({ ...full, id: 'C-1', version: 1 });
    expect(await store.get('C-1')).toEqual(created);

    const { person: _p, area: _a, closingNote: _c, closedBy: _b, closedAt: _t, ...rest } = created;
    const next: Commitment = { ...rest, title: 'Renamed', deadline: { kind: 'date', date: '2027-01-31' } };
    const saved = await store.save(created, next, historyEvent('updated', '2026-03-05T00:00:00Z'));
    expect(saved).toEqual({ ...next, version: 2 });
    expect(await store.get('C-1')).toEqual(saved);
    expect(Object.keys(await redis.hgetall(keys.commitment('C-1'))).sort()).toEqual(
      ['createdAt', 'createdBy', 'deadline', 'id', 'notes', 'owners', 'snoozedUntil', 'source', 'status']
        .concat(['title', 'updatedAt', 'updatedBy', 'version'])
        .sort(),
    );
  });

  it('indexes a new open item overall, for every owner, by status and in all, scored by its due instant', async () => {
    const { store, keys } = fresh();
    await store.create(
      draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', '2026-03-02T01:00:00Z'),
    );
    await store.create(draft({ owners: ['MEITY'] }), historyEvent('created', '2026-03-02T01:00:00Z'));

    // The lead (MITI, UTC+8) reads the date, for every owner's index alike.
    expect(await scores(keys.open)).toEqual({ 'C-1': String(DEC_15_KL), 'C-2': 'inf' });
    expect(await scores(keys.openForAgency('MITI'))).toEqual({ 'C-1': String(DEC_15_KL) });
    expect(await scores(keys.openForAgency('MEITY'))).toEqual({ 'C-1': String(DEC_15_KL), 'C-2': 'inf' });
    expect(await scores(keys.status('open'))).toEqual({ 'C-1': String(DEC_15_KL), 'C-2': 'inf' });
    expect(await scores(keys.all)).toEqual({ 'C-1': '1', 'C-2': '2' });
  });

  it('moves an item between status sets, out of the open indexes when closed and back when reopened', async () => {
    const { store, keys } = fresh();
    const c1 = await store.create(
      draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', '2026-03-02T01:00:00Z'),
    );
    const started = await store.save(
      c1,
      edit(c1, { status: 'in-progress' }),
      historyEvent('status-changed', 't'),
    );
    expect(await redis.zscore(keys.status('open'), 'C-1')).toBeNull();
    expect(await redis.zscore(keys.status('in-progress'), 'C-1')).toBe(String(DEC_15_KL));
    expect(await redis.zscore(keys.open, 'C-1')).toBe(String(DEC_15_KL));

    const done = await store.save(
      started,
      edit(started, { status: 'done', closedBy: 'slack:U1', closedAt: '2026-03-06T00:00:00Z' }),
      historyEvent('done', '2026-03-06T00:00:00Z'),
    );
    expect(await redis.zscore(keys.open, 'C-1')).toBeNull();
    expect(await redis.zscore(keys.openForAgency('MITI'), 'C-1')).toBeNull();
    expect(await redis.zscore(keys.openForAgency('MEITY'), 'C-1')).toBeNull();
    expect(await redis.zscore(keys.status('in-progress'), 'C-1')).toBeNull();
    expect(await redis.zscore(keys.status('done'), 'C-1')).toBe(String(DEC_15_KL));
    expect(await store.query({ kind: 'open' })).toEqual([]);

    const { closedBy: _b, closedAt: _a, ...reopenedFields } = edit(done, { status: 'open' });
    await store.save(done, reopenedFields, historyEvent('reopened', '2026-03-07T00:00:00Z'));
    expect(await redis.zscore(keys.status('done'), 'C-1')).toBeNull();
    expect(await redis.zscore(keys.status('open'), 'C-1')).toBe(String(DEC_15_KL));
    expect(await redis.zscore(keys.openForAgency('MEITY'), 'C-1')).toBe(String(DEC_15_KL));
    expect((await store.query({ kind: 'open' })).map((c) => c.id)).toEqual(['C-1']);

    const cancelled = await store.get('C-1');
    await store.save(cancelled!, edit(cancelled!, { status: 'cancelled' }), historyEvent('cancelled', 't2'));
    expect(await redis.zscore(keys.open, 'C-1')).toBeNull();
    expect(await redis.zscore(keys.status('cancelled'), 'C-1')).toBe(String(DEC_15_KL));
  });

  it('moves an item between agency indexes when its owners change, rescoring by the new lead zone', async () => {
    const { store, keys } = fresh();
    const c1 = await store.create(
      draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', '2026-03-02T01:00:00Z'),
    );
    await store.save(c1, edit(c1, { owners: ['MEITY', 'DPIIT'] }), historyEvent('updated', 't'));
    expect(await redis.zscore(keys.openForAgency('MITI'), 'C-1')).toBeNull();
    expect(await redis.zscore(keys.openForAgency('MEITY'), 'C-1')).toBe(String(DEC_15_KOLKATA));
    expect(await redis.zscore(keys.openForAgency('DPIIT'), 'C-1')).toBe(String(DEC_15_KOLKATA));
    expect(await redis.zscore(keys.open, 'C-1')).toBe(String(DEC_15_KOLKATA));
    expect((await store.query({ kind: 'open-for-agency', agency: 'DPIIT' })).map((c) => c.id)).toEqual([
      'C-1',
    ]);
    expect(await store.query({ kind: 'open-for-agency', agency: 'MITI' })).toEqual([]);
  });

  it('rescores a moved deadline and records the move with its reason, found by the window it falls in', async () => {
    const { store, keys } = fresh();
    const c1 = await store.create(
      draft({ deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', '2026-03-02T01:00:00Z'),
    );
    const moved = await store.save(
      c1,
      edit(c1, { deadline: { kind: 'instant', at: '2027-01-10T09:00:00.000Z' } }),
      historyEvent('deadline-moved', '2026-03-05T10:00:00.000Z', { deadline: {} }, 'waiting for cabinet'),
    );
    await store.save(
      moved,
      edit(moved, { title: 'Same deadline' }),
      historyEvent('updated', '2026-03-06T00:00:00Z'),
    );
    const undated = await store.get('C-1');
    const { deadline: _d, ...withoutDeadline } = undated!;
    await store.save(undated!, withoutDeadline, historyEvent('updated', '2026-03-08T00:00:00.000Z'));

    expect(await redis.zscore(keys.status('open'), 'C-1')).toBe('inf');
    expect(
      await store.deadlineMoves(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-31T00:00:00Z')),
    ).toEqual([
      {
        id: 'C-1',
        at: '2026-03-05T10:00:00.000Z',
        by: 'slack:U1',
        before: '2026-12-15',
        after: '2027-01-10T09:00:00.000Z',
        reason: 'waiting for cabinet',
      },
      { id: 'C-1', at: '2026-03-08T00:00:00.000Z', by: 'slack:U1', before: '2027-01-10T09:00:00.000Z' },
    ]);
    // The window is [since, until): a move exactly at `until` belongs to the next window.
    expect(
      await store.deadlineMoves(
        Date.parse('2026-03-05T10:00:00.001Z'),
        Date.parse('2026-03-08T00:00:00.000Z'),
      ),
    ).toEqual([]);
  });

  it('records a deadline given to an undated item as a move, even under a plain update event', async () => {
    const { store, keys } = fresh();
    const c1 = await store.create(draft(), historyEvent('created', '2026-03-02T01:00:00Z'));
    await store.save(
      c1,
      edit(c1, { deadline: { kind: 'instant', at: '2027-01-10T09:00:00.000Z' } }),
      historyEvent('updated', '2026-03-05T10:00:00.000Z'),
    );
    expect(await redis.zscore(keys.open, 'C-1')).toBe(String(Date.parse('2027-01-10T09:00:00.000Z')));
    expect(await store.deadlineMoves(0, Date.parse('2030-01-01T00:00:00Z'))).toEqual([
      { id: 'C-1', at: '2026-03-05T10:00:00.000Z', by: 'slack:U1', after: '2027-01-10T09:00:00.000Z' },
    ]);
  });
});

describe('RedisCommitmentStore reads', () => {
  it('lists open items by due instant, ties in id order, undated last; all newest first', async () => {
    const { store } = fresh();
    const plan: [string[], string | undefined][] = [
      [['MITI'], undefined],
      [['MITI'], '2026-12-15'],
      [['MEITY'], '2026-12-15'], // later instant than MITI's 15 December
      [['MITI'], '2026-06-01'],
      [['MITI'], undefined],
    ];
    for (const [owners, date] of plan) {
      await store.create(
        draft({ owners, deadline: date ? { kind: 'date', date } : undefined }),
        historyEvent('created', 't'),
      );
    }
    for (let n = 6; n <= 11; n++)
      await store.create(draft({ owners: ['MOD'] }), historyEvent('created', 't'));
    const tie = await store.create(
      draft({ deadline: { kind: 'date', date: '2026-06-01' } }),
      historyEvent('created', 't'),
    );
    expect(tie.id).toBe('C-12');

    const ids = (commitments: Commitment[]) => commitments.map((c) => c.id);
    expect(ids(await store.query({ kind: 'open' }))).toEqual(
      ['C-4', 'C-12', 'C-2', 'C-3', 'C-1', 'C-5'].concat(['C-6', 'C-7', 'C-8', 'C-9', 'C-10', 'C-11']),
    );
    expect(ids(await store.query({ kind: 'open-for-agency', agency: 'MITI' }))).toEqual([
      'C-4',
      'C-12',
      'C-2',
      'C-1',
      'C-5',
    ]);
    expect(ids(await store.query({ kind: 'open-due-before', before: DEC_15_KL }))).toEqual(['C-4', 'C-12']);
    expect(ids(await store.query({ kind: 'open-due-before', before: DEC_15_KL + 1 }))).toEqual([
      'C-4',
      'C-12',
      'C-2',
    ]);
    expect(ids(await store.query({ kind: 'status', status: 'open' }))).toEqual(
      ids(await store.query({ kind: 'open' })),
    );
    expect(ids(await store.query({ kind: 'all' }))).toEqual(
      Array.from({ length: 12 }, (_, i) => `C-${12 - i}`),
    );
  });

  it('reads an agency’s items due in a window (cancelled left out) and its items done in a window, by closing time', async () => {
    const { store } = fresh();
    const make = (title: string, owners: string[], date: string) =>
      store.create(
        draft({ title, owners, deadline: { kind: 'date', date } }),
        historyEvent('created', '2026-03-02T01:00:00Z'),
      );
    const close = async (c: Commitment, status: 'done' | 'cancelled', at: string) =>
      store.save(c, { ...c, status, closedAt: at, closedBy: 'slack:U1' }, historyEvent(status, at));
    const early = await make('Early', ['MITI'], '2026-03-03');
    const shared = await make('Shared', ['MEITY', 'MITI'], '2026-03-10');
    const dropped = await make('Dropped', ['MITI'], '2026-03-11');
    await make('Later', ['MITI'], '2026-04-20');
    await close(early, 'done', '2026-03-09T02:00:00.000Z');
    await close(shared, 'done', '2026-03-05T02:00:00.000Z');
    await close(dropped, 'cancelled', '2026-03-06T02:00:00.000Z');

    const ids = (items: Commitment[]) => items.map((c) => c.id);
    const march = { from: Date.parse('2026-03-01T00:00:00Z'), until: Date.parse('2026-04-01T00:00:00Z') };
    expect(ids(await store.query({ kind: 'due-for-agency', agency: 'MITI', ...march }))).toEqual([
      early.id,
      shared.id,
    ]);
    expect(ids(await store.query({ kind: 'done-for-agency', agency: 'MITI', ...march }))).toEqual([
      shared.id,
      early.id,
    ]);
    // [from, until): closed exactly at `until` belongs to the next window.
    expect(
      ids(
        await store.query({
          kind: 'done-for-agency',
          agency: 'MITI',
          from: march.from,
          until: Date.parse('2026-03-09T02:00:00.000Z'),
        }),
      ),
    ).toEqual([shared.id]);
    expect(ids(await store.query({ kind: 'done-for-agency', agency: 'MEITY', ...march }))).toEqual([
      shared.id,
    ]);

    const reopened = (await store.get(early.id))!;
    const { closedAt: _a, closedBy: _b, ...open } = reopened;
    await store.save(reopened, { ...open, status: 'open' }, historyEvent('reopened', '2026-03-12T00:00:00Z'));
    expect(ids(await store.query({ kind: 'done-for-agency', agency: 'MITI', ...march }))).toEqual([
      shared.id,
    ]);
  });

  it('returns the history oldest first, with the stream ids and every field of each event', async () => {
    const { store } = fresh();
    const c1 = await store.create(
      draft(),
      historyEvent('created', '2026-03-02T01:00:00Z', { title: { after: 'x' } }),
    );
    const c1b = await store.save(c1, edit(c1, { status: 'blocked' }), historyEvent('status-changed', 'a'));
    await store.save(
      c1b,
      edit(c1b, { status: 'cancelled' }),
      historyEvent('cancelled', 'b', {}, 'merged into C-9'),
    );
    const history = await store.history('C-1');
    expect(history.map((e) => e.type)).toEqual(['created', 'status-changed', 'cancelled']);
    expect(history[0]).toMatchObject({
      at: '2026-03-02T01:00:00Z',
      by: 'slack:U1',
      changes: { title: { after: 'x' } },
    });
    expect(history[0]).not.toHaveProperty('reason');
    expect(history[2]!.reason).toBe('merged into C-9');
    const streamIds = history.map((e) => e.id!);
    expect(streamIds.every((id) => /^\d+-\d+$/.test(id))).toBe(true);
    expect(new Set(streamIds).size).toBe(3);
    expect(await store.history('C-404')).toEqual([]);
  });

  it('reads 50 items in at most 2 round trips, whatever the count', async () => {
    const connection = newConnection();
    await connection.ping();
    const { store } = fresh(connection);
    for (let i = 0; i < 50; i++) await store.create(draft(), historyEvent('created', 't'));

    let writes = 0;
    const socket = connection.stream;
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((...args: unknown[]) => {
      writes++;
      return write(...args);
    }) as typeof socket.write;
    try {
      const open = await store.query({ kind: 'open' });
      expect(open).toHaveLength(50);
      expect(writes).toBeLessThanOrEqual(2);
      writes = 0;
      expect(await store.query({ kind: 'all' })).toHaveLength(50);
      expect(writes).toBeLessThanOrEqual(2);
      writes = 0;
      expect(await store.getMany(open.map((c) => c.id))).toHaveLength(50);
      expect(writes).toBe(1);
    } finally {
      socket.write = write as typeof socket.write;
    }
  });
});

describe('RedisCommitmentStore ids and concurrency', () => {
  it('never reuses an id, also in a new store instance on the same Redis after a restart', async () => {
    const { store, storePrefix } = fresh();
    const first = await Promise.all([1, 2, 3].map(() => store.create(draft(), historyEvent('created', 't'))));
    expect(first.map((c) => c.id).sort()).toEqual(['C-1', 'C-2', 'C-3']);

    const restarted = newCommitmentStore(newConnection(), storePrefix);
    const next = await restarted.create(draft(), historyEvent('created', 't'));
    expect(next.id).toBe('C-4');
    expect((await restarted.get('C-1'))?.id).toBe('C-1');
  });

  it('returns the first commitment, unchanged, when an import key is used again', async () => {
    const { store, keys } = fresh();
    const imported = await store.create(
      draft({ title: 'First' }),
      historyEvent('created', 't'),
      'sheet:row-7',
    );
    const again = await store.create(draft({ title: 'Second' }), historyEvent('created', 't'), 'sheet:row-7');
    expect(again).toEqual(imported);
    expect(await redis.zcard(keys.all)).toBe(1);
    expect(await store.history(imported.id)).toHaveLength(1);
  });

  it('makes one commitment out of concurrent creates with the same import key', async () => {
    const { storePrefix, keys } = fresh();
    const stores = Array.from({ length: 6 }, () => newCommitmentStore(newConnection(), storePrefix));
    await Promise.all(stores.map((s) => s.get('C-0'))); // connected and ready before the race
    const results = await Promise.all(
      stores.map((s) => s.create(draft(), historyEvent('created', 't'), 'row-1')),
    );
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await redis.zrange(keys.all, 0, -1)).toEqual([results[0]!.id]);
    expect(await redis.hgetall(keys.importKeys)).toEqual({ 'row-1': results[0]!.id });
  });

  it('checks the import key inside the write, not only before taking an id', async () => {
    const { store, storePrefix, keys } = fresh();
    const connection = newConnection();
    const late = newCommitmentStore(connection, storePrefix);
    // The other create lands after this one's early check and before its write.
    let first: Commitment | undefined;
    const incr = connection.incr.bind(connection);
    connection.incr = (async (key: string) => {
      first = await store.create(draft({ title: 'First' }), historyEvent('created', 't'), 'row-1');
      return incr(key);
    }) as typeof connection.incr;
    const second = await late.create(draft({ title: 'Second' }), historyEvent('created', 't'), 'row-1');
    expect(first?.title).toBe('First');
    expect(second).toEqual(first);
    expect(await redis.get(keys.nextId)).toBe('2');
    expect(await redis.zcard(keys.all)).toBe(1);
  });

  it('lets exactly one of two concurrent saves of the same version win, leaving only its write', async () => {
    const { store, storePrefix, keys } = fresh();
    const other = newCommitmentStore(newConnection(), storePrefix);
    const base = await store.create(
      draft({ owners: ['MITI'], area: 'trade', deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', 't'),
    );
    const closing = edit(base, { status: 'done', closedBy: 'slack:U1', closedAt: 'x', area: 'digital' });
    const reassigning = edit(base, { owners: ['MEITY', 'MOD'], deadline: undefined, source: 'para 4' });
    const outcomes = await Promise.allSettled([
      store.save(base, closing, historyEvent('done', '2026-03-05T00:00:00Z')),
      other.save(base, reassigning, historyEvent('updated', '2026-03-05T00:00:01Z')),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);

    const winner = (won[0] as PromiseFulfilledResult<Commitment>).value;
    expect(winner.version).toBe(2);
    const expectedHash = Object.fromEntries(
      encodeCommitment(winner).flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]!]] : [])),
    );
    expect(await redis.hgetall(keys.commitment(base.id))).toEqual(expectedHash);
    expect(await store.history(base.id)).toHaveLength(2);
    const openAgencies: string[] = [];
    for (const code of ['MITI', 'MEITY', 'MOD']) {
      if ((await redis.zscore(keys.openForAgency(code), base.id)) !== null) openAgencies.push(code);
    }
    expect(openAgencies).toEqual(winner.status === 'done' ? [] : ['MEITY', 'MOD']);
  });

  it('refuses a save from a stale version and changes nothing', async () => {
    const { store, keys } = fresh();
    const v1 = await store.create(draft(), historyEvent('created', 't'));
    await store.save(v1, edit(v1, { title: 'v2' }), historyEvent('updated', 't'));
    const before = await redis.hgetall(keys.commitment(v1.id));
    await expect(
      store.save(v1, edit(v1, { status: 'done' }), historyEvent('done', 't')),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await redis.hgetall(keys.commitment(v1.id))).toEqual(before);
    expect(await redis.zscore(keys.status('done'), v1.id)).toBeNull();
    expect(await store.history(v1.id)).toHaveLength(2);
  });
});
