import type { Document, Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ImportProblem } from '../errors/import-file-error.js';
import { ImportFileError } from '../errors/import-file-error.js';
import { AGENCY_CODE_PATTERN } from '../model/agency.js';
import type { ImportFile } from './import-schema.js';
import { importErrorMap, importFileSchema } from './import-schema.js';

export type { ImportAgency, ImportCommitment, ImportFile, ImportHoliday } from './import-schema.js';

export interface ParseImportOptions {
  /** Agency codes that already exist, so owners need not be defined again in the file. */
  knownAgencies?: readonly string[];
}

type Path = readonly (string | number)[];

/**
 * Reads an import file (YAML: `agencies:` and `commitments:`) and checks all of it, so that an
 * import either has everything it needs or touches nothing. Throws ImportFileError listing every
 * problem found, the first in the file first.
 */
export function parseImportFile(text: string, options: ParseImportOptions = {}): ImportFile {
  const lineCounter = new LineCounter();
  // The core schema keeps 2027-03-31 as text even under a `%YAML 1.1` directive, where it would be a Date.
  const doc = parseDocument(text, { schema: 'core', lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    throw new ImportFileError(
      doc.errors.map((error) => ({
        line: lineAt(error.pos[0]),
        path: '',
        message: `not valid YAML: ${error.message}`,
      })),
    );
  }
  if (doc.contents === null) {
    throw new ImportFileError([{ line: 1, path: '', message: 'the file is empty' }]);
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Too many aliases (a "billion laughs" file) is the one way toJS fails on a parsed document.
    throw new ImportFileError([
      { line: 1, path: '', message: `cannot be read: ${(error as Error).message}` },
    ]);
  }

  const lineOf = (path: Path) => lineOfPath(doc, path, lineAt);
  const parsed = importFileSchema.safeParse(data, { error: importErrorMap });
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => problemsOfIssue(issue, lineOf))),
    ...crossReferenceProblems(data, options.knownAgencies ?? [], lineOf),
  ];
  if (problems.length > 0 || !parsed.success) {
    throw new ImportFileError(problems.sort((a, b) => a.line - b.line));
  }
  return parsed.data;
}

function problemsOfIssue(issue: z.core.$ZodIssue, lineOf: (path: Path) => number): ImportProblem[] {
  const path = issue.path.filter((key) => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      line: lineOf([...path, key]),
      path: formatPath([...path, key]),
      message: 'is not a field here: check its spelling',
    }));
  }
  return [{ line: lineOf(path), path: formatPath(path), message: issue.message }];
}

/** Checks that need the whole file: codes and refs defined once, owners and holiday agencies defined somewhere. */
function crossReferenceProblems(
  data: unknown,
  knownAgencies: readonly string[],
  lineOf: (path: Path) => number,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const problem = (path: Path, message: string) =>
    problems.push({ line: lineOf(path), path: formatPath(path), message });
  const root = isRecord(data) ? data : {};
  const agencies = Array.isArray(root.agencies) ? root.agencies : [];
  const commitments = Array.isArray(root.commitments) ? root.commitments : [];
  const holidays = Array.isArray(root.holidays) ? root.holidays : [];

  const defined = new Map<string, number>();
  agencies.forEach((agency, index) => {
    const code = isRecord(agency) ? agency.code : undefined;
    if (typeof code !== 'string') return;
    const first = defined.get(code);
    if (first === undefined) defined.set(code, index);
    else
      problem(
        ['agencies', index, 'code'],
        `${code} is defined twice (first on line ${lineOf(['agencies', first])})`,
      );
  });

  const known = new Set(knownAgencies);
  holidays.forEach((holiday, index) => {
    const agency = isRecord(holiday) ? holiday.agency : undefined;
    if (typeof agency !== 'string' || !AGENCY_CODE_PATTERN.test(agency)) return;
    if (!defined.has(agency) && !known.has(agency)) {
      problem(['holidays', index, 'agency'], `${agency} is not an agency: define it under agencies:`);
    }
  });
  const refs = new Map<string, number>();
  commitments.forEach((commitment, index) => {
    if (!isRecord(commitment)) return;
    const { ref, owners } = commitment;
    if (typeof ref === 'string') {
      const first = refs.get(ref);
      if (first === undefined) refs.set(ref, index);
      else
        problem(
          ['commitments', index, 'ref'],
          `${ref} is used twice (first on line ${lineOf(['commitments', first])})`,
        );
    }
    if (!Array.isArray(owners)) return;
    owners.forEach((owner, ownerIndex) => {
      if (typeof owner !== 'string' || !AGENCY_CODE_PATTERN.test(owner)) return;
      if (!defined.has(owner) && !known.has(owner)) {
        problem(
          ['commitments', index, 'owners', ownerIndex],
          `${owner} is not an agency: define it under agencies:`,
        );
      }
    });
  });
  return problems;
}

/**
 * The line where a field is named (its key, so a block value is reported where it starts), or of
 * the nearest enclosing node that exists when the field is missing.
 */
function lineOfPath(doc: Document, path: Path, lineAt: (offset: number) => number): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const offset = offsetOf(doc, path.slice(0, depth));
    if (offset !== undefined) return lineAt(offset);
  }
  return 1;
}

function offsetOf(doc: Document, path: Path): number | undefined {
  if (path.length === 0) return startOf(doc.contents);
  const parent = doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find(
      (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(last),
    );
    return pair ? (startOf(pair.key) ?? startOf(pair.value)) : undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return startOf(parent.items[last]);
  return undefined;
}

function startOf(node: unknown): number | undefined {
  return (node as YamlNode | null | undefined)?.range?.[0];
}

/** `commitments[3].owners[0]`: the form a person reading the file recognises. */
function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
