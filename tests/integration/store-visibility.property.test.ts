import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Commitment, leadAgency } from '../../src/model/commitment.js';
import { dueInstant } from '../../src/model/deadline.js';
import type { HistoryEventType } from '../../src/model/history-event.js';
import type { PersonRef } from '../../src/model/platform.js';
import { samePerson } from '../../src/model/platform.js';
import { isClosed, type Status } from '../../src/model/status.js';
import { type Audience, canSee, SEES_EVERYTHING, SEES_UNRESTRICTED } from '../../src/model/visibility.js';
import type { CommitmentQuery } from '../../src/store/commitment-store.js';
import { useTestRedis } from '../support/test-redis.js';
import { AGENCY_CODES, draft, historyEvent, newCommitmentStore, timeZoneOf } from './store-fixtures.js';

/**
 * Whatever happens to commitments (made restricted and open again, given to other agencies, closed and
 * reopened), every reader's page and count of every query hold exactly the commitments the model says
 * that reader may see: none it may not, none missing, each once.
 */

const { redis, prefix } = useTestRedis();

const OWNER: PersonRef = { platform: 'slack', userId: 'UOWN' };
const OTHER: PersonRef = { platform: 'teams', userId: 'aad-other' };
const [A, B, C] = AGENCY_CODES as [string, string, string];

type Op =
  | { kind: 'create'; owners: string[]; restricted: boolean; person?: PersonRef; due?: number }
  | { kind: 'visibility'; target: number; restricted: boolean }
  | { kind: 'owners'; target: number; owners: string[] }
  | { kind: 'status'; target: number; status: Status }
  | { kind: 'reopen'; target: number };

const ownersArb = fc.uniqueArray(fc.constantFrom(A, B, C), { minLength: 1, maxLength: 2 });
const target = fc.nat({ max: 12 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('create' as const),
      owners: ownersArb,
      restricted: fc.boolean(),
      person: fc.constantFrom(OWNER, OTHER),
      due: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: ['kind', 'owners', 'restricted'] },
  ),
  fc.record({ kind: fc.constant('visibility' as const), target, restricted: fc.boolean() }),
  fc.record({ kind: fc.constant('owners' as const), target, owners: ownersArb }),
  fc.record({
    kind: fc.constant('status' as const),
    target,
    status: fc.constantFrom<Status>('in-progress', 'at-risk', 'blocked', 'done', 'cancelled'),
  }),
  fc.record({ kind: fc.constant('reopen' as const), target }),
);

const AUDIENCES: [string, Audience][] = [
  ['anyone', SEES_UNRESTRICTED],
  [`a channel of ${A}`, { agencies: [A] }],
  [`a channel of ${A} and ${B}`, { agencies: [A, B] }],
  ['the owner alone', { person: OWNER }],
  [`the owner in a channel of ${B}`, { agencies: [B], person: OWNER }],
  ['an administrator', SEES_EVERYTHING],
];

const BASE = Date.parse('2026-06-01T00:00:00.000Z');
const DAY_MS = 86_400_000;

/** Which commitments a query holds, whoever reads it. */
const QUERIES: [CommitmentQuery, (c: Commitment) => boolean][] = [
  [{ kind: 'all' }, () => true],
  [{ kind: 'open' }, (c) => !isClosed(c.status)],
  [
    { kind: 'open', due: { before: BASE + 3 * DAY_MS } },
    (c) => !isClosed(c.status) && due(c) < BASE + 3 * DAY_MS,
  ],
  [{ kind: 'status', status: 'blocked' }, (c) => c.status === 'blocked'],
  [{ kind: 'open-for-person', person: OWNER }, (c) => !isClosed(c.status) && samePerson(c.person, OWNER)],
  ...[A, B, C].flatMap((code): [CommitmentQuery, (c: Commitment) => boolean][] => [
    [{ kind: 'open-for-agency', agency: code }, (c) => !isClosed(c.status) && c.owners.includes(code)],
    [
      { kind: 'attention-for-agency', agency: code },
      (c) => (c.status === 'at-risk' || c.status === 'blocked') && c.owners.includes(code),
    ],
  ]),
];

