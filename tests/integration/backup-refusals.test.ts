import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unfinishedRestore } from '../../src/backup/restore-marker.js';
import { BackupFileError } from '../../src/errors/backup-file-error.js';
import { backupSectionsOf, restoreFromFile } from '../support/backup-fixtures.js';
import { useSchedulerHarness } from '../support/scheduler-harness.js';
import { dumpStore, keysUnder } from '../support/store-dump.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker } from '../support/test-tracker.js';
import {
  NOW,
  replanned,
  run,
  sections,
  storeKeys,
  target,
  useBackedUpTracker,
  views,
} from './backup-tracker.js';

/**
 * What a restore refuses, and what it leaves when it stops half-way: a malformed file and one of a
 * newer format change nothing; a restore cut short leaves the store marked unfinished until it is
 * restored again with --replace.
 */

const test = useTestRedis();
const { redis } = test;
const newHarness = useSchedulerHarness(test);
const tracker = useBackedUpTracker(test);
let targets = 0;

describe('a file that cannot be restored is refused whole, with nothing written', () => {
  const lines = () => readFileSync(tracker.file, 'utf8').trimEnd().split('\n');
  const lineOf = (all: string[], matches: (record: Record<string, unknown>) => boolean) =>
    all.findIndex((line) => matches(JSON.parse(line)));
  const isCommitment = (id: string) => (r: Record<string, unknown>) =>
    r.kind === 'commitment' && (r.commitment as { id: string }).id === id;

  const cases: [string, (all: string[]) => string[], RegExp][] = [
    ['a line that is not JSON', (all) => all.toSpliced(3, 1, '{"kind":"agency",'), /^line 4: is not JSON/],
    [
      'a file cut short',
      (all) => all.slice(0, -4),
      /ends without its end line after \d+ records: it was cut short/,
    ],
    [
      'a commitment whose deadline is not a day',
      (all) => {
        const at = lineOf(all, isCommitment('C-3'));
        return all.toSpliced(at, 1, all[at]!.replace('"date":"2026-03-27"', '"date":"27/03/2026"'));
      },
      /^line \d+: commitment record: commitment\.deadline\.date: is not a day \(YYYY-MM-DD\)/,
    ],
    [
      // Carried as it came, it would be read as open: a restricted commitment shown to every channel.
      'a commitment whose visibility is neither open nor restricted',
      (all) => {
        const at = lineOf(all, isCommitment('C-3'));
        return all.toSpliced(at, 1, all[at]!.replace('"visibility":"open"', '"visibility":"Restricted"'));
      },
      /^line \d+: commitment record: commitment\.visibility: is not a visibility \(open or restricted\)/,
    ],
    [
      'an agency whose default visibility is neither open nor restricted',
      (all) => all.toSpliced(1, 1, all[1]!.replace('"code":', '"visibility":"private","code":')),
      /^line 2: agency record: agency\.visibility: is not a visibility \(open or restricted\)/,
    ],
    [
      'a record of a kind this version does not know',
      (all) => all.toSpliced(2, 0, '{"kind":"webhook","url":"https://example.org"}'),
      /^line 3: "kind": "webhook" is not a record this version knows/,
    ],
    [
      'commitments out of order',
      (all) => {
        const [one, two] = [lineOf(all, isCommitment('C-1')), lineOf(all, isCommitment('C-2'))];
        return all.toSpliced(one, 2, all[two]!, all[one]!);
      },
      /C-1 is out of order: commitments come once each, by increasing id/,
    ],
    [
      'a record missing, so the end line counts more',
      (all) => all.toSpliced(lineOf(all, isCommitment('C-5')), 1),
      /the end line counts \d+ records, the file has \d+/,
    ],
    [
      'an agency in a zone the system does not know',
      (all) => all.toSpliced(1, 1, all[1]!.replace(/"timeZone":"[^"]+"/, '"timeZone":"Asia/Atlantis"')),
      /^line 2: agency record: agency\.timeZone: is not a time zone this system knows/,
    ],
    [
      'an export (the hand-over format) given as a backup',
      () => ['agencies:', '  - code: "MITI"'],
      /^line 1: is not JSON/,
    ],
    [
      'a JSON file that is not a backup',
      () => ['{"agencies":[]}'],
      /^line 1: is not the header of a followthrough backup/,
    ],
  ];

  it.each(cases)('%s', async (_, change, message) => {
    const file = join(tracker.folder, 'broken.jsonl');
    writeFileSync(file, `${change(lines()).join('\n')}\n`);
    const prefix = `${test.prefix}broken${++targets}:`;
    const stores = buildTestTracker(redis, prefix, { now: NOW });
    const restoring = restoreFromFile(
      file,
      { redis, prefix, sections: backupSectionsOf(redis, prefix, stores), clock: stores.clock },
      { replace: false },
    );
    await expect(restoring).rejects.toThrow(BackupFileError);
    await expect(restoring).rejects.toThrow(message);
    expect(await keysUnder(redis, prefix)).toEqual([]);
  });

  it('a backup in a newer format version, saying which version reads it', async () => {
    const [header, ...rest] = lines();
    const file = join(tracker.folder, 'newer.jsonl');
    writeFileSync(file, `${[header!.replace('"version":1', '"version":2'), ...rest].join('\n')}\n`);
    const copy = await newHarness({ now: NOW });
    await run(copy, 'agency add DOF "Finance" tz:UTC');
    const before = await dumpStore(redis, copy.prefix);
    // Even with --replace, which would have emptied the store first.
    const restoring = restoreFromFile(file, target(redis, copy), { replace: true });
    await expect(restoring).rejects.toThrow(
      'line 1: the backup is in format version 2, written by a newer followthrough; this one reads versions up to 1. Restore it with the version that wrote it, or a newer one.',
    );
    expect(await dumpStore(redis, copy.prefix)).toEqual(before);
  });
});

describe('a restore cut short', () => {
  it('leaves the store marked unfinished: it is refused until restored again with --replace', async () => {
    const copy = await newHarness({ now: NOW });
    const crashing = sections(redis, copy).map((section) => ({
      ...section,
      write: async (records: Parameters<typeof section.write>[0]) => {
        if (records[0]?.kind === 'deadline-move') throw new Error('the process was killed');
        await section.write(records);
      },
    }));
    const restoring = restoreFromFile(
      tracker.file,
      { ...target(redis, copy), sections: crashing },
      { replace: false, fileName: 'tracker.jsonl' },
    );
    await expect(restoring).rejects.toThrow('the process was killed');
    // The commitments are there, but the store says it is not whole.
    expect(await copy.commitments.get('C-1')).toBeDefined();
    expect(await unfinishedRestore(redis, copy.prefix)).toEqual({
      file: 'tracker.jsonl',
      startedAt: new Date(NOW).toISOString(),
    });

    const again = restoreFromFile(tracker.file, target(redis, copy), {
      replace: false,
      replan: replanned(copy),
    });
    await expect(again).rejects.toThrow(
      /A restore of tracker\.jsonl into this Redis, started 2026-03-04T02:00:00\.000Z, did not finish.*--replace/,
    );
    await restoreFromFile(tracker.file, target(redis, copy), { replace: true, replan: replanned(copy) });
    expect(await unfinishedRestore(redis, copy.prefix)).toBeUndefined();
    expect(await views(redis, copy)).toEqual(tracker.views);
    expect(await storeKeys(redis, copy)).toEqual(await storeKeys(redis, tracker.source));
  });

  it('a file changed after it was checked stops the restore, which stays marked unfinished', async () => {
    const file = join(tracker.folder, 'changing.jsonl');
    const whole = readFileSync(tracker.file, 'utf8');
    writeFileSync(file, whole);
    const copy = await newHarness({ now: NOW });
    // Checked whole, then cut short before it is written back (between the two readings).
    const [first, ...rest] = sections(redis, copy);
    const cutting = {
      ...first!,
      isEmpty: async () => {
        writeFileSync(file, whole.split('\n').slice(0, -3).join('\n'));
        return first!.isEmpty();
      },
    };
    const restoring = restoreFromFile(
      file,
      { ...target(redis, copy), sections: [cutting, ...rest] },
      { replace: false },
    );
    await expect(restoring).rejects.toThrow(
      /changing\.jsonl changed while it was being restored \(the file ends without its end line .*\); the restore did not finish/,
    );
    expect(await unfinishedRestore(redis, copy.prefix)).toMatchObject({ file });
  });
});
