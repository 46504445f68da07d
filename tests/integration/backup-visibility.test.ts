import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownCommitmentError } from '../../src/errors/unknown-commitment-error.js';
import type { ChannelRef } from '../../src/model/platform.js';
import { indexMember } from '../../src/store/commitment-indexes.js';
import { commitmentKeys } from '../../src/store/redis-keys.js';
import { migrateStore, STORE_SCHEMA } from '../../src/store/store-migration.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { backupToFile, restoreFromFile } from '../support/backup-fixtures.js';
import {
  type Harness,
  OPERATOR,
  SLACK_MITI,
  startHarness,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { dumpStore } from '../support/store-dump.js';
import { useTestRedis } from '../support/test-redis.js';
import { pendingReminders, replanned, run, sections, storeKeys, target } from './backup-tracker.js';

/**
 * Restricted commitments through a backup and a restore into an empty store: a restricted one comes
 * back restricted, in the restricted counterparts of the indexes and of the week counts and never in
 * the open ones, an agency's default visibility comes back, the store is in the current layout, and
 * every reader sees of the restored tracker exactly what it saw of the original: a channel not linked
 * to the owning agency nothing of it (lists, show, counts), the owning agency's channel all of it.
 */

const test = useTestRedis();
const { redis } = test;
const newHarness = useSchedulerHarness(test);
const folder = mkdtempSync(join(tmpdir(), 'ft-backup-visibility-'));
const file = join(folder, 'tracker.jsonl');
let edits = 0;

const START = '2026-02-20T02:00:00Z';
/** Wednesday 4 March 2026, 10:00 in Kuala Lumpur: ISO week 10 there and in London (the tracker's zone). */
const NOW = '2026-03-04T02:00:00Z';
const SLACK_MINDEF: ChannelRef = { platform: 'slack', id: 'C-MINDEF' };
const ADMIN = 'slack:UADMIN';

const PATROL = 'Maritime patrol protocol'; // C-1: MINDEF, restricted by its default, owner person UOWN, overdue
const EXERCISE = 'Joint naval exercise'; // C-2: MINDEF and MITI, restricted by choice, done late
const PORT_CALL = 'Naval port call'; // C-3: MINDEF, open by choice, overdue
const TARIFFS = 'Tariff schedule'; // C-4: MITI, open, done late
const RADAR = 'Coastal radar upgrade'; // C-5: MINDEF, restricted by its default, reminders to come
const RESTRICTED = [PATROL, EXERCISE, RADAR];

const slack = (userId: string, channel: string): CommandContext => ({
  actor: { platform: 'slack', userId },
  channel: { platform: 'slack', id: channel },
});
const IN_MINDEF = slack('UANY', SLACK_MINDEF.id);

/** Who reads, and the restricted commitments each sees. */
const READERS: { who: string; ctx: CommandContext; sees: string[] }[] = [
  { who: 'a channel linked to no agency', ctx: slack('UANY', 'C-ELSEWHERE'), sees: [] },
  { who: "MINDEF's channel", ctx: IN_MINDEF, sees: RESTRICTED },
  { who: "MITI's channel (co-owner of the exercise)", ctx: slack('UANY', SLACK_MITI.id), sees: [EXERCISE] },
  { who: "the patrol's owner, in a direct message", ctx: slack('UOWN', 'D-UOWN'), sees: [PATROL] },
  { who: 'an administrator, in a direct message', ctx: slack('UADMIN', 'D-UADMIN'), sees: RESTRICTED },
];
const OUTSIDER = READERS[0]!;

const READS = [
  'list all',
  'list owner:MINDEF',
  'list overdue',
  'list area:defence',
  'list status:done',
  'digest owner:MINDEF',
  'digest owner:MITI',
  ...[1, 2, 3, 4, 5].map((n) => `show C-${n}`),
];

async function seed(h: Harness): Promise<void> {
  await run(
    h,
    'agency add MINDEF "Ministry of Defence" tz:Asia/Kuala_Lumpur country:MY visibility:restricted',
  );
  await run(h, 'agency add MITI "Trade" tz:Asia/Kuala_Lumpur country:MY');
  await run(h, 'channel link MINDEF', { actor: OPERATOR.actor, channel: SLACK_MINDEF });
  await run(h, 'channel link MITI', { actor: OPERATOR.actor, channel: SLACK_MITI });
  await run(h, `add ${PATROL} owner:MINDEF <@UOWN> due:2026-03-02 area:defence`, IN_MINDEF);
  await run(
    h,
    `add ${EXERCISE} owner:MINDEF,MITI due:2026-02-27 area:defence visibility:restricted`,
    IN_MINDEF,
  );
  await run(h, `add ${PORT_CALL} owner:MINDEF due:2026-03-02 area:defence visibility:open`, IN_MINDEF);
  await run(h, `add ${TARIFFS} owner:MITI due:2026-02-27 area:trade`, IN_MINDEF);
  await run(h, `add ${RADAR} owner:MINDEF due:2026-03-20 area:defence`, IN_MINDEF);
  h.clock.set(NOW);
  await run(h, 'update C-1 note:"Patrol routes agreed"', IN_MINDEF);
  await run(h, 'done C-2 Held off Langkawi', IN_MINDEF);
  await run(h, 'done C-4 Published', IN_MINDEF);
}

let source: Harness;
let copy: Harness;
let layoutBefore: string | null;

beforeAll(async () => {
  source = await startHarness(test, { now: START });
  await seed(source);
  await backupToFile(sections(redis, source), file, source.clock);
  copy = await startHarness(test, { now: NOW });
  layoutBefore = await redis.get(commitmentKeys(copy.prefix).schema);
  await restoreFromFile(file, target(redis, copy), { replace: false, replan: replanned(copy) });
}, 60_000);

afterAll(async () => {
  await Promise.all([source?.close(), copy?.close()]);
  rmSync(folder, { recursive: true, force: true });
});

/** The backup, edited line by line, restored into a new empty tracker of its own. */
async function restoreEdited(edit: (lines: string[]) => string[]): Promise<Harness> {
  const edited = join(folder, `edited-${++edits}.jsonl`);
  writeFileSync(edited, `${edit(readFileSync(file, 'utf8').trimEnd().split('\n')).join('\n')}\n`);
  const other = await newHarness({ now: NOW });
  await restoreFromFile(edited, target(redis, other), { replace: false, replan: replanned(other) });
  return other;
}

/** The answers a reader gets, an unknown id's refusal as its message; administrators are UADMIN only. */
async function viewsOf(h: Harness, ctx: CommandContext): Promise<Record<string, unknown>> {
  const tracker = new Tracker({
    ...h.trackerDeps,
    settings: { ...h.trackerDeps.settings, trackerAdmins: [ADMIN] },
  });
  const seen: Record<string, unknown> = {};
  for (const text of READS) {
    seen[text] = await tracker.execute(text, ctx).then(
      ({ reply, thread }) => ({ reply, thread }),
      (error: unknown) => {
        if (!(error instanceof UnknownCommitmentError)) throw error;
        return { unknown: error.message };
      },
    );
  }
  return seen;
}

const members = (h: Harness, key: string) => redis.zrange(`${h.prefix}${key}`, 0, -1);

describe('a backup of restricted and open commitments, restored into an empty store', () => {
  it.each(READERS)('gives $who the same views as the original', async ({ ctx, sees }) => {
    const restored = await viewsOf(copy, ctx);
    expect(restored).toEqual(await viewsOf(source, ctx));

    const listed = JSON.stringify(restored['list all']);
    for (const title of RESTRICTED) expect(listed.includes(title), title).toBe(sees.includes(title));
    for (const title of [PORT_CALL, TARIFFS]) expect(listed).toContain(title);
    expect(JSON.stringify((restored['list all'] as { reply: unknown }).reply)).toContain(
      `: ${2 + sees.length} commitments`,
    );
    const patrol = restored['show C-1'] as { unknown?: string };
    if (sees.includes(PATROL)) expect(JSON.stringify(patrol)).toContain(PATROL);
    else expect(patrol.unknown).toMatch(/C-1/);
  });

  it("counts only what a reader may see: MINDEF's digest outside its channel leaves the restricted ones out", async () => {
    const digest = async (ctx: CommandContext) =>
      JSON.stringify((await viewsOf(copy, ctx))['digest owner:MINDEF']);
    const inside = await digest(IN_MINDEF);
    const outside = await digest(OUTSIDER.ctx);
    // Open: the patrol, the port call and the radar inside; the port call alone outside.
    expect(inside).toContain('3 open');
    expect(outside).toContain('1 open');
    // The overdue patrol is listed in the thread inside, and nowhere outside.
    expect(inside).toContain(PATROL);
    expect(outside).not.toContain(PATROL);
  });

  it('keeps a restricted commitment restricted, in the restricted indexes only, and the same keys as the original', async () => {
    expect((await copy.commitments.get('C-1'))?.visibility).toBe('restricted');
    expect((await copy.commitments.get('C-3'))?.visibility).toBe('open');
    const patrol = indexMember('C-1');
    expect(await members(copy, 'idx:open:agency:MINDEF')).toEqual([indexMember('C-3')]);
    expect(await members(copy, 'idx:open:agency:MINDEF|r:*')).toEqual([patrol, indexMember('C-5')]);
    expect(await members(copy, 'idx:open:person:slack:UOWN')).toEqual([]);
    expect(await members(copy, 'idx:open:person:slack:UOWN|r:agency:MINDEF')).toEqual([patrol]);
    expect(await members(copy, 'idx:all')).not.toContain(patrol);
    expect(await members(copy, 'idx:all|r:person:slack:UOWN')).toEqual([patrol]);
    expect(await members(copy, 'idx:done:agency:MITI|r:agency:MINDEF')).toEqual([indexMember('C-2')]);
    // Every index, restricted counterpart and week count, key for key.
    const restricted = Object.keys(await storeKeys(redis, copy)).filter((name) => name.includes('|r:'));
    expect(restricted.length).toBeGreaterThan(20);
    expect(await storeKeys(redis, copy)).toEqual(await storeKeys(redis, source));
  });

  it('counts the weeks of a restricted commitment done late in the restricted split, an open one in the open', async () => {
    const stats = (name: string) => redis.hgetall(`${copy.prefix}stats:${name}`);
    const once = { 'dated:2026-W10': '1', 'late:2026-W10': '1' };
    // Every agency together: the tariffs in the open hash, the exercise in the restricted one.
    expect(await stats('*')).toEqual(once);
    expect(await stats('*|r:*')).toEqual(once);
    expect(await stats('MINDEF')).toEqual({});
    expect(await stats('MINDEF|r:*')).toEqual(once);
    expect(await stats('MITI')).toEqual(once);
    expect(await stats('MITI|r:*')).toEqual(once);
  });

  it("keeps MINDEF restricted by default, plans the same reminders (the radar's, for MINDEF's channel), and is in the current layout", async () => {
    expect((await copy.agencies.get('MINDEF'))?.visibility).toBe('restricted');
    expect((await copy.agencies.get('MITI'))?.visibility).toBeUndefined();
    const reminders = await pendingReminders(copy);
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders).toEqual(await pendingReminders(source));
    for (const reminder of reminders) expect(reminder.channels).toEqual(['slack:C-MINDEF']);

    expect(layoutBefore).toBeNull();
    expect(await redis.get(commitmentKeys(copy.prefix).schema)).toBe(String(STORE_SCHEMA));
    // Nothing for the start-up conversion to do: it would move no restricted commitment again.
    expect(await migrateStore({ redis, prefix: copy.prefix, timeZoneOf: copy.agencies.timeZoneOf })).toBe(
      'current',
    );
  });

  it("adds a new MINDEF commitment as restricted, by the agency's restored default", async () => {
    const other = await restoreEdited((lines) => lines);
    const added = await other.tracker.execute('add Submarine rescue drill owner:MINDEF', IN_MINDEF);
    expect(added.commitment).toMatchObject({ id: 'C-6', visibility: 'restricted' });
    const outsider = JSON.stringify((await viewsOf(other, OUTSIDER.ctx))['list all']);
    expect(outsider).not.toContain('Submarine rescue drill');
  });
});

describe('a backup written before visibilities (no visibility field)', () => {
  it('restores every commitment open, in the open indexes, and every agency open by default', async () => {
    const withoutVisibility = (lines: string[]) =>
      lines.map((line) => line.replaceAll(/,"visibility":"(open|restricted)"/g, ''));
    const old = await restoreEdited(withoutVisibility);
    expect((await old.commitments.get('C-1'))?.visibility).toBeUndefined();
    expect((await old.agencies.get('MINDEF'))?.visibility).toBeUndefined();
    expect(await members(old, 'idx:open:agency:MINDEF')).toEqual(['C-1', 'C-3', 'C-5'].map(indexMember));
    expect(Object.keys(await dumpStore(redis, old.prefix)).filter((name) => name.includes('|r:'))).toEqual(
      [],
    );
    const listed = JSON.stringify((await viewsOf(old, OUTSIDER.ctx))['list all']);
    for (const title of RESTRICTED) expect(listed).toContain(title);
  });
});
