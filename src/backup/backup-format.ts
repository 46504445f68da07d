import { z } from 'zod';

/**
 * A backup is JSON Lines: a header line, then one record a line, then an `end` line. It is written and
 * read a line at a time, so a store of any size is backed up and restored without holding it in memory,
 * and a file cut short (a full disk, an interrupted copy) has no `end` line and is refused. The format
 * is described for operators in docs/backup-format.md.
 */
export const BACKUP_FORMAT = 'followthrough-backup';

/**
 * Goes up when a record changes meaning, so that an older followthrough would restore it wrongly; a new
 * optional field of a commitment or an agency does not change it (whole objects are carried). A file of
 * a later version is refused, one of this or an earlier version is read.
 */
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** When the backup was started (ISO instant). */
  createdAt: string;
  /** The sections it holds, in file order. */
  sections: string[];
}

export const headerSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  sections: z.array(z.string()),
});

export const END_KIND = 'end';

/** The last line: how many records came before it, so that a file cut short or padded is refused. */
export const endSchema = z.strictObject({ kind: z.literal(END_KIND), records: z.number().int().min(0) });
