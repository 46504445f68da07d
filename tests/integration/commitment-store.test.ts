import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors/conflict-error.js';
import type { Commitment } from '../../src/model/commitment.js';
import { SEES_EVERYTHING } from '../../src/model/visibility.js';
import { encodeCommitment } from '../../src/store/commitment-codec.js';
import { idOfMember, indexMember } from '../../src/store/commitment-indexes.js';
import { commitmentKeys } from '../../src/store/redis-keys.js';
import { countCommands } from '../support/count-commands.js';
import { allCommitments, readAll } from '../support/read-store.js';
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

/** An index as `id -> score`, its members read back as ids. */
async function scores(key: string): Promise<Record<string, string>> {
  const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
  const result: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) result[idOfMember(flat[i]!)] = flat[i + 1]!;
  return result;
}

const score = (key: string, id: string) => redis.zscore(key, indexMember(id));

function edit(previous: Commitment, changes: Partial<Commitment>): Commitment {
  return { ...previous, ...changes, updatedAt: '2026-03-05T00:00:00.000Z' };
}

const ids = (commitments: { items: Commitment[] } | Commitment[]) =>
  (Array.isArray(commitments) ? commitments : commitments.items).map((c) => c.id);

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
    const stored = await redis.get(keys.commitment('C-1'));
    expect(stored).toBe(encodeCommitment(saved));
    expect(stored!.startsWith('2|')).toBe(true);
    expect(Object.keys(JSON.parse(stored!.slice(2))).sort()).toEqual(
      [
        'createdAt',
        'createdBy',
        'deadline',
        'notes',
        'owners',
        'snoozedUntil',
        'source',
        'status',
        'title',
      ].sort(),
    );
  });

  it('leaves out what says nothing (no notes, no update since it was created) and keeps a day and a person short', async () => {
    const { store, keys } = fresh();
    const created = await store.create(
      draft({
        deadline: { kind: 'date', date: '2026-12-15' },
        person: { platform: 'teams', userId: '29:x' },
      }),
      historyEvent('created', 't'),
    );
    const stored = JSON.parse((await redis.get(keys.commitment(created.id)))!.slice(2));
    expect(stored).not.toHaveProperty('notes');
    expect(stored).not.toHaveProperty('updatedBy');
    expect(stored).not.toHaveProperty('updatedAt');
    expect(stored).toMatchObject({ deadline: '2026-12-15', person: 'teams:29:x' });
    expect(await store.get(created.id)).toEqual(created);
  });

  it('indexes a new open item by status, for every owner, its person and its area, scored by its due instant', async () => {
    const { store, keys } = fresh();
    await store.create(
      draft({
        owners: ['MITI', 'MEITY'],
        deadline: { kind: 'date', date: '2026-12-15' },
        person: { platform: 'slack', userId: 'U42' },
        area: 'trade',
      }),
      historyEvent('created', '2026-03-02T01:00:00Z'),
    );
    await store.create(draft({ owners: ['MEITY'] }), historyEvent('created', '2026-03-02T01:00:00Z'));

    // The lead (MITI, UTC+8) reads the date, for every owner's index alike.
    expect(await scores(keys.openByStatus('open'))).toEqual({ 'C-1': String(DEC_15_KL), 'C-2': 'inf' });
    expect(await scores(keys.openForAgency('MITI'))).toEqual({ 'C-1': String(DEC_15_KL) });
    expect(await scores(keys.openForAgency('MEITY'))).toEqual({ 'C-1': String(DEC_15_KL), 'C-2': 'inf' });
    expect(await scores(keys.openForPerson('slack:U42'))).toEqual({ 'C-1': String(DEC_15_KL) });
    expect(await scores(keys.openInArea('trade'))).toEqual({ 'C-1': String(DEC_15_KL) });
    expect(await redis.get(keys.count)).toBe('2');
  });

  it('moves an item between status sets, to the closed indexes by closing time when closed and back when reopened', async () => {
    const { store, keys } = fresh();
    const c1 = await store.create(
      draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', '2026-03-02T01:00:00Z'),
    );
    const started = await store.save(
      c1,
      edit(c1, { status: 'blocked' }),
      historyEvent('status-changed', '2026-03-03T00:00:00Z'),
    );
    expect(await score(keys.openByStatus('open'), 'C-1')).toBeNull();
    expect(await score(keys.openByStatus('blocked'), 'C-1')).toBe(String(DEC_15_KL));
    expect(await score(keys.openForAgencyInStatus('MEITY', 'blocked'), 'C-1')).toBe(String(DEC_15_KL));
    expect(ids(await readAll(store, { kind: 'attention-for-agency', agency: 'MITI' }))).toEqual(['C-1']);

    const closedAt = '2026-03-06T00:00:00.000Z';
    const done = await store.save(
      started,
      edit(started, { status: 'done', closedBy: 'slack:U1', closedAt }),
      historyEvent('done', closedAt),
    );
    for (const key of [
      keys.openByStatus('blocked'),
      keys.openForAgency('MITI'),
      keys.openForAgency('MEITY'),
      keys.openForAgencyInStatus('MEITY', 'blocked'),
    ]) {
      expect(await score(key, 'C-1')).toBeNull();
    }
    expect(await score(keys.closedByStatus('done'), 'C-1')).toBe(String(Date.parse(closedAt)));
    expect(await score(keys.doneForAgency('MEITY'), 'C-1')).toBe(String(Date.parse(closedAt)));
    expect(await score(keys.doneByDueForAgency('MEITY'), 'C-1')).toBe(String(DEC_15_KL));
    expect(await readAll(store, { kind: 'open' })).toEqual([]);

    const { closedBy: _b, closedAt: _a, ...reopenedFields } = edit(done, { status: 'open' });
    await store.save(done, reopenedFields, historyEvent('reopened', '2026-03-07T00:00:00Z'));
    expect(await score(keys.closedByStatus('done'), 'C-1')).toBeNull();
    expect(await score(keys.doneForAgency('MITI'), 'C-1')).toBeNull();
    expect(await score(keys.doneByDueForAgency('MITI'), 'C-1')).toBeNull();
    expect(await score(keys.openByStatus('open'), 'C-1')).toBe(String(DEC_15_KL));
    expect(await score(keys.openForAgency('MEITY'), 'C-1')).toBe(String(DEC_15_KL));
    expect(ids(await readAll(store, { kind: 'open' }))).toEqual(['C-1']);
  });

  it('moves an item between agency indexes when its owners change, rescoring by the new lead zone', async () => {
    const { store, keys } = fresh();
    const c1 = await store.create(
      draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', '2026-03-02T01:00:00Z'),
    );
    await store.save(c1, edit(c1, { owners: ['MEITY', 'DPIIT'] }), historyEvent('updated', 't'));
    expect(await score(keys.openForAgency('MITI'), 'C-1')).toBeNull();
    expect(await score(keys.openForAgency('MEITY'), 'C-1')).toBe(String(DEC_15_KOLKATA));
    expect(await score(keys.openForAgency('DPIIT'), 'C-1')).toBe(String(DEC_15_KOLKATA));
    expect(await score(keys.openByStatus('open'), 'C-1')).toBe(String(DEC_15_KOLKATA));
    expect(ids(await readAll(store, { kind: 'open-for-agency', agency: 'DPIIT' }))).toEqual(['C-1']);
    expect(await readAll(store, { kind: 'open-for-agency', agency: 'MITI' })).toEqual([]);
  });

  it('rescores a moved deadline and records the move with its owners and reason, found by the window it falls in', async () => {
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

    expect(await score(keys.openByStatus('open'), 'C-1')).toBe('inf');
    expect(
      await store.deadlineMoves(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-31T00:00:00Z')),
    ).toEqual([
      {
        id: 'C-1',
        at: '2026-03-05T10:00:00.000Z',
        by: 'slack:U1',
        owners: ['MITI'],
        before: '2026-12-15',
        after: '2027-01-10T09:00:00.000Z',
        reason: 'waiting for cabinet',
      },
      {
        id: 'C-1',
        at: '2026-03-08T00:00:00.000Z',
        by: 'slack:U1',
        owners: ['MITI'],
        before: '2027-01-10T09:00:00.000Z',
      },
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
    expect(await score(keys.openByStatus('open'), 'C-1')).toBe(
      String(Date.parse('2027-01-10T09:00:00.000Z')),
    );
    expect(await store.deadlineMoves(0, Date.parse('2030-01-01T00:00:00Z'))).toEqual([
      {
        id: 'C-1',
        at: '2026-03-05T10:00:00.000Z',
        by: 'slack:U1',
        owners: ['MITI'],
        after: '2027-01-10T09:00:00.000Z',
      },
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
      draft({ deadline: { kind: 'date', date: '2026-06-01' }, status: 'in-progress' }),
      historyEvent('created', 't'),
    );
    expect(tie.id).toBe('C-12');

    // C-12 is in another status index: the open list merges them, in due order, ties in id order.
    expect(ids(await readAll(store, { kind: 'open' }))).toEqual(
      ['C-4', 'C-12', 'C-2', 'C-3', 'C-1', 'C-5'].concat(['C-6', 'C-7', 'C-8', 'C-9', 'C-10', 'C-11']),
    );
    expect(ids(await readAll(store, { kind: 'open-for-agency', agency: 'MITI' }))).toEqual([
      'C-4',
      'C-12',
      'C-2',
      'C-1',
      'C-5',
    ]);
    expect(ids(await readAll(store, { kind: 'open', due: { before: DEC_15_KL } }))).toEqual(['C-4', 'C-12']);
    expect(ids(await readAll(store, { kind: 'open', due: { before: DEC_15_KL + 1 } }))).toEqual([
      'C-4',
      'C-12',
      'C-2',
    ]);
    expect(
      ids(await readAll(store, { kind: 'open', due: { from: DEC_15_KL, before: DEC_15_KOLKATA + 1 } })),
    ).toEqual(['C-2', 'C-3']);
    expect(ids(await readAll(store, { kind: 'status', status: 'in-progress' }))).toEqual(['C-12']);
    expect(ids(await allCommitments(store))).toEqual(Array.from({ length: 12 }, (_, i) => `C-${12 - i}`));
  });

  it('reads one page by rank: the window asked for, the total and whether more follow', async () => {
    const { store } = fresh();
    for (let day = 1; day <= 9; day++) {
      await store.create(
        draft({ deadline: { kind: 'date', date: `2026-12-0${day}` } }),
        historyEvent('created', 't'),
      );
    }
    const second = await store.page(
      { kind: 'open-for-agency', agency: 'MITI' },
      { offset: 3, limit: 3 },
      SEES_EVERYTHING,
    );
    expect(ids(second)).toEqual(['C-4', 'C-5', 'C-6']);
    expect(second).toMatchObject({ total: 9, more: true });
    const last = await store.page(
      { kind: 'open-for-agency', agency: 'MITI' },
      { offset: 6, limit: 5 },
      SEES_EVERYTHING,
    );
    expect(ids(last)).toEqual(['C-7', 'C-8', 'C-9']);
    expect(last).toMatchObject({ total: 9, more: false });
    const merged = await store.page({ kind: 'open' }, { offset: 7, limit: 5 }, SEES_EVERYTHING);
    expect(ids(merged)).toEqual(['C-8', 'C-9']);
    expect(merged).toMatchObject({ total: 9, more: false });
    const newest = await store.page({ kind: 'all' }, { offset: 2, limit: 3 }, SEES_EVERYTHING);
    expect(ids(newest)).toEqual(['C-7', 'C-6', 'C-5']);
    expect(newest).toMatchObject({ total: 9, more: true });
    expect(
      await store.counts(
        [
          { kind: 'open' },
          { kind: 'open-for-agency', agency: 'MITI', due: { before: Date.parse('2026-12-03T00:00:00Z') } },
          { kind: 'all' },
        ],
        SEES_EVERYTHING,
      ),
    ).toEqual([9, 2, 9]);
  });

  it("lists closed items newest closed first, and finds an agency's done items in a window", async () => {
    const { store } = fresh();
    const closedAt = ['2026-03-03T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'];
    for (const [i, at] of closedAt.entries()) {
      const c = await store.create(
        draft({ owners: i === 2 ? ['MEITY'] : ['MITI'] }),
        historyEvent('created', 't'),
      );
      const status = i === 1 ? 'cancelled' : 'done';
      await store.save(c, edit(c, { status, closedAt: at, closedBy: 'slack:U1' }), historyEvent(status, at));
    }
    expect(ids(await readAll(store, { kind: 'status', status: 'done' }))).toEqual(['C-1', 'C-3']);
    const window = { from: Date.parse('2026-03-01T00:00:00Z'), until: Date.parse('2026-03-03T00:00:00Z') };
    expect(ids(await readAll(store, { kind: 'done-for-agency', ...window, agency: 'MEITY' }))).toEqual([
      'C-3',
    ]);
    // C-1 was closed at the window's end; C-2 was cancelled, not done.
    expect(ids(await readAll(store, { kind: 'done-for-agency', ...window, agency: 'MITI' }))).toEqual([]);
  });

  it('reads an agency’s items due in a window (cancelled left out) and its items done in a window, by closing time', async () => {
    const { store, keys } = fresh();
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

    const march = { from: Date.parse('2026-03-01T00:00:00Z'), until: Date.parse('2026-04-01T00:00:00Z') };
    expect(ids(await readAll(store, { kind: 'due-for-agency', agency: 'MITI', ...march }))).toEqual([
      early.id,
      shared.id,
    ]);
    expect(ids(await readAll(store, { kind: 'done-for-agency', agency: 'MITI', ...march }))).toEqual([
      shared.id,
      early.id,
    ]);
    // [from, until): closed exactly at `until` belongs to the next window.
    const untilEarly = { from: march.from, until: Date.parse('2026-03-09T02:00:00.000Z') };
    expect(ids(await readAll(store, { kind: 'done-for-agency', agency: 'MITI', ...untilEarly }))).toEqual([
      shared.id,
    ]);
    expect(ids(await readAll(store, { kind: 'done-for-agency', agency: 'MEITY', ...march }))).toEqual([
      shared.id,
    ]);
    expect(
      await store.counts([{ kind: 'due-for-agency', agency: 'MITI', ...march }], SEES_EVERYTHING),
    ).toEqual([2]);

    const reopened = (await store.get(early.id))!;
    const { closedAt: _a, closedBy: _b, ...open } = reopened;
    await store.save(reopened, { ...open, status: 'open' }, historyEvent('reopened', '2026-03-12T00:00:00Z'));
    expect(ids(await readAll(store, { kind: 'done-for-agency', agency: 'MITI', ...march }))).toEqual([
      shared.id,
    ]);
    // Still due in March: open now, it is in the agency's open index instead.
    expect(ids(await readAll(store, { kind: 'due-for-agency', agency: 'MITI', ...march }))).toEqual([
      early.id,
      shared.id,
    ]);
    expect(await score(keys.doneByDueForAgency('MITI'), early.id)).toBeNull();
  });

  it('counts closures with a deadline, and late ones, per week of each owner and of every agency together', async () => {
    const { store } = fresh();
    const c1 = await store.create(
      draft({ owners: ['MITI', 'MEITY'], deadline: { kind: 'date', date: '2026-03-03' } }),
      historyEvent('created', 't'),
    );
    const c2 = await store.create(
      draft({ deadline: { kind: 'date', date: '2026-03-10' } }),
      historyEvent('created', 't'),
    );
    const c3 = await store.create(draft(), historyEvent('created', 't'));
    const close = (c: Commitment, at: string) =>
      store.save(c, { ...c, status: 'done', closedAt: at, closedBy: 'slack:U1' }, historyEvent('done', at));
    // Monday 9 March 2026 in Kuala Lumpur: week 11 there; still Sunday 8 March (week 10) in London.
    const late = await close(c1, '2026-03-08T17:00:00.000Z');
    await close(c2, '2026-03-08T17:00:00.000Z');
    await close(c3, '2026-03-08T17:00:00.000Z');
    const weeks = (...keys: string[]) => keys;
    expect(
      await store.closedCounts(
        [
          { agency: 'MITI', weeks: weeks('2026-W11') },
          { agency: 'MEITY', weeks: weeks('2026-W10', '2026-W11') },
          { agency: '*', weeks: weeks('2026-W10', '2026-W11') },
        ],
        SEES_EVERYTHING,
      ),
    ).toEqual([
      { dated: 2, late: 1 },
      { dated: 1, late: 1 },
      { dated: 2, late: 1 },
    ]);
    // Reopened, it leaves the counts.
    const { closedAt: _a, closedBy: _b, ...open } = late;
    await store.save(late, { ...open, status: 'open' }, historyEvent('reopened', '2026-03-12T00:00:00Z'));
    expect(await store.closedCounts([{ agency: 'MITI', weeks: ['2026-W11'] }], SEES_EVERYTHING)).toEqual([
      { dated: 1, late: 0 },
    ]);
  });

  it("finds a person's items on their own platform only, and an area's", async () => {
    const { store } = fresh();
    await store.create(
      draft({ person: { platform: 'slack', userId: 'U1' }, area: 'trade' }),
      historyEvent('created', 't'),
    );
    await store.create(draft({ person: { platform: 'teams', userId: 'U1' } }), historyEvent('created', 't'));
    await store.create(draft({ area: 'energy' }), historyEvent('created', 't'));
    expect(
      ids(await readAll(store, { kind: 'open-for-person', person: { platform: 'slack', userId: 'U1' } })),
    ).toEqual(['C-1']);
    expect(ids(await readAll(store, { kind: 'open-in-area', area: 'energy' }))).toEqual(['C-3']);
  });

  it("merges several agencies' items once each, leaving out a person's own, and says whether more follow", async () => {
    const { store } = fresh();
    const mine = { platform: 'slack' as const, userId: 'U7' };
    const plan: [string[], boolean][] = [
      [['MITI', 'MEITY'], false],
      [['MEITY'], true],
      [['MITI'], false],
      [['MOD'], false],
      [['MEITY', 'MITI'], false],
    ];
    for (const [day, [owners, own]] of plan.entries()) {
      await store.create(
        draft({
          owners,
          deadline: { kind: 'date', date: `2026-12-1${day}` },
          ...(own ? { person: mine } : {}),
        }),
        historyEvent('created', 't'),
      );
    }
    const query = { kind: 'open-for-agencies', agencies: ['MITI', 'MEITY'], notOf: mine } as const;
    const first = await store.page(query, { offset: 0, limit: 2 }, SEES_EVERYTHING);
    expect(ids(first)).toEqual(['C-1', 'C-3']);
    expect(first).toMatchObject({ total: undefined, more: true });
    const rest = await store.page(query, { offset: 2, limit: 5 }, SEES_EVERYTHING);
    expect(ids(rest)).toEqual(['C-5']);
    expect(rest.more).toBe(false);
  });

  it('keeps the history as one line of JSON per event, and reads a value with a newline back whole', async () => {
    const { store, keys } = fresh();
    const c1 = await store.create(draft(), historyEvent('created', 't'));
    await store.save(
      c1,
      edit(c1, { title: 'Two\nlines' }),
      historyEvent('updated', 't', {}, 'line one\nline two'),
    );
    expect((await redis.get(keys.history('C-1')))!.split('\n')).toHaveLength(2);
    expect((await store.history('C-1')).events[1]!.reason).toBe('line one\nline two');
  });

  it('returns the latest history oldest first, numbered by place, with every field of each event', async () => {
    const { store } = fresh();
    const c1 = await store.create(
      draft(),
      historyEvent('created', '2026-03-02T01:00:00Z', { title: { after: 'x' } }),
    );
    const c1b = await store.save(c1, edit(c1, { status: 'blocked' }), historyEvent('status-changed', 'a'));
    await store.save(
      c1b,
      edit(c1b, { status: 'cancelled', closedAt: '2026-03-09T00:00:00Z' }),
      historyEvent('cancelled', 'b', {}, 'merged into C-9'),
    );
    const { events, total } = await store.history('C-1');
    expect(total).toBe(3);
    expect(events.map((e) => e.type)).toEqual(['created', 'status-changed', 'cancelled']);
    expect(events[0]).toMatchObject({
      id: '1',
      at: '2026-03-02T01:00:00Z',
      by: 'slack:U1',
      changes: { title: { after: 'x' } },
    });
    expect(events[0]).not.toHaveProperty('reason');
    expect(events[2]!.reason).toBe('merged into C-9');
    const latest = await store.history('C-1', { last: 2 });
    expect(latest.events.map((e) => [e.id, e.type])).toEqual([
      ['2', 'status-changed'],
      ['3', 'cancelled'],
    ]);
    expect(latest.total).toBe(3);
    expect(await store.history('C-404')).toEqual({ events: [], total: 0 });
  });

  it('reads a page of 50 items in 2 commands, whatever the count', async () => {
    const connection = newConnection();
    const { store } = fresh(connection);
    for (let i = 0; i < 60; i++) await store.create(draft(), historyEvent('created', 't'));
    await store.page({ kind: 'open' }, { offset: 0, limit: 1 }, SEES_EVERYTHING); // the script known to Redis

    let open: Commitment[] = [];
    const page = await countCommands(connection, async () => {
      open = (await store.page({ kind: 'open' }, { offset: 0, limit: 50 }, SEES_EVERYTHING)).items;
    });
    expect(open).toHaveLength(50);
    expect(page.names).toEqual(['evalsha', 'mget']);
    const newest = await countCommands(connection, async () => {
      expect(
        (await store.page({ kind: 'all' }, { offset: 0, limit: 50 }, SEES_EVERYTHING)).items,
      ).toHaveLength(50);
    });
    expect(newest.names).toEqual(['mget', 'mget']);
    const many = await countCommands(connection, async () => {
      expect(await store.getMany(ids(open))).toHaveLength(50);
    });
    expect(many.names).toEqual(['mget']);
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
    expect(await redis.get(keys.count)).toBe('1');
    expect((await store.history(imported.id)).total).toBe(1);
  });

  it('makes one commitment out of concurrent creates with the same import key', async () => {
    const { storePrefix, keys } = fresh();
    const stores = Array.from({ length: 6 }, () => newCommitmentStore(newConnection(), storePrefix));
    await Promise.all(stores.map((s) => s.get('C-0'))); // connected and ready before the race
    const results = await Promise.all(
      stores.map((s) => s.create(draft(), historyEvent('created', 't'), 'row-1')),
    );
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(Object.keys(await scores(keys.openForAgency('MITI')))).toEqual([results[0]!.id]);
    expect(await redis.get(keys.count)).toBe('1');
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
    expect(await redis.get(keys.count)).toBe('1');
    // The burnt id is a gap that `all` steps over.
    expect(ids(await allCommitments(store))).toEqual(['C-1']);
  });

  it('lets exactly one of two concurrent saves of the same version win, leaving only its write', async () => {
    const { store, storePrefix, keys } = fresh();
    const other = newCommitmentStore(newConnection(), storePrefix);
    const base = await store.create(
      draft({ owners: ['MITI'], area: 'trade', deadline: { kind: 'date', date: '2026-12-15' } }),
      historyEvent('created', 't'),
    );
    const closing = edit(base, {
      status: 'done',
      closedBy: 'slack:U1',
      closedAt: '2026-03-05T00:00:00Z',
      area: 'digital',
    });
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
    expect(await redis.get(keys.commitment(base.id))).toBe(encodeCommitment(winner));
    expect((await store.history(base.id)).total).toBe(2);
    const openAgencies: string[] = [];
    for (const code of ['MITI', 'MEITY', 'MOD']) {
      if ((await score(keys.openForAgency(code), base.id)) !== null) openAgencies.push(code);
    }
    expect(openAgencies).toEqual(winner.status === 'done' ? [] : ['MEITY', 'MOD']);
    expect(await score(keys.openInArea('trade'), base.id)).toBe(
      winner.status === 'done' ? null : String(DEC_15_KL),
    );
  });

  it('refuses a save from a stale version and changes nothing', async () => {
    const { store, keys } = fresh();
    const v1 = await store.create(draft(), historyEvent('created', 't'));
    await store.save(v1, edit(v1, { title: 'v2' }), historyEvent('updated', 't'));
    const before = await redis.get(keys.commitment(v1.id));
    await expect(
      store.save(
        v1,
        edit(v1, { status: 'done', closedAt: '2026-03-05T00:00:00Z' }),
        historyEvent('done', 't'),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await redis.get(keys.commitment(v1.id))).toEqual(before);
    expect(await score(keys.closedByStatus('done'), v1.id)).toBeNull();
    expect((await store.history(v1.id)).total).toBe(2);
  });
});