function due(c: Commitment): number {
  return c.deadline ? dueInstant(c.deadline, timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
}

function change(
  op: Exclude<Op, { kind: 'create' }>,
  c: Commitment,
  at: string,
): [Commitment, HistoryEventType] | undefined {
  switch (op.kind) {
    case 'visibility':
      return [{ ...c, visibility: op.restricted ? 'restricted' : 'open' }, 'updated'];
    case 'owners':
      return [{ ...c, owners: op.owners }, 'updated'];
    case 'status':
      if (isClosed(c.status) || c.status === op.status) return undefined;
      return isClosed(op.status)
        ? [
            { ...c, status: op.status, closedAt: at, closedBy: 'slack:U2' },
            op.status === 'done' ? 'done' : 'cancelled',
          ]
        : [{ ...c, status: op.status }, 'status-changed'];
    case 'reopen': {
      if (!isClosed(c.status)) return undefined;
      const { closedAt: _a, closedBy: _b, ...open } = c;
      return [{ ...open, status: 'open' }, 'reopened'];
    }
  }
}

let run = 0;

describe('restricted commitments in the store', () => {
  it("every reader's pages and counts hold exactly what it may see, after any changes of visibility, owners and status", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
        const store = newCommitmentStore(redis, `${prefix}v${++run}:`);
        const model: Commitment[] = [];
        for (const [step, op] of ops.entries()) {
          const at = new Date(BASE + step * 60_000).toISOString();
          if (op.kind === 'create') {
            const deadline =
              op.due === undefined
                ? undefined
                : {
                    kind: 'date' as const,
                    date: new Date(BASE + op.due * DAY_MS).toISOString().slice(0, 10),
                  };
            model.push(
              await store.create(
                draft({
                  owners: op.owners,
                  visibility: op.restricted ? 'restricted' : 'open',
                  ...(op.person ? { person: op.person } : {}),
                  ...(deadline ? { deadline } : {}),
                }),
                historyEvent('created', at),
              ),
            );
            continue;
          }
          if (model.length === 0) continue;
          const index = op.target % model.length;
          const planned = change(op, model[index]!, at);
          if (!planned) continue;
          model[index] = await store.save(
            model[index]!,
            { ...planned[0], updatedAt: at },
            historyEvent(planned[1], at),
          );
        }

        for (const [who, audience] of AUDIENCES) {
          const queries = QUERIES.map(([query]) => query);
          const counts = await store.counts(queries, audience);
          for (const [i, [query, holds]] of QUERIES.entries()) {
            const expected = model
              .filter((c) => holds(c) && canSee(audience, c))
              .map((c) => c.id)
              .sort();
            const page = await store.pageIds(query, { offset: 0, limit: 100 }, audience);
            const what = `${who}: ${JSON.stringify(query)}`;
            expect([...page.items].sort(), what).toEqual(expected);
            if (page.total !== undefined) expect(page.total, what).toBe(expected.length);
            expect(counts[i], what).toBe(expected.length);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('every commitment, newest first, for a reader who may not see every restricted one', () => {
  it('pages through long runs of restricted ids, each reader getting exactly what it may see, in id order', async () => {
    const store = newCommitmentStore(redis, `${prefix}v${++run}:`);
    const model: Commitment[] = [];
    // Open ones, then a long run of restricted ones, then a mix.
    const restrictedAt = (n: number) => (n > 40 && n <= 340) || (n > 360 && n % 3 === 0);
    for (let n = 1; n <= 400; n += 1) {
      const restricted = restrictedAt(n);
      model.push(
        await store.create(
          draft({
            owners: n % 2 === 0 ? [A] : [B, C],
            visibility: restricted ? 'restricted' : 'open',
            ...(n % 50 === 0 ? { person: OWNER } : {}),
          }),
          historyEvent('created', new Date(BASE + n * 60_000).toISOString()),
        ),
      );
    }
    for (const [who, audience] of AUDIENCES) {
      const expected = model
        .filter((c) => canSee(audience, c))
        .map((c) => c.id)
        .reverse();
      const pages: string[] = [];
      for (let offset = 0; ; offset += 25) {
        const page = await store.pageIds({ kind: 'all' }, { offset, limit: 25 }, audience);
        expect(page.total, who).toBe(expected.length);
        pages.push(...page.items);
        expect(page.more, `${who} at ${offset}`).toBe(offset + 25 < expected.length);
        if (!page.more) break;
      }
      expect(pages, who).toEqual(expected);
    }
  });
});
