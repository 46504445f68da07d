import { describe, expect, it } from 'vitest';
import { collectDigestData } from '../../src/digest/digest-data.js';
import { SEES_EVERYTHING, SEES_UNRESTRICTED } from '../../src/model/visibility.js';
import { commitmentKeys } from '../../src/store/redis-keys.js';
import { migrateStore, STORE_SCHEMA } from '../../src/store/store-migration.js';
import { allCommitments, readAll } from '../support/read-store.js';
import { useTestRedis } from '../support/test-redis.js';
import { deadlineZones, draft, historyEvent, newCommitmentStore, timeZoneOf } from './store-fixtures.js';

const { redis, prefix, newConnection } = useTestRedis();

let run = 0;
const DEC_15_KL = Date.parse('2026-12-15T15:59:59.999Z');

/**
 * A store as the first layout wrote it: a hash per commitment (JSON in its structured fields), a stream
 * per history, ids as index members, no schema key. C-2 is missing: an id burnt by a failed create.
 */
async function writeFirstLayout(): Promise<string> {
  const p = `${prefix}m${++run}:`;
  const movedAt = Date.now() - 86_400_000;
  await redis
    .multi()
    .set(`${p}commitment:next-id`, '3')
    .hset(`${p}commitment:C-1`, {
      id: 'C-1',
      title: 'Launch the semiconductor dialogue',
      owners: '["MITI","MEITY"]',
      person: '{"platform":"slack","userId":"U1","name":"Aisyah"}',
      deadline: '{"kind":"date","date":"2026-12-15"}',
      area: 'semiconductors',
      status: 'at-risk',
      notes: '[{"at":"2026-03-03T00:00:00.000Z","by":"slack:U1","text":"TOR drafted"}]',
      createdBy: 'slack:U1',
      createdAt: '2026-03-02T01:00:00.000Z',
      updatedBy: 'slack:U2',
      updatedAt: '2026-03-03T00:00:00.000Z',
      version: '2',
    })
    .xadd(
      `${p}commitment:C-1:history`,
      '*',
      'at',
      '2026-03-02T01:00:00.000Z',
      'by',
      'slack:U1',
      'type',
      'created',
      'changes',
      '{"title":{"after":"Launch the semiconductor dialogue"}}',
    )
    .xadd(
      `${p}commitment:C-1:history`,
      '*',
      'at',
      '2026-03-03T00:00:00.000Z',
      'by',
      'slack:U2',
      'type',
      'status-changed',
      'changes',
      '{"status":{"before":"open","after":"at-risk"}}',
      'reason',
      'waiting for the ministry',
    )
    .hset(`${p}commitment:C-3`, {
      id: 'C-3',
      title: 'Sign the MoU',
      owners: '["MITI"]',
      status: 'done',
      notes: '[]',
      closingNote: 'signed',
      createdBy: 'slack:U1',
      createdAt: '2026-03-02T01:00:00.000Z',
      updatedBy: 'slack:U1',
      updatedAt: '2026-03-04T00:00:00.000Z',
      closedBy: 'slack:U1',
      closedAt: '2026-03-04T00:00:00.000Z',
      version: '2',
    })
    .xadd(
      `${p}commitment:C-3:history`,
      '*',
      'at',
      '2026-03-02T01:00:00.000Z',
      'by',
      'slack:U1',
      'type',
      'created',
      'changes',
      '{}',
    )
    .zadd(`${p}commitments:open`, DEC_15_KL, 'C-1')
    .zadd(`${p}commitments:open:agency:MITI`, DEC_15_KL, 'C-1')
    .zadd(`${p}commitments:open:agency:MEITY`, DEC_15_KL, 'C-1')
    .zadd(`${p}commitments:status:at-risk`, DEC_15_KL, 'C-1')
    .zadd(`${p}commitments:status:done`, '+inf', 'C-3')
    .zadd(`${p}commitments:all`, 1, 'C-1', 3, 'C-3')
    .zadd(
      `${p}commitments:deadline-moves`,
      movedAt,
      `1-0|${JSON.stringify({ id: 'C-1', at: new Date(movedAt).toISOString(), by: 'slack:U1' })}`,
    )
    .exec();
  return p;
}

