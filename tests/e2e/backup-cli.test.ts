import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, schedulerKeys } from '../../jobs/scheduler-keys.js';
import { restoreMarkerKey } from '../../src/backup/restore-marker.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import { STORE_SCHEMA } from '../../src/store/store-migration.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { RestartableRedis } from '../support/restartable-redis.js';
import { runBin } from '../support/run-bin.js';
import { dumpStore, keysUnder } from '../support/store-dump.js';
import { buildTestTracker } from '../support/test-tracker.js';

/**
 * `npm run cli -- backup > file` and `npm run cli -- restore file` as an operator runs them: real
 * processes (tsx, as `npm run cli` starts them) against a redis-server of the test's own, one logical
 * database per tracker. The data is made by `npm start`'s console, the restored tracker is read back
 * at one fixed instant beside the original, and the reminders are read from the queues.
 */

const lines = (...commands: string[]) => `${commands.join('\n')}\n`;
/** Read back at one instant, so that "in 3 days" means the same in both. */
const READ_AT = '2029-12-03T02:00:00Z';

let server: RestartableRedis;
const connections: Redis[] = [];
const cwd = mkdtempSync(join(tmpdir(), 'followthrough-backup-cli-'));
const backupFile = join(cwd, 'tracker.jsonl');

function database(n: number) {
  const url = `${server.url}/${n}`;
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  connections.push(redis);
  return { url, redis };
}

function cli(url: string, ...args: string[]) {
  return runBin('cli.ts', { cwd, args, env: { REDIS_URL: url } });
}

beforeAll(async () => {
  server = await RestartableRedis.start();
});

afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit().catch(() => undefined)));
  await server?.close();
  rmSync(cwd, { recursive: true, force: true });
});

/** MINDEF's, restricted by its agency's default: seen by the operator, not in a channel of no agency. */
const PATROL = 'Maritime patrol protocol';
const OUTSIDER: CommandContext = {
  actor: { platform: 'slack', userId: 'UANY' },
  channel: { platform: 'slack', id: 'C-ELSEWHERE' },
};

/**
 * What people see of the tracker in that database: each commitment, the list, each agency's digest, as
 * the operator sees them, and the list and MINDEF's digest as a channel linked to no agency sees them.
 */
async function views(redis: Redis) {
  const { tracker } = buildTestTracker(redis, DEFAULT_KEY_PREFIX, { now: READ_AT, admins: ['slack:UADMIN'] });
  const operator = { actor: { platform: 'console' as const, userId: 'operator' } };
  const seen: Record<string, unknown> = {};
  for (const text of [
    'list all',
    'digest owner:MITI',
    'digest owner:MEITY',
    'digest owner:MINDEF',
    'agency holidays MEITY',
  ]) {
    const { reply, thread } = await tracker.execute(text, operator);
    seen[text] = { reply, thread };
  }
  for (let n = 1; n <= Number(await redis.get(`${DEFAULT_KEY_PREFIX}commitment:next-id`)); n += 1) {
    seen[`show C-${n}`] = (await tracker.execute(`show C-${n}`, operator)).reply;
  }
  for (const text of ['list all', 'digest owner:MINDEF']) {
    const { reply, thread } = await tracker.execute(text, OUTSIDER);
    seen[`${text}, outside`] = { reply, thread };
  }
  return seen;
}

/** The commitments' indexes and week counts, their restricted counterparts included. */
function indexKeys(redis: Redis) {
  return dumpStore(redis, DEFAULT_KEY_PREFIX, (name) => /^(idx|stats):/.test(name));
}

/** The reminders waiting in that database's queue: which, and when. */
async function pendingReminders(redis: Redis) {
  const queue = new Queue(QUEUE_NAMES.reminders, {
    connection: redis,
    prefix: schedulerKeys(DEFAULT_KEY_PREFIX).bullPrefix,
  });
  try {
    const jobs = await queue.getDelayed();
    return jobs
      .filter((job) => job.data.at >= Date.now())
      .map((job) => ({ id: job.id, at: new Date(job.data.at).toISOString() }))
      .sort((a, b) => a.id!.localeCompare(b.id!));
  } finally {
    await queue.close();
  }
}

