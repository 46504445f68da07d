import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../adapters/teams/conversation-store.js';
import { PeopleNames } from '../../adapters/teams/people-names.js';
import { DeliveryFailures } from '../../jobs/delivery/delivery-failures.js';
import { ScoreboardSnapshots } from '../../jobs/routines/scoreboard-snapshots.js';
import { schedulerKeys } from '../../jobs/scheduler-keys.js';
import { unfinishedRestore } from '../../src/backup/restore-marker.js';
import { BackupFileError } from '../../src/errors/backup-file-error.js';
import { RestoreRefusedError } from '../../src/errors/restore-refused-error.js';
import { importCommitments } from '../../src/import/import-commitments.js';
import { parseImportFile } from '../../src/import/import-file.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { backupSectionsOf, backupToFile, restoreFromFile } from '../support/backup-fixtures.js';
import {
  addAgency,
  type Harness,
  OPERATOR,
  SLACK_MITI,
  startHarness,
  TEAMS_MEITY,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { dumpStore, keysUnder } from '../support/store-dump.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker } from '../support/test-tracker.js';

/**
 * A tracker with every kind of state, backed up to a file and restored into other stores (prefixes of
 * their own) with the real BullMQ planner: the restored tracker answers every command the same, keeps
 * the same keys (indexes and counts rebuilt through the store), and plans the same reminders and
 * schedules; a store that holds data, a malformed file, a newer format and a restore cut short are
 * refused with nothing changed.
 */

const test = useTestRedis();
const { redis } = test;
const newHarness = useSchedulerHarness(test);

const START = '2026-02-20T02:00:00Z';
/** Wednesday 4 March 2026, 10:00 in Kuala Lumpur: ISO week 10. */
const NOW = '2026-03-04T02:00:00Z';
const IN_MITI: CommandContext = { actor: { platform: 'slack', userId: 'UALICE' }, channel: SLACK_MITI };
const IN_MEITY: CommandContext = { actor: { platform: 'teams', userId: '29:ravi' }, channel: TEAMS_MEITY };

const folder = mkdtempSync(join(tmpdir(), 'ft-backup-'));
const backupFile = join(folder, 'tracker.jsonl');
let source: Harness;
let sourceViews: Record<string, unknown>;
let targets = 0;

/** Runs a command (a refused one throws) and returns its answer. */
async function run(h: Harness, text: string, ctx: CommandContext = OPERATOR): Promise<string> {
  return (await h.tracker.execute(text, ctx)).reply.text;
}

/** A tracker as a secretariat would have it after a few weeks. */
async function seed(h: Harness): Promise<void> {
  await addAgency(h, { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
    SLACK_MITI,
  ]);
  await addAgency(h, { code: 'MEITY', name: 'Electronics and IT', timeZone: 'Asia/Kolkata', country: 'IN' }, [
    TEAMS_MEITY,
  ]);
  await addAgency(
    h,
    { code: 'KEDAH', name: 'Kedah EPU', timeZone: 'Asia/Kuala_Lumpur', country: 'MY-02' },
    [],
  );
  await run(h, 'agency holiday add MEITY 2026-03-10 "Holi (office closed)"');
  await h.holidays.put({ kind: 'region', code: 'IN' }, [
    { date: '2026-03-26', name: 'Ram Navami', source: 'imported from india-central-2026.ics' },
  ]);
  await run(h, 'channel settings reminders:3d,0d digest:thu 17:30', IN_MITI);
  await run(h, 'channel settings checkins:off quiet:2026-03-05', IN_MEITY);

  await run(
    h,
    'add Publish the tariff schedule owner:MITI,MEITY <@UALICE> due:2026-03-13 area:trade source:"CSP para 4"',
  );
  await run(h, 'add Semiconductor MoU owner:MEITY due:2026-03-02 area:semiconductors');
  await run(h, 'add Digital trade desk owner:KEDAH,MITI due:2026-03-20 area:digital');
  await run(h, 'add Quarterly trade report owner:MITI every month on the 15th');
  await run(h, 'add Joint statement owner:MITI due:2026-04-01');
  await run(h, 'add Energy dialogue owner:MEITY');
  const file = parseImportFile(
    [
      'commitments:',
      '  - ref: ops-7',
      '    title: Port data exchange',
      '    owners: [KEDAH]',
      '    due: 2026-05-29',
    ].join('\n'),
    { knownAgencies: ['KEDAH', 'MITI', 'MEITY'] },
  );
  await importCommitments(
    file,
    { ...h, planner: h.scheduler.planner },
    { by: 'console:operator', fileName: 'ops.yaml' },
  );

  h.clock.set(NOW);
  await run(h, 'update C-1 note:"Draft shared with MEITY; line 2 of the note"', IN_MITI);
  await run(h, 'update C-3 due:2026-03-27 reason:"waiting for the state cabinet"', IN_MITI);
  await run(h, 'update C-3 status:at-risk', IN_MITI);
  await run(h, 'done C-2 Signed at the JC', IN_MEITY);
  await run(h, 'done C-4 Filed with the coordination unit', IN_MITI);
  await run(h, 'cancel C-5 Merged into the JC communique', IN_MITI);
  await run(h, 'snooze C-1 2d', IN_MITI);
  await h.checkins.open({ agency: 'MITI', week: '2026-W10', at: NOW, ids: ['C-1', 'C-3'] });
  await h.tracker.run(
    { kind: 'checkin-answer', id: 'C-3', agency: 'MITI', week: '2026-W10', answer: 'on-track' },
    IN_MITI,
  );

  const teams = new ConversationStore({ redis, prefix: h.prefix });
  await teams.save(
    {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/apac/',
      bot: { id: '28:followthrough', name: 'followthrough' },
      conversation: {
        id: TEAMS_MEITY.id,
        isGroup: true,
        conversationType: 'channel',
        tenantId: 'tenant-1',
        name: '',
      },
    },
    '19:meity-team@thread.tacv2',
  );
  await new PeopleNames({ redis, prefix: h.prefix }).remember([
    { platform: 'teams', userId: '29:ravi', name: 'Ravi Kumar' },
  ]);
  const jobKeys = schedulerKeys(h.prefix);
  await new ScoreboardSnapshots(redis, jobKeys).keep('2026-W09', { MITI: { open: 3, overdue: 0 } } as never);
  await redis
    .multi()
    .sadd(jobKeys.escalated('2026-W10'), 'C-2')
    .expire(jobKeys.escalated('2026-W10'), 86_400)
    .exec();
  await new DeliveryFailures(redis, jobKeys).record({
    key: 'digest:MITI:2026-W09:slack:C-MITI',
    channel: 'slack:C-MITI',
    reason: 'channel_not_found',
    at: '2026-03-02T01:00:00.000Z',
  });
  await redis.set(jobKeys.failureReportCursor, String(Date.parse('2026-03-01T00:00:00Z')));
}

function sections(h: Harness) {
  return backupSectionsOf(redis, h.prefix, h);
}

function target(h: Harness) {
  return { redis, prefix: h.prefix, sections: sections(h), clock: h.clock };
}

/** The restore as the command line does it: the jobs floor then replans every schedule and reminder. */
function replanned(h: Harness) {
  return async () => {
    expect(await h.scheduler.repair('restored from a backup')).toBe(true);
  };
}

/** What people see: every commitment shown, the lists, each agency's digest, holidays and settings. */
async function views(h: Harness): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  const read = async (name: string, text: string, ctx: CommandContext = OPERATOR) => {
    const { reply, thread } = await h.tracker.execute(text, ctx);
    seen[name] = { reply, thread };
  };
  for (const text of ['list all', 'list overdue', 'list owner:MITI', 'list status:at-risk'])
    await read(text, text);
  for (const code of ['MITI', 'MEITY', 'KEDAH']) await read(`digest ${code}`, `digest owner:${code}`);
  await read('digest in MITI', 'digest', IN_MITI);
  await read('holidays MEITY', 'agency holidays MEITY');
  await read('settings MITI', 'channel settings', IN_MITI);
  await read('settings MEITY', 'channel settings', IN_MEITY);
  const last = Number(await redis.get(`${h.prefix}commitment:next-id`));
  for (let n = 1; n <= last; n += 1) await read(`show C-${n}`, `show C-${n}`);
  return seen;
}

