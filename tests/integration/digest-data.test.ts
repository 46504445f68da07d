import { describe, expect, it } from 'vitest';
import {
  collectDigestData,
  collectScoreboardData,
  DIGEST_GROUP_LINES,
  digestFigures,
} from '../../src/digest/digest-data.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { Deadline } from '../../src/model/deadline.js';
import { SEES_EVERYTHING } from '../../src/model/visibility.js';
import { useTestRedis } from '../support/test-redis.js';
import { deadlineZones, draft, historyEvent, newCommitmentStore, timeZoneOf } from './store-fixtures.js';

const { redis, prefix } = useTestRedis();

const agency = (code: string, timeZone: string): Agency => ({ code, name: code, timeZone, channels: [] });
const MITI = agency('MITI', 'Asia/Kuala_Lumpur');
const MEITY = agency('MEITY', 'Asia/Kolkata');

/** Monday 30 November 2026, 09:00 in Kuala Lumpur: when MITI's digest is due. */
const MONDAY_9AM_KL = new Date('2026-11-30T01:00:00.000Z');
const onDay = (date: string): Deadline => ({ kind: 'date', date });

let run = 0;
function fresh() {
  return newCommitmentStore(redis, `${prefix}d${++run}:`);
}

async function add(
  store: ReturnType<typeof fresh>,
  overrides: Partial<Commitment> = {},
): Promise<Commitment> {
  return store.create(draft(overrides), historyEvent('created', '2026-10-01T00:00:00.000Z'));
}

async function close(
  store: ReturnType<typeof fresh>,
  c: Commitment,
  closedAt: string,
  status: 'done' | 'cancelled' = 'done',
) {
  return store.save(
    c,
    { ...c, status, closedAt, closedBy: 'slack:U1', updatedAt: closedAt },
    historyEvent(status, closedAt),
  );
}

async function move(store: ReturnType<typeof fresh>, c: Commitment, at: string, date: string) {
  return store.save(c, { ...c, deadline: onDay(date), updatedAt: at }, historyEvent('deadline-moved', at));
}

