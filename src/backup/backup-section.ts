import type { z } from 'zod';

/** One line of a backup after its header: what it is (`kind`) and that thing's fields. */
export interface BackupRecord {
  kind: string;
  [field: string]: unknown;
}

/**
 * One part of the tracker's state as a backup carries it: the core's stores, and the parts the middle
 * floor keeps (the Teams adapter's conversation references, the jobs floor's weekly bookkeeping), which
 * `bin/` hands in beside the core's so that the core never imports them. A section reads its part a
 * page at a time and writes it back through its own store.
 */
export interface BackupSection {
  /** Names it in the header and in messages (`commitments`). */
  readonly name: string;
  /** The kinds of record it writes; a file's records of these kinds come back to it. */
  readonly kinds: readonly string[];
  /** Checks one record of its kinds, whole, before anything is written; the parsed value is what `write` gets. */
  readonly schema: z.ZodType<BackupRecord>;
  /**
   * False when the store holds something of this part: a restore does not mix two trackers' data. A
   * part that is bookkeeping rather than the operators' data (the jobs floor's) always says true.
   */
  isEmpty(): Promise<boolean>;
  /** Its records, a page at a time, in the order they are to be written back. */
  read(): AsyncIterable<readonly BackupRecord[]>;
  /**
   * A checker for what one record cannot show alone (ids in order, a code given twice), run over the
   * whole file before anything is written; it answers with what is wrong, or undefined.
   */
  checker?(): (record: BackupRecord) => string | undefined;
  /** Writes back records of its kinds, in file order (a batch holds one kind). */
  write(records: readonly BackupRecord[]): Promise<void>;
  /** Once every record of the file is written. */
  finish?(): Promise<void>;
}

/**
 * A section whose checker and `write` see its records typed by its schema: a restore hands them only
 * records that schema accepted.
 */
export function backupSection<S extends z.ZodType<BackupRecord>>(
  spec: Omit<BackupSection, 'schema' | 'checker' | 'write'> & {
    schema: S;
    checker?(): (record: z.output<S>) => string | undefined;
    write(records: readonly z.output<S>[]): Promise<void>;
  },
): BackupSection {
  return spec as BackupSection;
}
