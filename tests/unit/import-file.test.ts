import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../src/errors/import-file-error.js';
import { ImportFileError } from '../../src/errors/import-file-error.js';
import { TrackerError } from '../../src/errors/tracker-error.js';
import type { ParseImportOptions } from '../../src/import/import-file.js';
import { parseImportFile } from '../../src/import/import-file.js';
import { AGENCY_CODE_PATTERN } from '../../src/model/agency.js';

const DEMO_PATH = new URL('../../examples/india-malaysia-csp.yaml', import.meta.url);

/** A valid file whose line numbers the cases below refer to. */
const BASE_LINES = [
  'agencies:', // 1
  '  - code: MITI', // 2
  '    name: Ministry of Investment, Trade and Industry', // 3
  '    country: MY', // 4
  '    timeZone: Asia/Kuala_Lumpur', // 5
  '  - code: MEITY', // 6
  '    name: Ministry of Electronics and Information Technology', // 7
  '    country: IN', // 8
  '    timeZone: Asia/Kolkata', // 9
  'commitments:', // 10
  '  - ref: csp-trade-01', // 11
  '    title: Review the trade agreement', // 12
  '    owners: [MITI, MEITY]', // 13
  '    due: 2027-03-31', // 14
  '    area: trade', // 15
  '    status: in-progress', // 16
  '  - ref: csp-digital-01', // 17
  '    title: Sign the digital public infrastructure memorandum', // 18
  '    owners:', // 19
  '      - MEITY', // 20
  '      - MITI', // 21
  '    due: 2027-06-30T17:00+05:30', // 22
  '    area: digital', // 23
];

/** The base file with line `line` (1-based) replaced, or removed when `replacement` is null. */
function baseWith(line: number, replacement: string | null): string {
  const lines = [...BASE_LINES];
  lines.splice(line - 1, 1, ...(replacement === null ? [] : [replacement]));
  return `${lines.join('\n')}\n`;
}