/** The tracker's own keys (not the queues', not the layout mark every start writes). */
async function dataKeys(redis: Redis) {
  return (await keysUnder(redis, DEFAULT_KEY_PREFIX)).filter(
    (name) => !name.startsWith('bull:') && name !== 'store:schema',
  );
}

describe('cli backup > file, then cli restore file', () => {
  let original: ReturnType<typeof database>;
  let copy: ReturnType<typeof database>;

  beforeAll(async () => {
    original = database(0);
    copy = database(1);
    const seeded = await runBin('start.ts', {
      cwd,
      env: { REDIS_URL: original.url },
      input: lines(
        'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
        'agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata country:IN',
        'agency holiday add MEITY 2030-03-10 "Holi (office closed)"',
        'channel link MITI',
        'channel settings reminders:3d,0d',
        'add Semiconductor supply-chain dialogue owner:MITI,MEITY due:2030-01-15 area:semiconductors',
        'add Tariff schedule owner:MITI due:2030-02-01 source:"CSP para 4"',
        'update C-1 note:"First meeting held in Putrajaya"',
        'update C-2 due:2030-02-15 reason:"cabinet paper delayed"',
        'add Fab incentives report owner:MEITY due:2030-01-31 every quarter',
        'done C-3 Filed on time',
        'cancel C-2 Folded into the JC agenda',
        'agency add MINDEF "Ministry of Defence" tz:Asia/Kuala_Lumpur country:MY visibility:restricted',
        `add ${PATROL} owner:MINDEF due:2030-01-20 area:defence`,
      ),
    });
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('C-4');
  }, 60_000);

  it('writes a versioned backup on standard output and says what it holds on standard error', async () => {
    const backup = await cli(original.url, 'backup');
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toContain(
      'Backed up 3 agencies, 1 holiday list, 1 channel setting, 5 commitments, 0 check-ins, 0 Teams conversations.',
    );
    writeFileSync(backupFile, backup.stdout);
    const [header, ...records] = backup.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(header).toMatchObject({ format: 'followthrough-backup', version: 1 });
    expect(records.at(-1)).toEqual({ kind: 'end', records: records.length - 1 });
    expect(records.filter((record) => record.kind === 'commitment')).toHaveLength(5);
    expect(records.find((record) => record.commitment?.title === PATROL)?.commitment).toMatchObject({
      visibility: 'restricted',
    });
  }, 30_000);

  it('restores it into an empty Redis: the same show, list all and digest, the same pending reminders, restricted ones still restricted', async () => {
    const restored = await cli(copy.url, 'restore', backupFile);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(
      /^Restored .*tracker\.jsonl \(a backup of .*\): 3 agencies, 1 holiday list, 1 channel setting, 5 commitments, 0 check-ins, 0 Teams conversations\. Reminders and schedules are planned again\.\n$/,
    );
    const shown = await views(copy.redis);
    expect(shown).toEqual(await views(original.redis));
    expect(JSON.stringify(shown)).toContain('cabinet paper delayed');
    expect(JSON.stringify(shown['list all'])).toContain(PATROL);
    expect(JSON.stringify(shown['list all, outside'])).not.toContain(PATROL);
    expect(JSON.stringify(shown['digest owner:MINDEF, outside'])).toContain('0 open');
    const indexes = await indexKeys(copy.redis);
    expect(Object.keys(indexes).filter((name) => name.includes('|r:')).length).toBeGreaterThan(0);
    expect(indexes).toEqual(await indexKeys(original.redis));
    expect(await copy.redis.get(`${DEFAULT_KEY_PREFIX}store:schema`)).toBe(String(STORE_SCHEMA));
    const reminders = await pendingReminders(copy.redis);
    expect(reminders.length).toBeGreaterThanOrEqual(4);
    expect(reminders).toEqual(await pendingReminders(original.redis));
  }, 30_000);

  it('refuses to restore into a Redis that holds data, changing nothing; --replace replaces it', async () => {
    await copy.redis.hset(
      `${DEFAULT_KEY_PREFIX}agencies`,
      'DOF',
      JSON.stringify({ code: 'DOF', name: 'Finance', timeZone: 'UTC' }),
    );
    const before = await dumpStore(copy.redis, DEFAULT_KEY_PREFIX, (name) => !name.startsWith('bull:'));
    const refused = await cli(copy.url, 'restore', backupFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${backupFile} was not restored; nothing was changed.`);
    expect(refused.stderr).toContain(
      'This store is not empty: it holds agencies, holidays, channel-settings, commitments.',
    );
    expect(await dumpStore(copy.redis, DEFAULT_KEY_PREFIX, (name) => !name.startsWith('bull:'))).toEqual(
      before,
    );

    const replaced = await cli(copy.url, 'restore', backupFile, '--replace');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await copy.redis.hexists(`${DEFAULT_KEY_PREFIX}agencies`, 'DOF')).toBe(0);
    expect(await views(copy.redis)).toEqual(await views(original.redis));
    expect(await pendingReminders(copy.redis)).toEqual(await pendingReminders(original.redis));
  }, 60_000);

  it('refuses a file cut short and one of a newer format, saying why, and writes nothing', async () => {
    const empty = database(2);
    const all = readFileSync(backupFile, 'utf8').trimEnd().split('\n');
    const cut = join(cwd, 'cut.jsonl');
    writeFileSync(cut, `${all.slice(0, -2).join('\n')}\n`);
    const cutShort = await cli(empty.url, 'restore', cut);
    expect(cutShort.code).toBe(1);
    expect(cutShort.stderr).toMatch(
      /was not restored; nothing was changed\.\n {2}the file ends without its end line after \d+ records: it was cut short\n/,
    );

    const newer = join(cwd, 'newer.jsonl');
    writeFileSync(newer, `${[all[0]!.replace('"version":1', '"version":3'), ...all.slice(1)].join('\n')}\n`);
    const refused = await cli(empty.url, 'restore', newer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'line 1: the backup is in format version 3, written by a newer followthrough; this one reads versions up to 1.',
    );
    expect(await dataKeys(empty.redis)).toEqual([]);

    const missing = await cli(empty.url, 'restore', join(cwd, 'no-such-file.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
  }, 60_000);

  it('a Redis whose restore did not finish: the tracker and the command line refuse it until restore --replace', async () => {
    const half = database(3);
    await half.redis.hset(
      `${DEFAULT_KEY_PREFIX}agencies`,
      'MITI',
      JSON.stringify({ code: 'MITI', name: 'Trade', timeZone: 'UTC' }),
    );
    await half.redis.set(
      restoreMarkerKey(DEFAULT_KEY_PREFIX),
      JSON.stringify({ file: 'tracker.jsonl', startedAt: '2029-12-01T10:00:00.000Z' }),
    );
    const said =
      'A restore of tracker.jsonl into this Redis, started 2029-12-01T10:00:00.000Z, did not finish: the store holds only part of it. Run it again with --replace';
    const start = await runBin('start.ts', { cwd, env: { REDIS_URL: half.url }, input: lines('list all') });
    expect(start.code).toBe(1);
    expect(start.stderr).toContain(said);
    const backup = await cli(half.url, 'backup');
    expect(backup.code).toBe(1);
    expect(backup.stdout).toBe('');
    expect(backup.stderr).toContain(said);
    const restore = await cli(half.url, 'restore', backupFile);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain(said);

    const replaced = await cli(half.url, 'restore', backupFile, '--replace');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await half.redis.exists(restoreMarkerKey(DEFAULT_KEY_PREFIX))).toBe(0);
    expect(await views(half.redis)).toEqual(await views(original.redis));
  }, 60_000);
});
