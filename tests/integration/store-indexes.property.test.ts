import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Commitment } from '../../src/model/commitment.js';
import { leadAgency } from '../../src/model/commitment.js';
import { type Deadline, dueInstant, sameDeadline } from '../../src/model/deadline.js';
import type { HistoryEventType } from '../../src/model/history-event.js';
import { ACTIVE_STATUSES, CLOSED_STATUSES, isClosed, type Status } from '../../src/model/status.js';
import { ATTENTION_STATUSES, idOfMember } from '../../src/store/commitment-indexes.js';
import { type CommitmentKeys, commitmentKeys } from '../../src/store/redis-keys.js';
import { useTestRedis } from '../support/test-redis.js';
import { AGENCY_CODES, draft, historyEvent, newCommitmentStore, timeZoneOf } from './store-fixtures.js';

const { redis, prefix } = useTestRedis();

type Op =
  | { kind: 'create'; owners: string[]; deadline: Deadline | undefined }
  | { kind: 'status'; target: number; status: Status }
  | { kind: 'close'; target: number; status: 'done' | 'cancelled' }
  | { kind: 'reopen'; target: number }
  | { kind: 'owners'; target: number; owners: string[] }
  | { kind: 'deadline'; target: number; deadline: Deadline | undefined };

const DAY_MS = 86_400_000;
const BASE = Date.parse('2026-06-01T00:00:00.000Z');

// A narrow range of days, so that equal deadlines and a date and an instant on the same day both occur.
const deadlineArb: fc.Arbitrary<Deadline | undefined> = fc.option(
  fc.oneof(
    fc
      .integer({ min: 0, max: 6 })
      .map(
        (day): Deadline => ({ kind: 'date', date: new Date(BASE + day * DAY_MS).toISOString().slice(0, 10) }),
      ),
    fc
      .integer({ min: 0, max: 6 * 24 })
      .map((hour): Deadline => ({ kind: 'instant', at: new Date(BASE + hour * 3_600_000).toISOString() })),
  ),
  { nil: undefined },
);
const ownersArb = fc.uniqueArray(fc.constantFrom(...AGENCY_CODES), { minLength: 1, maxLength: 3 });
const target = fc.nat({ max: 20 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), owners: ownersArb, deadline: deadlineArb }),
  fc.record({
    kind: fc.constant('status' as const),
    target,
    status: fc.constantFrom<Status>('open', 'in-progress', 'at-risk', 'blocked'),
  }),
  fc.record({
    kind: fc.constant('close' as const),
    target,
    status: fc.constantFrom('done' as const, 'cancelled' as const),
  }),
  fc.record({ kind: fc.constant('reopen' as const), target }),
  fc.record({ kind: fc.constant('owners' as const), target, owners: ownersArb }),
  fc.record({ kind: fc.constant('deadline' as const), target, deadline: deadlineArb }),
);

/** The change an op asks for, or undefined when the model would refuse it (e.g. reopening an open item). */
function change(
  op: Exclude<Op, { kind: 'create' }>,
  c: Commitment,
  at: string,
): [Commitment, HistoryEventType] | undefined {
  const closed = isClosed(c.status);
  switch (op.kind) {
    case 'status':
      return closed || c.status === op.status ? undefined : [{ ...c, status: op.status }, 'status-changed'];
    case 'close':
      return closed
        ? undefined
        : [{ ...c, status: op.status, closedBy: 'slack:U2', closedAt: at }, op.status];
    case 'reopen': {
      if (!closed) return undefined;
      const { closedBy: _b, closedAt: _a, ...reopened } = c;
      return [{ ...reopened, status: 'open' }, 'reopened'];
    }
    case 'owners':
      return [{ ...c, owners: op.owners }, 'updated'];
    case 'deadline': {
      if (sameDeadline(c.deadline, op.deadline)) return undefined;
      const { deadline: _d, ...rest } = c;
      return [op.deadline ? { ...rest, deadline: op.deadline } : rest, 'deadline-moved'];
    }
  }
}

