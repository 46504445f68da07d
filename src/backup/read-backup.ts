import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { BackupFileError, type BackupProblem } from '../errors/backup-file-error.js';
import { BACKUP_FORMAT, BACKUP_VERSION, END_KIND, endSchema, headerSchema } from './backup-format.js';
import type { BackupRecord, BackupSection } from './backup-section.js';

/** Records handed to a section per write: a batch is one kind of one section. */
export const RESTORE_BATCH = 500;
/** A file with this many problems is not read further: the first ones say what is wrong. */
const MAX_PROBLEMS = 10;

export interface BackupContents {
  version: number;
  createdAt: string;
  /** Records by kind. */
  counts: Record<string, number>;
}

/** Receives the records of a file in order, a batch of one kind at a time. */
export type BatchWriter = (section: BackupSection, records: readonly BackupRecord[]) => Promise<void>;

/**
 * Reads a backup a line at a time and checks every line: the header, each record against its section's
 * schema and checker, the order of the sections, and the end line's count. Without `write` it only
 * checks (a restore's first pass, before anything is written) and throws BackupFileError with the first
 * problems; with `write` it hands over each batch as soon as it is read and checked, and throws at the
 * first problem (a file changed since it was checked).
 */
export async function readBackup(
  path: string,
  sections: readonly BackupSection[],
  write?: BatchWriter,
): Promise<BackupContents> {
  const bySection = new Map(
    sections.flatMap((section) => section.kinds.map((kind) => [kind, section] as const)),
  );
  const checkers = new Map(sections.map((section) => [section, section.checker?.()]));
  const problems: BackupProblem[] = [];
  const problem = (line: number, message: string) => {
    problems.push({ line, message });
    if (write || problems.length >= MAX_PROBLEMS) throw new BackupFileError(problems);
  };
  let header: z.output<typeof headerSchema> | undefined;
  let ended = false;
  let records = 0;
  let sectionAt = 0;
  const counts: Record<string, number> = {};
  let pending: { section: BackupSection; kind: string; records: BackupRecord[] } | undefined;
  const flush = async () => {
    if (pending && write) await write(pending.section, pending.records);
    pending = undefined;
  };

  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      const value = parseLine(line);
      if (typeof value === 'string') {
        problem(number, value);
        if (number === 1) break;
        continue;
      }
      if (number === 1) {
        header = readHeader(value, (message) => problem(1, message));
        if (!header) break;
        continue;
      }
      if (ended) {
        problem(number, `comes after the ${END_KIND} line: the file was changed after it was written`);
        continue;
      }
      const kind = (value as { kind?: unknown }).kind;
      if (kind === END_KIND) {
        const end = endSchema.safeParse(value);
        if (!end.success) problem(number, `the ${END_KIND} line: ${describeIssues(end.error)}`);
        else if (end.data.records !== records)
          problem(number, `the ${END_KIND} line counts ${end.data.records} records, the file has ${records}`);
        ended = true;
        continue;
      }
      records += 1;
      const section = typeof kind === 'string' ? bySection.get(kind) : undefined;
      if (!section) {
        problem(number, `"kind": ${JSON.stringify(kind ?? null)} is not a record this version knows`);
        continue;
      }
      const at = sections.indexOf(section);
      if (at < sectionAt) {
        problem(
          number,
          `a ${kind} record comes after the ${sections[sectionAt]!.name}: each part of a backup comes whole, in the order ${sections.map((s) => s.name).join(', ')}`,
        );
        continue;
      }
      sectionAt = at;
      const parsed = section.schema.safeParse(value);
      if (!parsed.success) {
        problem(number, `${kind} record: ${describeIssues(parsed.error)}`);
        continue;
      }
      // The record as read, not as parsed: fields the schema does not name, and their order, are kept.
      const record = value as BackupRecord;
      const wrong = checkers.get(section)?.(parsed.data);
      if (wrong) {
        problem(number, wrong);
        continue;
      }
      counts[record.kind] = (counts[record.kind] ?? 0) + 1;
      if (pending && (pending.kind !== record.kind || pending.records.length >= RESTORE_BATCH)) await flush();
      pending ??= { section, kind: record.kind, records: [] };
      pending.records.push(record);
    }
  } finally {
    lines.close();
  }
  if (number === 0) problem(0, 'the file is empty');
  else if (header && !ended)
    problem(0, `the file ends without its ${END_KIND} line after ${records} records: it was cut short`);
  if (problems.length > 0) throw new BackupFileError(problems);
  await flush();
  return { version: header!.version, createdAt: header!.createdAt, counts };
}

/** The line's JSON object, or what is wrong with it. */
function parseLine(line: string): object | string {
  if (line.trim() === '') return 'is empty: every line of a backup is one JSON object';
  try {
    const value: unknown = JSON.parse(line);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
    return 'is not a JSON object';
  } catch (error) {
    return `is not JSON (${(error as Error).message})`;
  }
}

function readHeader(
  value: object,
  problem: (message: string) => void,
): z.output<typeof headerSchema> | undefined {
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== BACKUP_FORMAT) {
    problem(`is not the header of a followthrough backup (it starts {"format":"${BACKUP_FORMAT}",…})`);
    return undefined;
  }
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    problem(
      `the backup is in format version ${version}, written by a newer followthrough; this one reads ` +
        `versions up to ${BACKUP_VERSION}. Restore it with the version that wrote it, or a newer one.`,
    );
    return undefined;
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) {
    problem(`the header: ${describeIssues(parsed.error)}`);
    return undefined;
  }
  return parsed.data;
}

/** `commitment.deadline.date is not a day (YYYY-MM-DD)`, for the first few issues. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