describe('migrateStore', () => {
  it('converts a store of the first layout: values, histories, indexes, counts; and leaves no old key', async () => {
    const p = await writeFirstLayout();
    expect(await migrateStore({ redis, prefix: p, timeZoneOf })).toBe('migrated');
    const store = newCommitmentStore(redis, p);
    expect(await store.get('C-1')).toEqual({
      id: 'C-1',
      title: 'Launch the semiconductor dialogue',
      owners: ['MITI', 'MEITY'],
      person: { platform: 'slack', userId: 'U1', name: 'Aisyah' },
      deadline: { kind: 'date', date: '2026-12-15' },
      area: 'semiconductors',
      status: 'at-risk',
      notes: [{ at: '2026-03-03T00:00:00.000Z', by: 'slack:U1', text: 'TOR drafted' }],
      createdBy: 'slack:U1',
      createdAt: '2026-03-02T01:00:00.000Z',
      updatedBy: 'slack:U2',
      updatedAt: '2026-03-03T00:00:00.000Z',
      version: 2,
    });
    const history = await store.history('C-1');
    expect(history.events.map((e) => [e.type, e.reason])).toEqual([
      ['created', undefined],
      ['status-changed', 'waiting for the ministry'],
    ]);
    expect(history.events[1]!.changes).toEqual({ status: { before: 'open', after: 'at-risk' } });

    expect((await allCommitments(store)).map((c) => c.id)).toEqual(['C-3', 'C-1']);
    expect((await readAll(store, { kind: 'open-for-agency', agency: 'MEITY' })).map((c) => c.id)).toEqual([
      'C-1',
    ]);
    expect((await readAll(store, { kind: 'attention-for-agency', agency: 'MITI' })).map((c) => c.id)).toEqual(
      ['C-1'],
    );
    expect((await readAll(store, { kind: 'status', status: 'done' })).map((c) => c.id)).toEqual(['C-3']);
    const keys = commitmentKeys(p);
    expect(await redis.get(keys.count)).toBe('2');
    expect(await redis.get(keys.schema)).toBe(String(STORE_SCHEMA));
    const left = await redis.exists(
      `${p}commitments:open`,
      `${p}commitments:all`,
      `${p}commitments:status:done`,
      `${p}commitments:open:agency:MITI`,
    );
    expect(left).toBe(0);
    expect(await redis.exists(keys.all)).toBe(0);
    // A save after the conversion works on the new layout: the version carried over.
    const c1 = (await store.get('C-1'))!;
    await store.save(
      c1,
      { ...c1, status: 'open' },
      { at: '2026-03-05T00:00:00.000Z', by: 'slack:U1', type: 'status-changed', changes: {} },
    );
    expect((await store.history('C-1')).total).toBe(3);
  });

  it('counts, once, a closure made before the conversion in its week, and drops the indexes the first layout kept', async () => {
    const p = await writeFirstLayout();
    await redis
      .multi()
      .zadd(`${p}commitments:due:agency:MITI`, DEC_15_KL, 'C-1')
      .zadd(`${p}commitments:done:agency:MITI`, 1, 'C-3')
      .set(`${p}commitments:agency-history-indexed`, '1')
      .exec();
    // C-3 in the first layout has no deadline: give it one it missed, so that it counts as late.
    await redis.hset(`${p}commitment:C-3`, 'deadline', '{"kind":"date","date":"2026-03-01"}');
    await migrateStore({ redis, prefix: p, timeZoneOf });
    await migrateStore({ redis, prefix: p, timeZoneOf });
    const store = newCommitmentStore(redis, p);
    // Closed on Wednesday 4 March 2026: ISO week 10 in Kuala Lumpur.
    expect(await store.closedCounts([{ agency: 'MITI', weeks: ['2026-W10'] }], SEES_EVERYTHING)).toEqual([
      { dated: 1, late: 1 },
    ]);
    expect(
      await redis.exists(
        `${p}commitments:due:agency:MITI`,
        `${p}commitments:done:agency:MITI`,
        `${p}commitments:agency-history-indexed`,
      ),
    ).toBe(0);
  });

  it('does nothing to a store already converted, and marks a new one as current', async () => {
    const p = await writeFirstLayout();
    expect(await migrateStore({ redis, prefix: p, timeZoneOf })).toBe('migrated');
    expect(await migrateStore({ redis, prefix: p, timeZoneOf })).toBe('current');
    const empty = `${prefix}m${++run}:`;
    expect(await migrateStore({ redis, prefix: empty, timeZoneOf })).toBe('fresh');
    expect(await redis.get(commitmentKeys(empty).schema)).toBe(String(STORE_SCHEMA));
  });

  it('drops the index of every commitment by number from a store of layout 3, keeping its restricted counterparts', async () => {
    const p = `${prefix}m${++run}:`;
    const store = newCommitmentStore(redis, p);
    const open = await store.create(draft(), historyEvent('created', '2026-03-02T01:00:00.000Z'));
    const restricted = await store.create(
      draft({ visibility: 'restricted' }),
      historyEvent('created', '2026-03-02T01:00:00.000Z'),
    );
    const keys = commitmentKeys(p);
    // As layout 3 wrote it: every commitment anyone may see in the index, by number.
    await redis.multi().zadd(keys.all, 1, '000000001').set(keys.schema, '3').exec();
    expect(await migrateStore({ redis, prefix: p, timeZoneOf })).toBe('migrated');
    expect(await redis.exists(keys.all)).toBe(0);
    expect(await redis.get(keys.schema)).toBe(String(STORE_SCHEMA));
    const everyone = await store.pageIds({ kind: 'all' }, { offset: 0, limit: 10 }, SEES_UNRESTRICTED);
    expect(everyone).toEqual({ items: [open.id], total: 1, more: false });
    const mitiChannel = await store.pageIds(
      { kind: 'all' },
      { offset: 0, limit: 10 },
      { agencies: ['MITI'] },
    );
    expect(mitiChannel.items).toEqual([restricted.id, open.id]);
  });

  it('lets one of several processes starting together convert, the others waiting for it', async () => {
    const p = await writeFirstLayout();
    const connections = [newConnection(), newConnection(), newConnection()];
    // Connected first (a cluster connection learns the slots before its first command), so that the
    // three really start together instead of one arriving after the conversion on a busy machine.
    await Promise.all(connections.map((connection) => connection.ping()));
    const outcomes = await Promise.all(
      connections.map((connection) => migrateStore({ redis: connection, prefix: p, timeZoneOf })),
    );
    expect(outcomes.sort()).toEqual(['migrated', 'waited', 'waited']);
    const store = newCommitmentStore(redis, p);
    expect((await allCommitments(store)).map((c) => c.id)).toEqual(['C-3', 'C-1']);
    const digest = await collectDigestData(
      store,
      { code: 'MITI', name: 'MITI', timeZone: 'Asia/Kuala_Lumpur', channels: [] },
      new Date('2026-12-01T00:00:00Z'),
      deadlineZones,
      SEES_EVERYTHING,
    );
    expect(digest.lists!.attention.items.map((c) => c.id)).toEqual(['C-1']);
  });
});