/** The reminders still to come, as the jobs floor holds them. */
async function pendingReminders(h: Harness) {
  const now = h.clock.now().getTime();
  const jobs = await h.scheduler.queues.reminders.getDelayed();
  return jobs
    .filter((job) => job.data.at >= now)
    .map((job) => ({ id: job.id, at: new Date(job.data.at).toISOString(), channels: job.data.channels }))
    .sort((a, b) => a.id!.localeCompare(b.id!));
}

/** Each agency's and channel's routine schedules: which, when, in which zone. */
async function schedules(h: Harness) {
  const all = await h.scheduler.queues.routines.getJobSchedulers(0, -1);
  return all
    .map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz, data: s.template?.data }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The store's keys that a backup carries or that follow from what it carries, by name and value. */
function storeKeys(h: Harness) {
  // The queues and plans are made again from what is carried; the layout mark is set at start-up.
  const notCarried =
    /^(bull|jobs:(planned|reminder-jobs|agency-calendars|reconcile|repair)|agencies:version$|store:schema$)/;
  return dumpStore(redis, h.prefix, (name) => !notCarried.test(name));
}

beforeAll(async () => {
  source = await startHarness(test, { now: START });
  await seed(source);
  // As a running worker keeps it: every schedule made, the coordination unit's too.
  expect(await source.scheduler.repair('started')).toBe(true);
  await backupToFile(sections(source), backupFile, source.clock);
  sourceViews = await views(source);
}, 60_000);

