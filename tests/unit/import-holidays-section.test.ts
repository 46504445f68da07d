import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../src/errors/import-file-error.js';
import { parseImportFile } from '../../src/import/import-file.js';

const FILE = [
  'agencies:', // 1
  '  - code: MEITY', // 2
  '    name: Ministry of Electronics and Information Technology', // 3
  '    country: IN', // 4
  '    timeZone: Asia/Kolkata', // 5
  'holidays:', // 6
  '  - country: IN', // 7
  '    date: 2026-11-08', // 8
  '    name: Diwali (Deepavali)', // 9
  '  - country: my-02', // 10
  '    date: 2026-12-11', // 11
  '    name: Birthday of the Sultan of Kedah', // 12
  '  - agency: MEITY', // 13
  '    date: 2026-12-31', // 14
  '    name: Year-end closure', // 15
];

function fileWith(line: number, replacement: string): string {
  return FILE.map((text, index) => (index + 1 === line ? replacement : text)).join('\n');
}

function problems(text: string) {
  try {
    parseImportFile(text);
  } catch (error) {
    if (error instanceof ImportFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('the holidays: section of an import file', () => {
  it('reads days for a country, a state and an agency', () => {
    expect(parseImportFile(FILE.join('\n')).holidays).toEqual([
      { scope: { kind: 'region', code: 'IN' }, date: '2026-11-08', name: 'Diwali (Deepavali)' },
      {
        scope: { kind: 'region', code: 'MY-02' },
        date: '2026-12-11',
        name: 'Birthday of the Sultan of Kedah',
      },
      { scope: { kind: 'agency', code: 'MEITY' }, date: '2026-12-31', name: 'Year-end closure' },
    ]);
  });

  it('is optional', () => {
    expect(parseImportFile(FILE.slice(0, 5).join('\n')).holidays).toEqual([]);
  });

  it.each([
    ['a day that does not exist', fileWith(8, '    date: 2026-02-30'), 8, 'holidays[0].date', /not a day/],
    [
      'a date with a time',
      fileWith(8, '    date: 2026-11-08T10:00+05:30'),
      8,
      'holidays[0].date',
      /not a day/,
    ],
    ['an unknown country', fileWith(7, '  - country: ZZ'), 7, 'holidays[0].country', /not a country code/],
    [
      'an agency not defined anywhere',
      fileWith(13, '  - agency: NOPE'),
      13,
      'holidays[2].agency',
      /not an agency/,
    ],
    ['a blank name', fileWith(9, '    name: ""'), 9, 'holidays[0].name', /is empty/],
  ])('refuses %s at its line', (_case, text, line, path, message) => {
    expect(problems(text)[0]).toEqual({ line, path, message: expect.stringMatching(message) });
  });

  it('refuses a day with both a country and an agency, or neither', () => {
    const both = [...FILE.slice(0, 9), '    agency: MEITY'].join('\n');
    expect(problems(both)[0]).toMatchObject({ line: 7, path: 'holidays[0]', message: /either country/ });
    const neither = [...FILE.slice(0, 6), '  - date: 2026-11-08', '    name: Diwali'].join('\n');
    expect(problems(neither)[0]).toMatchObject({ line: 7, path: 'holidays[0]', message: /either country/ });
  });
});
