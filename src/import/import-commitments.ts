import type { Agency } from '../model/agency.js';
import type { Clock } from '../ports/clock.js';
import type { Planner } from '../ports/planner.js';
import type { AgencyStore, CommitmentStore } from '../store/commitment-store.js';
import type { ImportFile } from './import-schema.js';

export interface ImportDeps {
  commitments: CommitmentStore;
  agencies: AgencyStore;
  planner: Planner;
  clock: Clock;
}

export interface ImportSummary {
  agenciesAdded: number;
  agenciesUpdated: number;
  agenciesUnchanged: number;
  commitmentsAdded: number;
  commitmentsAlreadyPresent: number;
}

/**
 * Loads a parsed import file. Each commitment's `ref` is its import key, so a second run adds nothing
 * twice; agencies keep the channels they were linked to in chat.
 */
export async function importCommitments(
  file: ImportFile,
  deps: ImportDeps,
  by: string,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    agenciesAdded: 0,
    agenciesUpdated: 0,
    agenciesUnchanged: 0,
    commitmentsAdded: 0,
    commitmentsAlreadyPresent: 0,
  };
  for (const record of file.agencies) {
    const existing = await deps.agencies.get(record.code);
    const agency: Agency = {
      ...record,
      channels: existing?.channels ?? [],
      digestCron: record.digestCron ?? existing?.digestCron,
    };
    if (existing && sameAgency(existing, agency)) {
      summary.agenciesUnchanged++;
      continue;
    }
    await deps.agencies.put(agency);
    await deps.planner.agencyChanged(agency);
    if (existing) summary.agenciesUpdated++;
    else summary.agenciesAdded++;
  }
  const at = deps.clock.now().toISOString();
  for (const record of file.commitments) {
    if (await deps.commitments.findImported(record.ref)) {
      summary.commitmentsAlreadyPresent++;
      continue;
    }
    const closed = record.status === 'done' || record.status === 'cancelled';
    const stored = await deps.commitments.create(
      {
        title: record.title,
        owners: record.owners,
        deadline: record.deadline,
        area: record.area,
        source: record.source,
        status: record.status,
        notes: record.note ? [{ at, by, text: record.note }] : [],
        createdBy: by,
        createdAt: at,
        updatedBy: by,
        updatedAt: at,
        closedAt: closed ? at : undefined,
        closedBy: closed ? by : undefined,
      },
      {
        at,
        by,
        type: 'created',
        changes: {
          title: { after: record.title },
          owners: { after: record.owners },
          deadline: { after: record.deadline },
        },
        reason: `imported as ${record.ref}`,
      },
      record.ref,
    );
    summary.commitmentsAdded++;
    await deps.planner.commitmentChanged(stored);
  }
  return summary;
}

function sameAgency(a: Agency, b: Agency): boolean {
  return (
    a.name === b.name && a.country === b.country && a.timeZone === b.timeZone && a.digestCron === b.digestCron
  );
}
