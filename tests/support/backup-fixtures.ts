import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Redis } from 'ioredis';
import { teamsBackup } from '../../adapters/teams/teams-backup.js';
import { jobsBackup } from '../../jobs/jobs-backup.js';
import type { BackupSection } from '../../src/backup/backup-section.js';
import { type CoreStores, coreBackupSections } from '../../src/backup/core-backup-sections.js';
import { type RestoreOptions, restoreBackup } from '../../src/backup/restore-backup.js';
import { writeBackup } from '../../src/backup/write-backup.js';
import type { Clock } from '../../src/ports/clock.js';

/** The stores of one tracker under a prefix, as a test has them (a harness, a test tracker). */
export type TrackerStores = Omit<CoreStores, 'redis' | 'prefix'>;

/** Every section of a backup of the tracker under `prefix`, wired as bin/backup-cli.ts wires them. */
export function backupSectionsOf(redis: Redis, prefix: string, stores: TrackerStores): BackupSection[] {
  return [
    ...coreBackupSections({ redis, prefix, ...stores }),
    teamsBackup({ redis, prefix }),
    jobsBackup({ redis, prefix }),
  ];
}

/** Writes the backup to a file and resolves once the file is whole; returns the counts by kind. */
export async function backupToFile(
  sections: readonly BackupSection[],
  file: string,
  clock: Clock,
): Promise<Record<string, number>> {
  const out = createWriteStream(file);
  const counts = await writeBackup(sections, out, clock);
  out.end();
  await finished(out);
  return counts;
}

/** Restores a file into the tracker under `prefix`; `replan` stands for the jobs floor's bulk replanning. */
export function restoreFromFile(
  file: string,
  target: { redis: Redis; prefix: string; sections: readonly BackupSection[]; clock: Clock },
  options: RestoreOptions & { replan?: () => Promise<void> } = { replace: false },
) {
  return restoreBackup(
    file,
    { ...target, replan: options.replan ?? (async () => {}) },
    { replace: options.replace, fileName: options.fileName },
  );
}
