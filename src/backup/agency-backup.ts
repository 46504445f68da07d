import { z } from 'zod';
import type { Agency } from '../model/agency.js';
import type { AgencyStore } from '../store/commitment-store.js';
import { type BackupSection, backupSection } from './backup-section.js';
import { agencySchema } from './model-schemas.js';

const agencyRecord = z.strictObject({ kind: z.literal('agency'), agency: agencySchema });

/**
 * `{"kind":"agency","agency":{…}}`: each agency whole (code, name, country, zone, digest schedule, any
 * field added later) with its linked channels in the order they were linked. Written back through the
 * store's `put`, which links a new agency's channels with it.
 */
export function agencyBackup(agencies: AgencyStore): BackupSection {
  return backupSection({
    name: 'agencies',
    kinds: ['agency'],
    schema: agencyRecord,
    isEmpty: async () => (await agencies.list()).length === 0,
    async *read() {
      const all = await agencies.list();
      if (all.length > 0) yield all.map((agency) => ({ kind: 'agency', agency }));
    },
    checker() {
      const seen = new Set<string>();
      return ({ agency }) => {
        if (seen.has(agency.code)) return `agency ${agency.code} is given twice`;
        seen.add(agency.code);
        return undefined;
      };
    },
    async write(records) {
      for (const { agency } of records) await agencies.put(agency as Agency);
      // Read back at once: the commitments that follow are indexed by these agencies' zones.
      await agencies.snapshot();
    },
  });
}
