import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { ConversationStore } from '../../adapters/teams/conversation-store.js';
import { PeopleNames } from '../../adapters/teams/people-names.js';
import { DeliveryFailures } from '../../jobs/delivery/delivery-failures.js';
import { ScoreboardSnapshots } from '../../jobs/routines/scoreboard-snapshots.js';
import { schedulerKeys } from '../../jobs/scheduler-keys.js';
import { importCommitments } from '../../src/import/import-commitments.js';
import { parseImportFile } from '../../src/import/import-file.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { backupSectionsOf, backupToFile } from '../support/backup-fixtures.js';
import {
  addAgency,
  type Harness,
  OPERATOR,
  SLACK_MITI,
  startHarness,
  TEAMS_MEITY,
} from '../support/scheduler-harness.js';
import { dumpStore } from '../support/store-dump.js';

/**
 * The tracker the backup suites back up: every kind of state a secretariat's tracker has after a few
 * weeks, made through the real tracker and BullMQ planner, and what is read to compare it with a copy.
 */

export const START = '2026-02-20T02:00:00Z';
/** Wednesday 4 March 2026, 10:00 in Kuala Lumpur: ISO week 10. */
export const NOW = '2026-03-04T02:00:00Z';
const IN_MITI: CommandContext = { actor: { platform: 'slack', userId: 'UALICE' }, channel: SLACK_MITI };
const IN_MEITY: CommandContext = { actor: { platform: 'teams', userId: '29:ravi' }, channel: TEAMS_MEITY };

export interface BackedUpTracker {
  /** The seeded tracker. */
  source: Harness;
  /** Its backup, written once for the suite. */
  file: string;
  /** A folder of the suite's own for other files. */
  folder: string;
  /** What `views` read of the source. */
  views: Record<string, unknown>;
}

/**
 * For a test file: seeds a tracker under a prefix of its own and backs it up to a file before the
 * tests, and closes it after them. Read the returned object's fields inside tests.
 */
export function useBackedUpTracker(test: { redis: Redis; prefix: string; newConnection(): Redis }) {
  const backedUp = {} as BackedUpTracker;
  beforeAll(async () => {
    backedUp.folder = mkdtempSync(join(tmpdir(), 'ft-backup-'));
    backedUp.file = join(backedUp.folder, 'tracker.jsonl');
    backedUp.source = await startHarness(test, { now: START });
    await seed(test.redis, backedUp.source);
    // As a running worker keeps it: every schedule made, the coordination unit's too.
    expect(await backedUp.source.scheduler.repair('started')).toBe(true);
    await backupToFile(sections(test.redis, backedUp.source), backedUp.file, backedUp.source.clock);
    backedUp.views = await views(test.redis, backedUp.source);
  }, 60_000);
  afterAll(async () => {
    await backedUp.source?.close();
    if (backedUp.folder) rmSync(backedUp.folder, { recursive: true, force: true });
  });
  return backedUp;
}

/** Runs a command (a refused one throws) and returns its answer. */
export async function run(h: Harness, text: string, ctx: CommandContext = OPERATOR): Promise<string> {
  return (await h.tracker.execute(text, ctx)).reply.text;
}

/** A tracker as a secretariat would have it after a few weeks. */
async function seed(redis: Redis, h: Harness): Promise<void> {
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
  await new DeliveryFailures(redis, jobKeys).record({
    key: 'reminder:C-2:2026-03-10:1d:slack:C-MITI',
    channel: 'slack:C-MITI',
    reason: 'not_in_channel',
    at: '2026-03-02T02:00:00.000Z',
    about: 'C-2',
  });
  await redis.set(jobKeys.failureReportCursor, String(Date.parse('2026-03-01T00:00:00Z')));
}

export function sections(redis: Redis, h: Harness) {
  return backupSectionsOf(redis, h.prefix, h);
}

export function target(redis: Redis, h: Harness) {
  return { redis, prefix: h.prefix, sections: sections(redis, h), clock: h.clock };
}

/** The restore as the command line does it: the jobs floor then replans every schedule and reminder. */
export function replanned(h: Harness) {
  return async () => {
    expect(await h.scheduler.repair('restored from a backup')).toBe(true);
  };
}

/** What people see: every commitment shown, the lists, each agency's digest, holidays and settings. */
export async function views(redis: Redis, h: Harness): Promise<Record<string, unknown>> {
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
export async function pendingReminders(h: Harness) {
  const now = h.clock.now().getTime();
  const jobs = await h.scheduler.queues.reminders.getDelayed();
  return jobs
    .filter((job) => job.data.at >= now)
    .map((job) => ({ id: job.id, at: new Date(job.data.at).toISOString(), channels: job.data.channels }))
    .sort((a, b) => a.id!.localeCompare(b.id!));
}

/** Each agency's and channel's routine schedules: which, when, in which zone. */
export async function schedules(h: Harness) {
  const all = await h.scheduler.queues.routines.getJobSchedulers(0, -1);
  return all
    .map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz, data: s.template?.data }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The store's keys that a backup carries or that follow from what it carries, by name and value. */
export function storeKeys(redis: Redis, h: Harness) {
  // The queues and plans are made again from what is carried; the layout mark is set at start-up.
  const notCarried =
    /^(bull|jobs:(planned|reminder-jobs|agency-calendars|reconcile|repair)|agencies:version$|store:schema$)/;
  return dumpStore(redis, h.prefix, (name) => !notCarried.test(name));
}
