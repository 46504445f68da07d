import type { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/model/agency.js';
import type { Status } from '../../src/model/status.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { type CommandCount, countCommands } from '../support/count-commands.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker, CONSOLE, type TestTracker } from '../support/test-tracker.js';

/**
 * Every interactive request, counted in Redis commands and in what came back, on a store of 5,000
 * commitments and on one of 50,000 shaped alike: the same commands, and no more read than 1.5 times as
 * much. A request that read a whole index, or an item at a time, fails here long before anyone notices
 * it in production.
 */

const { newConnection, prefix } = useTestRedis();
const NOW = '2026-11-25T02:00:00Z';
const DAY_MS = 86_400_000;
const AGENCIES = ['MITI', 'MEITY', 'MOF', 'MINDEF', 'DPIIT', 'MEA', 'BNM', 'RBI', 'MOHR', 'MOE'];
const AREAS = ['trade', 'digital', 'energy', 'defence', 'people', 'health'];
const STATUSES: Status[] = [
  'open',
  'open',
  'open',
  'open',
  'in-progress',
  'at-risk',
  'blocked',
  'done',
  'done',
  'cancelled',
];

interface Sized {
  connection: Redis;
  t: TestTracker;
}

/** A store of `count` commitments, spread like a real one over agencies, people, areas, deadlines, states and visibilities. */
async function seeded(count: number): Promise<Sized> {
  const connection = newConnection();
  const t = buildTestTracker(connection, `${prefix}n${count}:`, { now: NOW });
  for (const [i, code] of AGENCIES.entries()) {
    const agency: Agency = {
      code,
      name: code,
      timeZone: i % 2 === 0 ? 'Asia/Kuala_Lumpur' : 'Asia/Kolkata',
      channels: [{ platform: 'slack', id: `C-${code}` }],
    };
    await t.agencies.put(agency);
  }
  await t.agencies.snapshot();
  const now = Date.parse(NOW);
  let next = 0;
  const create = async () => {
    for (let i = next++; i < count; i = next++) {
      const status = STATUSES[i % STATUSES.length]!;
      const closed = status === 'done' || status === 'cancelled';
      const at = new Date(now - ((i % 60) + 1) * DAY_MS).toISOString();
      const owners = [AGENCIES[i % AGENCIES.length]!];
      if (i % 3 === 0) owners.push(AGENCIES[(i + 3) % AGENCIES.length]!);
      await t.commitments.create(
        {
          title: `Deliverable number ${i} of the joint working group`,
          owners,
          ...(i % 5 < 2 ? { person: { platform: 'slack' as const, userId: `U${i % 50}` } } : {}),
          ...(i % 7 === 0
            ? {}
            : {
                deadline: {
                  kind: 'date' as const,
                  date: new Date(now + ((i % 360) - 60) * DAY_MS).toISOString().slice(0, 10),
                },
              }),
          area: AREAS[i % AREAS.length],
          // Some restricted, so that the readers below skip what they may not see, as in a real store.
          ...(i % 11 === 0 ? { visibility: 'restricted' as const } : {}),
          status,
          notes: [],
          createdBy: 'slack:U1',
          createdAt: at,
          updatedBy: 'slack:U1',
          updatedAt: at,
          ...(closed ? { closedAt: at, closedBy: 'slack:U1' } : {}),
        },
        { at, by: 'slack:U1', type: 'created', changes: {} },
      );
    }
  };
  await Promise.all(Array.from({ length: 64 }, create));
  return { connection, t };
}

const inChannel = (userId: string, page?: number): CommandContext => ({
  actor: { platform: 'slack', userId },
  channel: { platform: 'slack', id: 'C-MITI' },
  ...(page === undefined ? {} : { page: { index: page, size: 20 } }),
});

/**
 * Commands a request may send at most: a handful; for a digest its counts too (its 12 weeks' tallies,
 * all in one pipeline), and for the all-agency scoreboard a few counts per agency.
 */
const FEW = 12;
const DIGEST = 60;

const REQUESTS: [string, (t: TestTracker) => Promise<unknown>, number?][] = [
  ['list, in a linked channel', (t) => t.tracker.execute('list', inChannel('U1', 0))],
  ['list, its third page', (t) => t.tracker.execute('list', inChannel('U1', 2))],
  ['list owner:MEITY', (t) => t.tracker.execute('list owner:MEITY', inChannel('U1', 0))],
  ['list overdue', (t) => t.tracker.execute('list overdue', inChannel('U1', 0))],
  ['list due:week', (t) => t.tracker.execute('list due:week', inChannel('U1', 0))],
  ['list mine', (t) => t.tracker.execute('list mine', inChannel('U1', 0))],
  ['list area:energy', (t) => t.tracker.execute('list area:energy', inChannel('U1', 0))],
  ['list status:blocked', (t) => t.tracker.execute('list status:blocked', inChannel('U1', 0))],
  ['list status:done', (t) => t.tracker.execute('list status:done', inChannel('U1', 0))],
  ['list all', (t) => t.tracker.execute('list all', inChannel('U1', 0))],
  ['list all, unpaged (console)', (t) => t.tracker.execute('list all', CONSOLE)],
  ['show', (t) => t.tracker.execute('show C-1000', CONSOLE)],
  ['digest preview of an agency', (t) => t.tracker.execute('digest owner:MITI', CONSOLE), DIGEST],
  [
    'digest preview of every agency',
    (t) => t.tracker.execute('digest', { actor: CONSOLE.actor }),
    FEW + 8 * AGENCIES.length,
  ],
  ['App Home', (t) => t.tracker.overview({ actor: { platform: 'slack', userId: 'U1' } }, ['MITI', 'MEITY'])],
  ['add', (t) => t.tracker.execute('add One more deliverable due:2027-03-01', inChannel('U2'))],
];

let small: Sized;
let large: Sized;

beforeAll(async () => {
  [small, large] = await Promise.all([seeded(5_000), seeded(50_000)]);
}, 300_000);

describe('every interactive request, at 5,000 and at 50,000 commitments', () => {
  it.each(REQUESTS)(
    '%s: the same Redis commands, and no more than 1.5 times what it read',
    async (_, request, most = FEW) => {
      const measure = async ({ connection, t }: Sized): Promise<CommandCount> => {
        await request(t); // agencies loaded and scripts known, as in a running process
        return countCommands(connection, () => request(t));
      };
      const at5k = await measure(small);
      const at50k = await measure(large);
      expect(at50k.names).toEqual(at5k.names);
      expect(at5k.commands).toBeLessThanOrEqual(most);
      expect(at50k.replySize).toBeLessThanOrEqual(1.5 * at5k.replySize + 200);
    },
  );
});