function importErrorOf(text: string, options?: ParseImportOptions): ImportFileError {
  try {
    parseImportFile(text, options);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('parseImportFile with the India–Malaysia demo file', () => {
  const demo = parseImportFile(readFileSync(DEMO_PATH, 'utf8'));

  it('reads 15 to 25 commitments whose owners are all agencies of the file', () => {
    expect(demo.commitments.length).toBeGreaterThanOrEqual(15);
    expect(demo.commitments.length).toBeLessThanOrEqual(25);
    const codes = new Set(demo.agencies.map((agency) => agency.code));
    for (const commitment of demo.commitments) {
      for (const owner of commitment.owners)
        expect(codes, `${commitment.ref} owner ${owner}`).toContain(owner);
    }
  });

  it('has agencies on both sides and a Malaysian state with its own weekend rules', () => {
    const countries = new Set(demo.agencies.map((agency) => agency.country));
    expect(countries).toContain('MY');
    expect(countries).toContain('IN');
    expect([...countries].some((country) => /^MY-(02|11)$/.test(country ?? ''))).toBe(true);
    for (const agency of demo.agencies) expect(agency.code).toMatch(AGENCY_CODE_PATTERN);
  });

  it('keeps unquoted dates as calendar days and turns offset date-times into UTC instants', () => {
    const byRef = new Map(demo.commitments.map((commitment) => [commitment.ref, commitment]));
    expect(byRef.get('csp-security-01')?.deadline).toEqual({ kind: 'date', date: '2027-03-31' });
    expect(byRef.get('csp-security-04')?.deadline).toEqual({
      kind: 'instant',
      at: '2027-04-15T09:00:00.000Z',
    });
    expect(byRef.get('csp-semis-02')?.deadline).toEqual({ kind: 'instant', at: '2027-05-31T12:30:00.000Z' });
  });

  it('is mostly open, with some work in progress, one item at risk and one blocked', () => {
    const count = (status: string) => demo.commitments.filter((c) => c.status === status).length;
    expect(count('open')).toBeGreaterThan(demo.commitments.length / 2);
    expect(count('in-progress')).toBeGreaterThan(0);
    expect(count('at-risk')).toBe(1);
    expect(count('blocked')).toBe(1);
  });
});

describe('parseImportFile with a valid file', () => {
  it('returns agencies and commitments, defaulting the status to open', () => {
    const file = parseImportFile(baseWith(16, null));
    expect(file.agencies[1]).toEqual({
      code: 'MEITY',
      name: 'Ministry of Electronics and Information Technology',
      country: 'IN',
      timeZone: 'Asia/Kolkata',
    });
    expect(file.commitments[0]).toEqual({
      ref: 'csp-trade-01',
      title: 'Review the trade agreement',
      owners: ['MITI', 'MEITY'],
      deadline: { kind: 'date', date: '2027-03-31' },
      area: 'trade',
      status: 'open',
    });
    expect(file.commitments[1]?.deadline).toEqual({ kind: 'instant', at: '2027-06-30T11:30:00.000Z' });
  });

  it('reads a repeat rule in the words of `add … every <rule>`, with or without "every"', () => {
    const file = parseImportFile(baseWith(15, '    every: quarter on the last working day'));
    expect(file.commitments[0]?.every).toEqual({ unit: 'month', interval: 3, day: 'last-working' });
    const yearly = parseImportFile(baseWith(15, '    every: every year on 15 Mar'));
    expect(yearly.commitments[0]?.every).toEqual({ unit: 'year', interval: 1, month: 3, day: 15 });
  });

  it('refuses a repeat rule it cannot read, naming the line and how to write one', () => {
    const error = importErrorOf(baseWith(15, '    every: 2 weaks'));
    expect(error.problems[0]).toMatchObject({ line: 15, path: 'commitments[0].every' });
    expect(error.message).toContain(
      '"every 2 weaks" is not a rule I can read. Write a rule like: every 2 weeks',
    );
  });

  it('leaves the deadline out when the commitment has no due date', () => {
    const file = parseImportFile(baseWith(14, null));
    expect(file.commitments[0]).not.toHaveProperty('deadline');
  });

  it('keeps dates as text even when the file declares YAML 1.1, where they would be timestamps', () => {
    const file = parseImportFile(`%YAML 1.1\n---\n${baseWith(22, '    due: 2027-06-30')}`);
    expect(file.commitments[1]?.deadline).toEqual({ kind: 'date', date: '2027-06-30' });
  });

  it('accepts deadlines in the past, since an import may record history', () => {
    const file = parseImportFile(baseWith(14, '    due: 2020-01-15'));
    expect(file.commitments[0]?.deadline).toEqual({ kind: 'date', date: '2020-01-15' });
  });

  it('accepts owners that are not in the file but are already known', () => {
    const text = baseWith(21, '      - BNM');
    expect(importErrorOf(text).problems[0]?.path).toBe('commitments[1].owners[1]');
    expect(parseImportFile(text, { knownAgencies: ['BNM'] }).commitments[1]?.owners).toEqual([
      'MEITY',
      'BNM',
    ]);
  });

  it('accepts a file of commitments only when their owners are known', () => {
    const file = parseImportFile(BASE_LINES.slice(9).join('\n'), { knownAgencies: ['MITI', 'MEITY'] });
    expect(file.agencies).toEqual([]);
    expect(file.commitments.map((commitment) => commitment.ref)).toEqual(['csp-trade-01', 'csp-digital-01']);
  });
});

describe('parseImportFile rejects a bad file at the line and field of the problem', () => {
  const cases: { name: string; text: string; first: ImportProblem }[] = [
    {
      name: 'a YAML syntax error',
      text: baseWith(12, '    title: Review: the trade agreement'),
      first: { line: 12, path: '', message: expect.stringContaining('not valid YAML') },
    },
    {
      name: 'a key written twice',
      text: baseWith(15, '    due: 2027-04-30'),
      first: { line: 15, path: '', message: expect.stringContaining('unique') },
    },
    {
      name: 'a missing title (reported where the commitment starts)',
      text: baseWith(18, null),
      first: { line: 17, path: 'commitments[1].title', message: 'is required' },
    },
    {
      name: 'a blank title',
      text: baseWith(12, '    title: "   "'),
      first: { line: 12, path: 'commitments[0].title', message: 'is empty' },
    },
    {
      name: 'a title over 200 characters',
      text: baseWith(12, `    title: ${'x'.repeat(201)}`),
      first: { line: 12, path: 'commitments[0].title', message: expect.stringContaining('at most 200') },
    },
    {
      name: 'an owner that is not an agency',
      text: baseWith(21, '      - MOF'),
      first: {
        line: 21,
        path: 'commitments[1].owners[1]',
        message: expect.stringContaining('MOF is not an agency'),
      },
    },
    {
      name: 'an owner code of the wrong shape',
      text: baseWith(13, '    owners: [miti]'),
      first: {
        line: 13,
        path: 'commitments[0].owners[0]',
        message: expect.stringContaining('not an agency code'),
      },
    },
    {
      name: 'the same owner twice',
      text: baseWith(13, '    owners: [MITI, MITI]'),
      first: { line: 13, path: 'commitments[0].owners', message: 'names the same agency twice' },
    },
    {
      name: 'a time zone that does not exist',
      text: baseWith(9, '    timeZone: Asia/Delhi'),
      first: {
        line: 9,
        path: 'agencies[1].timeZone',
        message: expect.stringContaining('Asia/Delhi is not an IANA'),
      },
    },
    {
      name: 'a country that is not a code',
      text: baseWith(4, '    country: Malaysia'),
      first: { line: 4, path: 'agencies[0].country', message: expect.stringContaining('not a country code') },
    },
    {
      name: 'an agency defined twice',
      text: baseWith(6, '  - code: MITI'),
      first: { line: 6, path: 'agencies[1].code', message: 'MITI is defined twice (first on line 2)' },
    },
    {
      name: 'a date that does not exist',
      text: baseWith(14, '    due: 2027-02-30'),
      first: { line: 14, path: 'commitments[0].due', message: '2027-02-30 is not a date that exists' },
    },
    {
      name: 'a date in another format',
      text: baseWith(14, '    due: 31/03/2027'),
      first: { line: 14, path: 'commitments[0].due', message: expect.stringContaining('not an ISO date') },
    },
    {
      name: 'a date-time without a UTC offset',
      text: baseWith(22, '    due: 2027-06-30T17:00'),
      first: { line: 22, path: 'commitments[1].due', message: expect.stringContaining('has no UTC offset') },
    },
    {
      name: 'a ref used twice',
      text: baseWith(17, '  - ref: csp-trade-01'),
      first: {
        line: 17,
        path: 'commitments[1].ref',
        message: 'csp-trade-01 is used twice (first on line 11)',
      },
    },
    {
      name: 'a status that does not exist',
      text: baseWith(16, '    status: finished'),
      first: {
        line: 16,
        path: 'commitments[0].status',
        message: expect.stringContaining('finished is not a status'),
      },
    },
    {
      name: 'an area of the wrong shape',
      text: baseWith(15, '    area: Trade Policy'),
      first: { line: 15, path: 'commitments[0].area', message: expect.stringContaining('not an area') },
    },
    {
      name: 'a misspelt field',
      text: baseWith(15, '    areas: trade'),
      first: { line: 15, path: 'commitments[0].areas', message: expect.stringContaining('not a field') },
    },
    {
      name: 'a field with no value',
      text: baseWith(15, '    area:'),
      first: { line: 15, path: 'commitments[0].area', message: 'has no value' },
    },
    {
      name: 'a list where the file expects a map',
      text: '- MITI\n- MEITY\n',
      first: { line: 1, path: '', message: expect.stringContaining('must be a map') },
    },
    {
      name: 'an empty file',
      text: '# nothing yet\n',
      first: { line: 1, path: '', message: 'the file is empty' },
    },
  ];

  it.each(cases)('$name', ({ text, first }) => {
    const error = importErrorOf(text);
    expect(error).toBeInstanceOf(TrackerError);
    expect(error.problems[0]).toEqual(first);
    const where = first.path ? `line ${first.line}: ${first.path}: ` : `line ${first.line}: `;
    expect(error.message.startsWith(where)).toBe(true);
  });

  it('names the exact problem in the message', () => {
    expect(importErrorOf(baseWith(14, '    due: 2027-02-30')).message).toBe(
      'line 14: commitments[0].due: 2027-02-30 is not a date that exists',
    );
  });

  it('lists every problem, first in the file first, and counts the rest in the message', () => {
    const text = baseWith(16, '    status: finished').replace('Asia/Kolkata', 'Asia/Delhi');
    const error = importErrorOf(text);
    expect(error.problems.map((problem) => [problem.line, problem.path])).toEqual([
      [9, 'agencies[1].timeZone'],
      [16, 'commitments[0].status'],
    ]);
    expect(error.message).toMatch(/^line 9: agencies\[1\]\.timeZone: .*\(and 1 more problem\)$/);
  });
});

describe('parseImportFile: text and regions no one means', () => {
  it('refuses a title with control characters, naming the line', () => {
    const error = importErrorOf(baseWith(12, '    title: "Review \\e[2J the agreement"'));
    expect(error.problems[0]).toMatchObject({ line: 12, path: 'commitments[0].title' });
    expect(error.message).toContain('control characters');
  });

  it('refuses a country or state whose holidays are unknown', () => {
    expect(importErrorOf(baseWith(4, '    country: ZZ')).problems[0]).toMatchObject({
      line: 4,
      path: 'agencies[0].country',
    });
    expect(importErrorOf(baseWith(4, '    country: MY-99')).message).toContain('MY-99');
  });
});
