import type { Cluster, Redis } from 'ioredis';

/**
 * Set before a restore writes anything and removed once it has written everything and replanned: a
 * store that has it is half restored, however complete it looks. The tracker refuses to start on it,
 * and only `restore --replace` (which starts again from nothing) takes it.
 */
export function restoreMarkerKey(prefix: string): string {
  return `${prefix}restore:unfinished`;
}

export interface UnfinishedRestore {
  /** The file being restored, as named on the command line. */
  file: string;
  startedAt: string;
}

export async function unfinishedRestore(
  redis: Redis | Cluster,
  prefix: string,
): Promise<UnfinishedRestore | undefined> {
  const stored = await redis.get(restoreMarkerKey(prefix));
  return stored ? (JSON.parse(stored) as UnfinishedRestore) : undefined;
}

/** What an operator is told about a store whose restore did not finish, and what to do. */
export function unfinishedRestoreText(restore: UnfinishedRestore): string {
  return (
    `A restore of ${restore.file} into this Redis, started ${restore.startedAt}, did not finish: the store ` +
    `holds only part of it. Run it again with --replace (cli restore ${restore.file} --replace), which ` +
    'empties the store and restores the whole file.'
  );
}