afterAll(async () => {
  await source?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('backup, then restore into an empty store', () => {
  it('shows, lists and digests the same, keeps the same keys, and plans the same reminders and schedules', async () => {
    const copy = await newHarness({ now: NOW });
    const restored = await restoreFromFile(backupFile, target(copy), {
      replace: false,
      replan: replanned(copy),
    });
    expect(restored.counts).toMatchObject({ agency: 3, commitment: 8, checkin: 1, 'teams-conversation': 1 });

    const shown = await views(copy);
    expect(shown).toEqual(sourceViews);
    // Not two empty trackers alike: the notes, the moved deadline's reason, the series and the check-in.
    for (const text of [
      'Draft shared with MEITY; line 2 of the note',
      'waiting for the state cabinet',
      'next occurrence C-8 opened',
      '0 of 2 without news this week',
      'Holi (office closed)',
    ]) {
      expect(JSON.stringify(shown)).toContain(text);
    }
    // Commitments, histories, indexes, week counts, deadline moves, import keys, the id counter, holidays,
    // channel settings, check-ins, Teams references and the jobs floor's records: key for key.
    expect(await storeKeys(copy)).toEqual(await storeKeys(source));
    const reminders = await pendingReminders(copy);
    expect(reminders.length).toBeGreaterThan(3);
    expect(reminders).toEqual(await pendingReminders(source));
    expect(await schedules(copy)).toEqual(await schedules(source));

    // Kept as long as the original would have been, not 120 days from the restore.
    const checkin = `${copy.prefix}checkin:MITI:2026-W10`;
    const ttl = await redis.pttl(checkin);
    expect(Math.abs(ttl - (await redis.pttl(`${source.prefix}checkin:MITI:2026-W10`)))).toBeLessThan(60_000);
    // The next id is the one after the last given, never one given before.
    expect(await run(copy, 'add Next one owner:MITI')).toContain('C-9');
    expect(await unfinishedRestore(redis, copy.prefix)).toBeUndefined();
  });

  it('carries the Teams conversation references and people met, through the adapter’s own store', async () => {
    const copy = await newHarness({ now: NOW });
    await restoreFromFile(backupFile, target(copy));
    const reference = await new ConversationStore({ redis, prefix: copy.prefix }).get(TEAMS_MEITY.id);
    expect(reference).toMatchObject({
      serviceUrl: 'https://smba.trafficmanager.net/apac/',
      conversation: { id: TEAMS_MEITY.id, tenantId: 'tenant-1' },
    });
    expect(await redis.smembers(`${copy.prefix}teams:team:19:meity-team@thread.tacv2:conversations`)).toEqual(
      [TEAMS_MEITY.id],
    );
    expect(await redis.hget(`${copy.prefix}teams:people`, '29:ravi')).toBe('Ravi Kumar');
  });
});

describe('a store that already holds data', () => {
  it('is refused, and left exactly as it was', async () => {
    const other = await newHarness({ now: NOW });
    await addAgency(other, { code: 'DOF', name: 'Finance', timeZone: 'UTC' }, []);
    await run(other, 'add Other tracker item owner:DOF due:2026-04-15');
    const before = await dumpStore(redis, other.prefix);
    const refused = restoreFromFile(backupFile, target(other));
    await expect(refused).rejects.toThrow(RestoreRefusedError);
    await expect(refused).rejects.toThrow(/not empty: it holds agencies, commitments.*--replace/);
    expect(await dumpStore(redis, other.prefix)).toEqual(before);
  });

  it('with --replace is emptied, restored from the backup, and its own reminders and schedules are gone', async () => {
    const other = await newHarness({ now: NOW });
    await addAgency(other, { code: 'DOF', name: 'Finance', timeZone: 'UTC' }, [
      { platform: 'slack', id: 'C-DOF' },
    ]);
    await run(other, 'add Other tracker item owner:DOF due:2026-04-15');
    await run(other, 'add Another one owner:DOF due:2026-04-20');
    await run(other, 'add And a third owner:DOF due:2026-04-21');
    await run(other, 'add Fourth owner:DOF due:2026-04-22');
    await run(other, 'add Fifth owner:DOF due:2026-04-23');
    await run(other, 'add Sixth owner:DOF due:2026-04-24');
    await run(other, 'add Seventh owner:DOF due:2026-04-25');
    await run(other, 'add Eighth owner:DOF due:2026-04-26');
    await run(other, 'add Ninth owner:DOF due:2026-04-27');
    expect((await pendingReminders(other)).length).toBeGreaterThan(0);

    await restoreFromFile(backupFile, target(other), { replace: true, replan: replanned(other) });
    expect(await views(other)).toEqual(sourceViews);
    expect(await storeKeys(other)).toEqual(await storeKeys(source));
    expect(await pendingReminders(other)).toEqual(await pendingReminders(source));
    expect(await schedules(other)).toEqual(await schedules(source));
    expect(await other.agencies.get('DOF')).toBeUndefined();
  });
});

describe('a file that cannot be restored is refused whole, with nothing written', () => {
  const lines = () => readFileSync(backupFile, 'utf8').trimEnd().split('\n');
  const lineOf = (all: string[], test: (record: Record<string, unknown>) => boolean) =>
    all.findIndex((line) => test(JSON.parse(line)));
  const isCommitment = (id: string) => (r: Record<string, unknown>) =>
    r.kind === 'commitment' && (r.commitment as { id: string }).id === id;

  const cases: [string, (all: string[]) => string[], RegExp][] = [
    ['a line that is not JSON', (all) => all.toSpliced(3, 1, '{"kind":"agency",'), /^line 4: is not JSON/],
    [
      'a file cut short',
      (all) => all.slice(0, -4),
      /ends without its end line after \d+ records: it was cut short/,
    ],
    [
      'a commitment whose deadline is not a day',
      (all) => {
        const at = lineOf(all, isCommitment('C-3'));
        return all.toSpliced(at, 1, all[at]!.replace('"date":"2026-03-27"', '"date":"27/03/2026"'));
      },
      /^line \d+: commitment record: commitment\.deadline\.date: is not a day \(YYYY-MM-DD\)/,
    ],
    [
      'a record of a kind this version does not know',
      (all) => all.toSpliced(2, 0, '{"kind":"webhook","url":"https://example.org"}'),
      /^line 3: "kind": "webhook" is not a record this version knows/,
    ],
    [
      'commitments out of order',
      (all) => {
        const [one, two] = [lineOf(all, isCommitment('C-1')), lineOf(all, isCommitment('C-2'))];
        return all.toSpliced(one, 2, all[two]!, all[one]!);
      },
      /C-1 is out of order: commitments come once each, by increasing id/,
    ],
    [
      'a record missing, so the end line counts more',
      (all) => all.toSpliced(lineOf(all, isCommitment('C-5')), 1),
      /the end line counts \d+ records, the file has \d+/,
    ],
    [
      'an agency in a zone the system does not know',
      (all) => all.toSpliced(1, 1, all[1]!.replace(/"timeZone":"[^"]+"/, '"timeZone":"Asia/Atlantis"')),
      /^line 2: agency record: agency\.timeZone: is not a time zone this system knows/,
    ],
    [
      'an export (the hand-over format) given as a backup',
      () => ['agencies:', '  - code: "MITI"'],
      /^line 1: is not JSON/,
    ],
    [
      'a JSON file that is not a backup',
      () => ['{"agencies":[]}'],
      /^line 1: is not the header of a followthrough backup/,
    ],
  ];

  it.each(cases)('%s', async (_, change, message) => {
    const file = join(folder, 'broken.jsonl');
    writeFileSync(file, `${change(lines()).join('\n')}\n`);
    const prefix = `${test.prefix}broken${++targets}:`;
    const stores = buildTestTracker(redis, prefix, { now: NOW });
    const restoring = restoreFromFile(
      file,
      { redis, prefix, sections: backupSectionsOf(redis, prefix, stores), clock: stores.clock },
      { replace: false },
    );
    await expect(restoring).rejects.toThrow(BackupFileError);
    await expect(restoring).rejects.toThrow(message);
    expect(await keysUnder(redis, prefix)).toEqual([]);
  });

  it('a backup in a newer format version, saying which version reads it', async () => {
    const [header, ...rest] = lines();
    const file = join(folder, 'newer.jsonl');
    writeFileSync(file, `${[header!.replace('"version":1', '"version":2'), ...rest].join('\n')}\n`);
    const copy = await newHarness({ now: NOW });
    await run(copy, 'agency add DOF "Finance" tz:UTC');
    const before = await dumpStore(redis, copy.prefix);
    // Even with --replace, which would have emptied the store first.
    const restoring = restoreFromFile(file, target(copy), { replace: true });
    await expect(restoring).rejects.toThrow(
      'line 1: the backup is in format version 2, written by a newer followthrough; this one reads versions up to 1. Restore it with the version that wrote it, or a newer one.',
    );
    expect(await dumpStore(redis, copy.prefix)).toEqual(before);
  });
});

describe('a restore cut short', () => {
  it('leaves the store marked unfinished: it is refused until restored again with --replace', async () => {
    const copy = await newHarness({ now: NOW });
    const crashing = sections(copy).map((section) => ({
      ...section,
      write: async (records: Parameters<typeof section.write>[0]) => {
        if (records[0]?.kind === 'deadline-move') throw new Error('the process was killed');
        await section.write(records);
      },
    }));
    const restoring = restoreFromFile(
      backupFile,
      { ...target(copy), sections: crashing },
      { replace: false, fileName: 'tracker.jsonl' },
    );
    await expect(restoring).rejects.toThrow('the process was killed');
    // The commitments are there, but the store says it is not whole.
    expect(await copy.commitments.get('C-1')).toBeDefined();
    expect(await unfinishedRestore(redis, copy.prefix)).toEqual({
      file: 'tracker.jsonl',
      startedAt: new Date(NOW).toISOString(),
    });

    const again = restoreFromFile(backupFile, target(copy), { replace: false, replan: replanned(copy) });
    await expect(again).rejects.toThrow(
      /A restore of tracker\.jsonl into this Redis, started 2026-03-04T02:00:00\.000Z, did not finish.*--replace/,
    );
    await restoreFromFile(backupFile, target(copy), { replace: true, replan: replanned(copy) });
    expect(await unfinishedRestore(redis, copy.prefix)).toBeUndefined();
    expect(await views(copy)).toEqual(sourceViews);
    expect(await storeKeys(copy)).toEqual(await storeKeys(source));
  });
});
