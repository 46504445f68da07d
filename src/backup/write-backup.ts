import { once } from 'node:events';
import type { Clock } from '../ports/clock.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, END_KIND } from './backup-format.js';
import type { BackupSection } from './backup-section.js';

/**
 * Writes every section's records to `out` as JSON Lines, a page at a time as each section reads them,
 * waiting for `out` to drain when it is behind: memory holds one page, whatever the size of the store.
 * Returns the number of records by kind.
 */
export async function writeBackup(
  sections: readonly BackupSection[],
  out: NodeJS.WritableStream,
  clock: Clock,
): Promise<Record<string, number>> {
  const send = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: clock.now().toISOString(),
    sections: sections.map((section) => section.name),
  };
  await send(`${JSON.stringify(header)}\n`);
  const counts: Record<string, number> = {};
  let records = 0;
  for (const section of sections) {
    for await (const page of section.read()) {
      for (const record of page) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
      records += page.length;
      await send(page.map((record) => `${JSON.stringify(record)}\n`).join(''));
    }
  }
  await send(`${JSON.stringify({ kind: END_KIND, records })}\n`);
  return counts;
}
