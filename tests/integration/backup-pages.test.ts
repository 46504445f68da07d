import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupRecord, BackupSection } from '../../src/backup/backup-section.js';
import { RESTORE_BATCH } from '../../src/backup/read-backup.js';
import type { Commitment } from '../../src/model/commitment.js';
import { BATCH_SIZE } from '../../src/store/each-page.js';
import { backupSectionsOf, backupToFile, restoreFromFile } from '../support/backup-fixtures.js';
import { dumpStore } from '../support/store-dump.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker, CONSOLE } from '../support/test-tracker.js';
import { draft, historyEvent } from './store-fixtures.js';

/**
 * What the format promises beyond one tracker's round trip: whole objects are carried, so a field added
 * to a commitment, an agency or a history event later is restored without a change to the backup; and a
 * store is read, written out and restored a page at a time, never whole.
 */

const test = useTestRedis();
const { redis } = test;
const folder = mkdtempSync(join(tmpdir(), 'ft-backup-pages-'));
let prefixes = 0;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function trackerAt() {
  const prefix = `${test.prefix}p${++prefixes}:`;
  const stores = buildTestTracker(redis, prefix, { now: '2026-03-04T02:00:00Z' });
  return { redis, prefix, ...stores, sections: backupSectionsOf(redis, prefix, stores) };
}

/** The sections, with every page each one reads and every batch each one is handed counted. */
function counted(sections: readonly BackupSection[]) {
  const pages: number[] = [];
  const batches: number[] = [];
  const wrapped = sections.map(
    (section): BackupSection => ({
      ...section,
      async *read() {
        for await (const page of section.read()) {
          pages.push(page.length);
          yield page;
        }
      },
      async write(records: readonly BackupRecord[]) {
        batches.push(records.length);
        await section.write(records);
      },
    }),
  );
  return { sections: wrapped, pages, batches };
}

describe('whole objects', () => {
  it('a field this version does not know, on a commitment, an agency or a history event, comes back as it was', async () => {
    const from = trackerAt();
    await from.tracker.execute('agency add MITI "Trade" tz:Asia/Kuala_Lumpur country:MY', CONSOLE);
    const agency = await from.agencies.get('MITI');
    await from.agencies.put({ ...agency!, visibility: 'restricted', liaison: { name: 'Aisha' } } as never);
    const created = await from.commitments.create(
      { ...draft({ title: 'Restricted item' }), visibility: 'restricted' } as never,
      { ...historyEvent('created', '2026-03-02T01:00:00.000Z'), channel: 'slack:C1' } as never,
    );
    const file = join(folder, 'whole.jsonl');
    await backupToFile(from.sections, file, from.clock);

    const to = trackerAt();
    await restoreFromFile(file, to);
    expect(await to.commitments.get(created.id)).toEqual(created);
    expect((await to.commitments.get(created.id)) as unknown).toMatchObject({ visibility: 'restricted' });
    expect(await to.agencies.get('MITI')).toMatchObject({
      visibility: 'restricted',
      liaison: { name: 'Aisha' },
    });
    expect(await redis.get(`${to.prefix}commitment:${created.id}:history`)).toBe(
      await redis.get(`${from.prefix}commitment:${created.id}:history`),
    );
    expect(await redis.get(`${to.prefix}commitment:${created.id}:history`)).toContain('"channel":"slack:C1"');
  });
});

describe('a large store', () => {
  it('is backed up and restored a page at a time, with the same commitments, indexes and counts', async () => {
    const from = trackerAt();
    await from.tracker.execute('agency add MITI "Trade" tz:Asia/Kuala_Lumpur country:MY', CONSOLE);
    await from.tracker.execute('agency add MEITY "IT" tz:Asia/Kolkata country:IN', CONSOLE);
    const total = 2 * BATCH_SIZE + 150;
    const created: Commitment[] = [];
    for (let at = 0; at < total; at += 50) {
      created.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, total - at) }, (_, i) => {
            const n = at + i;
            const owners = n % 3 === 0 ? ['MEITY', 'MITI'] : ['MITI'];
            const deadline = { kind: 'date' as const, date: `2026-0${4 + (n % 5)}-1${n % 10}` };
            return from.commitments.create(
              draft({ title: `Item ${n}`, owners, deadline, area: n % 2 ? 'trade' : 'digital' }),
              historyEvent('created', '2026-03-02T01:00:00.000Z'),
            );
          }),
        )),
      );
    }
    // Some closed, some late, so that the week counts have something to count.
    for (const commitment of created.filter((_, i) => i % 7 === 0)) {
      await from.commitments.save(
        commitment,
        { ...commitment, status: 'done', closedAt: '2026-09-01T00:00:00.000Z', closedBy: 'slack:U1' },
        historyEvent('done', '2026-09-01T00:00:00.000Z', { status: { before: 'open', after: 'done' } }),
      );
    }

    const reading = counted(from.sections);
    const file = join(folder, 'large.jsonl');
    const counts = await backupToFile(reading.sections, file, from.clock);
    expect(counts.commitment).toBe(total);
    expect(Math.max(...reading.pages)).toBeLessThanOrEqual(BATCH_SIZE);
    expect(reading.pages.filter((size) => size === BATCH_SIZE).length).toBeGreaterThanOrEqual(2);
    // The header, two agencies, the id counter, the commitments and the end line.
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(1 + 2 + 1 + total + 1);

    const to = trackerAt();
    const writing = counted(to.sections);
    await restoreFromFile(file, { ...to, sections: writing.sections });
    expect(Math.max(...writing.batches)).toBeLessThanOrEqual(RESTORE_BATCH);
    expect(writing.batches.filter((size) => size === RESTORE_BATCH).length).toBeGreaterThanOrEqual(2);
    const derived = (name: string) => /^(idx:|stats:|commitments?:|commitment:)/.test(name);
    expect(await dumpStore(redis, to.prefix, derived)).toEqual(await dumpStore(redis, from.prefix, derived));
  }, 60_000);
});