describe('collectDigestData, from the store', () => {
  it('counts open, overdue and due-this-week items, reading each deadline in its lead zone', async () => {
    const store = fresh();
    await add(store, { deadline: onDay('2026-11-27') });
    await add(store, { deadline: onDay('2026-11-30'), status: 'in-progress' });
    await add(store, { deadline: onDay('2026-12-06') });
    await add(store, { deadline: onDay('2026-12-07') });
    await add(store);
    const data = await collectDigestData(store, MITI, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING);
    expect(data).toMatchObject({ open: 5, overdue: 1, dueThisWeek: 2 });
    expect(data.lists!.overdue.items.map((c) => c.id)).toEqual(['C-1']);
  });

  it('counts a deadline that ends before the week does in its lead zone as due this week', async () => {
    const store = fresh();
    // Sunday 6 December ends at 18:30Z in Kolkata, after MITI's week ends at 16:00Z: not this week for MITI.
    await add(store, { owners: ['MEITY', 'MITI'], deadline: onDay('2026-12-06') });
    expect(
      (await collectDigestData(store, MITI, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING)).dueThisWeek,
    ).toBe(0);
    await add(store, { owners: ['MITI', 'MEITY'], deadline: onDay('2026-12-06') });
    expect(
      (await collectDigestData(store, MITI, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING)).dueThisWeek,
    ).toBe(1);
  });

  it("takes last week's closures of the agency's commitments, Monday 00:00 to Monday 00:00 in its zone, done only", async () => {
    const store = fresh();
    const closures: [string[], string, ('done' | 'cancelled')?][] = [
      [['MITI'], '2026-11-22T15:59:59.999Z'],
      [['MITI'], '2026-11-22T16:00:00.000Z'],
      [['MITI'], '2026-11-29T15:59:59.999Z'],
      [['MITI'], '2026-11-29T16:00:00.000Z'],
      [['MEITY', 'MITI'], '2026-11-25T00:00:00.000Z'],
      [['MEITY'], '2026-11-25T00:00:00.000Z'],
      [['MITI'], '2026-11-25T00:00:00.000Z', 'cancelled'],
    ];
    for (const [owners, closedAt, status] of closures)
      await close(store, await add(store, { owners }), closedAt, status);
    const miti = await collectDigestData(store, MITI, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING);
    expect(miti.week.key).toBe('2026-W49');
    expect(miti.lists!.closedLastWeek.items.map((c) => c.id)).toEqual(['C-2', 'C-5', 'C-3']);
    expect(miti.closedLastWeek).toBe(3);
  });

  it('counts as on time a closure made by the end of the deadline day in the lead zone, or with no deadline', async () => {
    const store = fresh();
    const closures: [string[], Deadline | undefined, string][] = [
      [['MITI'], onDay('2026-11-26'), '2026-11-26T15:59:59.999Z'],
      [['MITI'], onDay('2026-11-26'), '2026-11-26T16:00:00.000Z'],
      [['MEITY', 'MITI'], onDay('2026-11-26'), '2026-11-26T16:00:00.000Z'],
      [['MITI'], onDay('2026-11-20'), '2026-11-24T03:00:00.000Z'],
      [['MITI'], undefined, '2026-11-24T03:00:00.000Z'],
    ];
    for (const [owners, deadline, closedAt] of closures) {
      await close(store, await add(store, { owners, ...(deadline ? { deadline } : {}) }), closedAt);
    }
    const data = await collectDigestData(store, MITI, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING);
    expect(data.closedLastWeek).toBe(5);
    // The undated closure has no deadline to meet: it is left out of the rate.
    expect(data.record.onTime).toEqual({ closed: 4, onTime: 2, rate: 0.5 });
  });

  it('counts the commitments whose deadline moved last week, each once, not the few hours of this week', async () => {
    const store = fresh();
    let c30 = await add(store, { deadline: onDay('2027-01-01') });
    const c31 = await add(store, { owners: ['MEITY'], deadline: onDay('2027-01-01') });
    const c32 = await add(store, { owners: ['DBT', 'MITI'], deadline: onDay('2027-01-01') });
    c30 = await move(store, c30, '2026-11-22T15:00:00.000Z', '2027-01-02');
    c30 = await move(store, c30, '2026-11-23T00:00:00.000Z', '2027-01-03');
    c30 = await move(store, c30, '2026-11-25T00:00:00.000Z', '2027-01-04');
    await move(store, c32, '2026-11-29T15:59:00.000Z', '2027-01-02');
    await move(store, c31, '2026-11-26T00:00:00.000Z', '2027-01-02');
    await move(store, c30, '2026-11-30T00:30:00.000Z', '2027-01-05');
    // C-30 moved twice last week (once more this week, once the week before); C-32 once, on Sunday night.
    const moved = async (agency: Agency) =>
      digestFigures(
        await collectDigestData(store, agency, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING),
        timeZoneOf,
      ).deadlinesMovedLastWeek;
    expect(await moved(MITI)).toBe(2);
    expect(await moved(MEITY)).toBe(1);
  });

  it('lists as due in the next 14 days exactly what reads "(in 14 days)" or less beside it, and as needing attention what is at risk or blocked', async () => {
    const store = fresh();
    const at = MONDAY_9AM_KL.getTime();
    const instant = (ms: number): Deadline => ({ kind: 'instant', at: new Date(ms).toISOString() });
    await add(store, { deadline: instant(at + 15 * 86_400_000 - 1) });
    await add(store, { deadline: instant(at + 15 * 86_400_000) });
    await add(store, { status: 'blocked' });
    await add(store, { status: 'at-risk', deadline: onDay('2026-12-01') });
    await add(store, { deadline: onDay('2026-12-14') });
    await add(store, { deadline: onDay('2026-12-15') });
    const data = await collectDigestData(store, MITI, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING);
    expect(data.lists!.dueSoon.items.map((c) => c.id)).toEqual(['C-4', 'C-5', 'C-1']);
    expect(data.lists!.dueSoon.total).toBe(3);
    expect(data.lists!.attention.items.map((c) => c.id)).toEqual(['C-4', 'C-3']);
  });

  it('counts the 14 days in each lead agency’s zone across a change of clocks, as "(in 14 days)" does', async () => {
    // Monday 26 October 2026, 00:30 in New York (04:30Z). New York's clocks go back on 1 November, so
    // its Monday 9 November, "in 14 days", ends at 04:59:59Z on the 10th: after now + 15 whole days.
    const now = new Date('2026-10-26T04:30:00.000Z');
    const store = fresh();
    await add(store, { owners: ['DPIIT', 'MOD'], deadline: onDay('2026-11-09') });
    await add(store, { owners: ['DPIIT', 'MOD'], deadline: onDay('2026-11-10') });
    await add(store, { owners: ['MOD'], deadline: onDay('2026-11-09') });
    await add(store, { owners: ['MOD'], deadline: onDay('2026-11-10') });
    const data = await collectDigestData(
      store,
      agency('MOD', 'Europe/London'),
      now,
      deadlineZones,
      SEES_EVERYTHING,
    );
    expect(data.lists!.dueSoon.items.map((c) => c.id)).toEqual(['C-3', 'C-1']);
    expect(data.lists!.dueSoon.total).toBe(2);
  });

  it('reads the first lines of a long group and counts the rest, whatever their number', async () => {
    const store = fresh();
    for (let i = 0; i < DIGEST_GROUP_LINES + 5; i += 1) await add(store, { deadline: onDay('2026-11-20') });
    const data = await collectDigestData(store, MITI, MONDAY_9AM_KL, deadlineZones, SEES_EVERYTHING);
    expect(data.lists!.overdue.items).toHaveLength(DIGEST_GROUP_LINES);
    expect(data.lists!.overdue.total).toBe(DIGEST_GROUP_LINES + 5);
  });
});

describe('collectScoreboardData, from the store', () => {
  it("gives every agency its counts, closures and moves, each in its own zone's week", async () => {
    const store = fresh();
    await add(store, { deadline: onDay('2026-11-27') });
    await add(store, { owners: ['MEITY'], deadline: onDay('2026-12-02') });
    await close(store, await add(store, { owners: ['MEITY', 'MITI'] }), '2026-11-25T00:00:00.000Z');
    // Sunday 18:00 UTC is still Sunday (23:30) in Kolkata, last week for MEITY; already Monday 02:00 in Kuala Lumpur.
    await close(store, await add(store, { owners: ['MEITY', 'MITI'] }), '2026-11-29T18:00:00.000Z');
    const { agencies, totals } = await collectScoreboardData(
      store,
      [MITI, MEITY],
      MONDAY_9AM_KL,
      'Asia/Kolkata',
      SEES_EVERYTHING,
    );
    const [miti, meity] = agencies;
    expect(miti).toMatchObject({ open: 1, overdue: 1, dueThisWeek: 0 });
    expect(miti!.closedLastWeek).toBe(1);
    expect(meity).toMatchObject({ open: 1, overdue: 0, dueThisWeek: 1 });
    expect(meity!.closedLastWeek).toBe(2);
    // Every agency together, each commitment once, in the coordination unit's week (Kolkata here).
    expect(totals).toMatchObject({ open: 2, overdue: 1, dueThisWeek: 1, closedLastWeek: 2 });
  });
});
