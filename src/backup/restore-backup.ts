import type { Cluster, Redis } from 'ioredis';
import { BackupFileError } from '../errors/backup-file-error.js';
import { RestoreRefusedError } from '../errors/restore-refused-error.js';
import type { Clock } from '../ports/clock.js';
import { globLiteral, scanKeys } from '../redis/scan-keys.js';
import { agencyKeys, commitmentKeys } from '../store/redis-keys.js';
import type { BackupSection } from './backup-section.js';
import { type BackupContents, readBackup } from './read-backup.js';
import { restoreMarkerKey, unfinishedRestore, unfinishedRestoreText } from './restore-marker.js';

export interface RestoreDeps {
  redis: Redis | Cluster;
  /** The tracker's key prefix: `--replace` empties everything under it. */
  prefix: string;
  /** Every part of the state, in file order: the core's, then the adapters' and the jobs floor's. */
  sections: readonly BackupSection[];
  clock: Clock;
  /**
   * Makes the schedules of the restored agencies and the pending reminders of every open commitment, in
   * bulk (the jobs floor's replanning): reminders are not carried in a backup, they follow from it.
   */
  replan(): Promise<void>;
}

export interface RestoreOptions {
  /** Empty the store first, whatever it holds (another tracker's data, a restore that did not finish). */
  replace: boolean;
  /** The file as named on the command line, for the marker. */
  fileName?: string;
}

/**
 * Restores a backup file. The whole file is read and checked first; a malformed file, one of a newer
 * format, or a store that holds data (unless `replace`) is refused with nothing changed. Then a marker
 * is set, the store emptied when replacing, every record written back through its section's store (the
 * commitments' indexes and counts derived again as they are written), the jobs replanned, and the
 * marker removed last: a restore cut short leaves the marker, which says so and refuses to be built on.
 */
export async function restoreBackup(
  path: string,
  deps: RestoreDeps,
  options: RestoreOptions,
): Promise<BackupContents> {
  const contents = await readBackup(path, deps.sections);
  const marker = restoreMarkerKey(deps.prefix);
  if (!options.replace) {
    const unfinished = await unfinishedRestore(deps.redis, deps.prefix);
    if (unfinished) throw new RestoreRefusedError(unfinishedRestoreText(unfinished));
    const held: string[] = [];
    for (const section of deps.sections) if (!(await section.isEmpty())) held.push(section.name);
    if (held.length > 0) {
      throw new RestoreRefusedError(
        `This store is not empty: it holds ${held.join(', ')}. A restore does not mix two trackers' data. ` +
          'To replace everything it holds with the backup, run the restore again with --replace.',
      );
    }
  }
  const started = { file: options.fileName ?? path, startedAt: deps.clock.now().toISOString() };
  await deps.redis.set(marker, JSON.stringify(started));
  if (options.replace) await emptyStore(deps.redis, deps.prefix, marker);
  try {
    await readBackup(path, deps.sections, (section, records) => section.write(records));
  } catch (error) {
    if (!(error instanceof BackupFileError)) throw error;
    // It was whole when checked: it changed since, and part of it is written.
    throw new Error(
      `${started.file} changed while it was being restored (${error.message}); the restore did not ` +
        'finish: restore a whole file with --replace',
    );
  }
  for (const section of deps.sections) await section.finish?.();
  await deps.replan();
  await deps.redis.del(marker);
  return contents;
}

/** Keys deleted per command while emptying the store. */
const DELETE_BATCH = 500;

/**
 * Deletes every key under the prefix but the marker and the layout mark (what is written next is in the
 * current layout, and the start-up conversion must not take it for an old one): the store, the queues
 * and the jobs floor's records. The agencies' version only goes up, so that a process still running
 * with the old agencies in its cache reloads them.
 */
async function emptyStore(redis: Redis | Cluster, prefix: string, marker: string): Promise<void> {
  const versionKey = agencyKeys(prefix).version;
  const kept = new Set([marker, commitmentKeys(prefix).schema]);
  const version = Number((await redis.get(versionKey)) ?? 0);
  for await (const batch of scanKeys(redis, `${globLiteral(prefix)}*`)) {
    const doomed = batch.filter((key) => !kept.has(key));
    for (let at = 0; at < doomed.length; at += DELETE_BATCH) {
      await redis.unlink(...doomed.slice(at, at + DELETE_BATCH));
    }
  }
  await redis.set(versionKey, String(version + 1));
}