/** Every index as it should be, worked out from the commitments alone: key -> id -> score. */
function expectedIndexes(
  keys: CommitmentKeys,
  commitments: readonly Commitment[],
): Map<string, Map<string, number>> {
  const indexes = new Map<string, Map<string, number>>();
  const keysToCheck = [
    ...ACTIVE_STATUSES.map(keys.openByStatus),
    ...CLOSED_STATUSES.map(keys.closedByStatus),
    ...AGENCY_CODES.flatMap((code) => [
      keys.openForAgency(code),
      keys.doneForAgency(code),
      keys.doneByDueForAgency(code),
      ...ATTENTION_STATUSES.map((status) => keys.openForAgencyInStatus(code, status)),
    ]),
  ];
  for (const key of keysToCheck) indexes.set(key, new Map());
  for (const c of commitments) {
    if (isClosed(c.status)) {
      const closed = Date.parse(c.closedAt!);
      indexes.get(keys.closedByStatus(c.status))!.set(c.id, closed);
      if (c.status !== 'done') continue;
      for (const owner of c.owners) {
        indexes.get(keys.doneForAgency(owner))!.set(c.id, closed);
        if (c.deadline) {
          indexes
            .get(keys.doneByDueForAgency(owner))!
            .set(c.id, dueInstant(c.deadline, timeZoneOf(leadAgency(c))));
        }
      }
      continue;
    }
    const score = c.deadline ? dueInstant(c.deadline, timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
    indexes.get(keys.openByStatus(c.status))!.set(c.id, score);
    for (const owner of c.owners) {
      indexes.get(keys.openForAgency(owner))!.set(c.id, score);
      if (ATTENTION_STATUSES.includes(c.status)) {
        indexes.get(keys.openForAgencyInStatus(owner, c.status))!.set(c.id, score);
      }
    }
  }
  return indexes;
}

async function storedIndexes(keys: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.zrange(key, 0, -1, 'WITHSCORES');
  const replies = (await pipeline.exec())!;
  return new Map(
    keys.map((key, i) => {
      const flat = replies[i]![1] as string[];
      const members = new Map<string, number>();
      for (let j = 0; j < flat.length; j += 2) {
        members.set(
          idOfMember(flat[j]!),
          flat[j + 1] === 'inf' ? Number.POSITIVE_INFINITY : Number(flat[j + 1]),
        );
      }
      return [key, members];
    }),
  );
}

let run = 0;

describe('RedisCommitmentStore indexes', () => {
  it('keep every item in exactly the indexes its status, owners and deadline call for, after any changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const runPrefix = `${prefix}p${++run}:`;
        const keys = commitmentKeys(runPrefix);
        const store = newCommitmentStore(redis, runPrefix);
        const model: Commitment[] = [];
        let moves = 0;

        for (const [step, op] of ops.entries()) {
          const at = new Date(BASE + step * 60_000).toISOString();
          if (op.kind === 'create') {
            const created = await store.create(
              draft({ owners: op.owners, deadline: op.deadline }),
              historyEvent('created', at),
            );
            model.push(created);
          } else if (model.length > 0) {
            const index = op.target % model.length;
            const previous = model[index]!;
            const planned = change(op, previous, at);
            if (!planned) continue;
            const [next, type] = planned;
            model[index] = await store.save(previous, { ...next, updatedAt: at }, historyEvent(type, at));
            if (op.kind === 'deadline') moves++;
          }

          const expected = expectedIndexes(keys, model);
          expect(await storedIndexes([...expected.keys()])).toEqual(expected);
        }

        expect(await store.getMany(model.map((c) => c.id))).toEqual(model);
        expect(Number(await redis.get(keys.count))).toBe(model.length);
        expect(await store.deadlineMoves(0, BASE + ops.length * 60_000)).toHaveLength(moves);
      }),
      { numRuns: 50 },
    );
  });
});
