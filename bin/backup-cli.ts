import { accessSync, constants } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { teamsBackup } from '../adapters/teams/teams-backup.js';
import { jobsBackup } from '../jobs/jobs-backup.js';
import type { BackupSection } from '../src/backup/backup-section.js';
import { coreBackupSections } from '../src/backup/core-backup-sections.js';
import { restoreBackup } from '../src/backup/restore-backup.js';
import { writeBackup } from '../src/backup/write-backup.js';
import { BackupFileError, formatBackupProblem } from '../src/errors/backup-file-error.js';
import { RestoreRefusedError } from '../src/errors/restore-refused-error.js';
import { DEFAULT_KEY_PREFIX } from '../src/store/redis-keys.js';
import type { Runtime } from './runtime.js';
import { buildServices } from './services.js';

export const BACKUP_USAGE = `  backup               print everything the tracker keeps as a backup (JSON Lines): backup > file
  restore <file> [--replace]
                       restore a backup into an empty store, then plan its reminders and schedules;
                       --replace empties this store first, whatever it holds`;

/** How long a restore waits for a worker that is replanning everything to finish before its own turn. */
const REPLAN_WAIT_MS = 5 * 60_000;
const REPLAN_RETRY_MS = 1_000;

/** Every part of the state a backup carries: the core's, then the Teams adapter's and the jobs floor's. */
export function backupSections(runtime: Runtime): BackupSection[] {
  const redis = runtime.redis;
  const prefix = DEFAULT_KEY_PREFIX;
  return [
    ...coreBackupSections({
      redis,
      prefix,
      commitments: runtime.commitments,
      agencies: runtime.agencies,
      holidays: runtime.holidays,
      channelSettings: runtime.channelSettings,
      checkins: runtime.checkins,
    }),
    teamsBackup({ redis, prefix }),
    jobsBackup({ redis, prefix }),
  ];
}

/** `backup`: the file on standard output, what it holds on standard error. */
export async function runBackup(runtime: Runtime): Promise<number> {
  const counts = await writeBackup(backupSections(runtime), process.stdout, runtime.clock);
  process.stderr.write(`Backed up ${describeCounts(counts)}.\n`);
  return 0;
}

/** `restore <file> [--replace]`; returns the exit code. */
export async function runRestore(runtime: Runtime, args: readonly string[]): Promise<number> {
  const replace = args.includes('--replace');
  const [path, ...rest] = args.filter((arg) => arg !== '--replace');
  if (!path || rest.length > 0 || path.startsWith('--')) {
    process.stderr.write(
      `Say which backup file to restore.\nUsage: npm run cli -- restore …\n${BACKUP_USAGE}\n`,
    );
    return 1;
  }
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    process.stderr.write(`Cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  const { scheduler } = buildServices(runtime);
  try {
    const contents = await restoreBackup(
      path,
      {
        redis: runtime.redis,
        prefix: DEFAULT_KEY_PREFIX,
        sections: backupSections(runtime),
        clock: runtime.clock,
        replan: async () => {
          // A worker may be replanning at this moment (it found the schedules missing); then it is our turn.
          const until = Date.now() + REPLAN_WAIT_MS;
          while (!(await scheduler.repair(`restored from ${path}`))) {
            if (Date.now() > until) throw new Error('another process kept replanning; restart the workers');
            await sleep(REPLAN_RETRY_MS);
          }
        },
      },
      { replace, fileName: path },
    );
    process.stdout.write(
      `Restored ${path} (a backup of ${contents.createdAt}): ${describeCounts(contents.counts)}. ` +
        'Reminders and schedules are planned again.\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupFileError) {
      process.stderr.write(`${path} was not restored; nothing was changed.\n`);
      for (const problem of error.problems) process.stderr.write(`  ${formatBackupProblem(problem)}\n`);
      return 1;
    }
    if (error instanceof RestoreRefusedError) {
      process.stderr.write(`${path} was not restored; nothing was changed.\n${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await scheduler.close();
  }
}

const WORDS: Record<string, [string, string]> = {
  agency: ['agency', 'agencies'],
  holidays: ['holiday list', 'holiday lists'],
  'channel-settings': ['channel setting', 'channel settings'],
  commitment: ['commitment', 'commitments'],
  checkin: ['check-in', 'check-ins'],
  'teams-conversation': ['Teams conversation', 'Teams conversations'],
};

/** `3 agencies, 1 holiday list, 120 commitments, …`: the parts an operator recognises. */
function describeCounts(counts: Record<string, number>): string {
  return Object.entries(WORDS)
    .map(([kind, [one, many]]) => {
      const n = counts[kind] ?? 0;
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}
