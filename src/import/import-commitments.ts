import { WorkingCalendar } from '../calendar/working-days.js';
import { calendarDayIn } from '../dates/calendar-day.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import type { Deadline } from '../model/deadline.js';
import { holidayScopeText, scopeCovers, scopesOfAgency } from '../model/holiday.js';
import type { Recurrence } from '../model/recurrence.js';
import type { Clock } from '../ports/clock.js';
import type { Planner } from '../ports/planner.js';
import { ruleText } from '../recurrence/rule-text.js';
import { deadlineOn, startSeries } from '../recurrence/series.js';
import type { AgencyStore, CommitmentStore } from '../store/commitment-store.js';
import type { HolidayStore } from '../store/holiday-store.js';
import type { ImportCommitment, ImportFile, ImportHoliday } from './import-schema.js';

export interface ImportDeps {
  commitments: CommitmentStore;
  agencies: AgencyStore;
  holidays: HolidayStore;
  planner: Planner;
  clock: Clock;
}

export interface ImportSummary {
  agenciesAdded: number;
  agenciesUpdated: number;
  agenciesUnchanged: number;
  holidaysAdded: number;
  holidaysUpdated: number;
  commitmentsAdded: number;
  commitmentsAlreadyPresent: number;
}

/**
 * Loads a parsed import file: agencies, then holidays (so that the commitments' reminders avoid them),
 * then commitments. Each commitment's `ref` is its import key, so a second run adds nothing twice;
 * agencies keep the channels they were linked to in chat; a holiday already there takes the file's name.
 * `fileName` is kept as where the holidays came from.
 */
export async function importCommitments(
  file: ImportFile,
  deps: ImportDeps,
  options: { by: string; fileName: string },
): Promise<ImportSummary> {
  const { by } = options;
  const summary: ImportSummary = {
    agenciesAdded: 0,
    agenciesUpdated: 0,
    agenciesUnchanged: 0,
    holidaysAdded: 0,
    holidaysUpdated: 0,
    commitmentsAdded: 0,
    commitmentsAlreadyPresent: 0,
  };
  for (const record of file.agencies) {
    const existing = await deps.agencies.get(record.code);
    const agency: Agency = {
      ...record,
      channels: existing?.channels ?? [],
      digestCron: record.digestCron ?? existing?.digestCron,
      visibility: record.visibility ?? existing?.visibility,
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
  await importHolidays(file.holidays, deps, `imported from ${options.fileName}`, summary);
  const at = deps.clock.now().toISOString();
  const added: Commitment[] = [];
  for (const record of file.commitments) {
    if (await deps.commitments.findImported(record.ref)) {
      summary.commitmentsAlreadyPresent++;
      continue;
    }
    const closed = record.status === 'done' || record.status === 'cancelled';
    const series = await seriesOf(record, deps);
    const deadline = series?.deadline ?? record.deadline;
    const visibility =
      record.visibility ?? (await deps.agencies.get(record.owners[0]!))?.visibility ?? 'open';
    const stored = await deps.commitments.create(
      {
        title: record.title,
        owners: record.owners,
        deadline,
        recurrence: series?.recurrence,
        visibility,
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
          deadline: { after: deadline },
          ...(series ? { recurrence: { after: ruleText(series.recurrence.rule) } } : {}),
          ...(visibility === 'restricted' ? { visibility: { after: visibility } } : {}),
        },
        reason: `imported as ${record.ref}`,
      },
      record.ref,
    );
    summary.commitmentsAdded++;
    added.push(stored);
  }
  // Their reminders in bulk: a file of thousands is a few round trips of job creation, not thousands.
  await deps.planner.commitmentsChanged(added);
  return summary;
}

/**
 * A recurring row's series, as `add … every <rule>` starts it: from its `due:`, or from the rule's first
 * day still ahead in the lead agency's zone, moved off its non-working days.
 */
async function seriesOf(
  record: ImportCommitment,
  deps: ImportDeps,
): Promise<{ recurrence: Recurrence; deadline: Deadline } | undefined> {
  if (!record.every) return undefined;
  const lead = await deps.agencies.get(record.owners[0]!);
  if (!lead) throw new Error(`the lead agency ${record.owners[0]} of ${record.ref} is not in the store`);
  const calendar = new WorkingCalendar(lead.country, await deps.holidays.daysOf(scopesOfAgency(lead)));
  const today = calendarDayIn(lead.timeZone, deps.clock.now());
  const given = record.deadline && { deadline: record.deadline, leadTimeZone: lead.timeZone };
  const series = startSeries(record.every, given, today, calendar);
  const deadline = record.deadline ?? deadlineOn(series.first!.due, undefined, lead.timeZone);
  return { recurrence: series.recurrence, deadline };
}

async function importHolidays(
  holidays: readonly ImportHoliday[],
  deps: ImportDeps,
  source: string,
  summary: ImportSummary,
): Promise<void> {
  if (holidays.length === 0) return;
  const byScope = new Map<string, ImportHoliday[]>();
  for (const holiday of holidays) {
    const key = holidayScopeText(holiday.scope);
    byScope.set(key, [...(byScope.get(key) ?? []), holiday]);
  }
  for (const group of byScope.values()) {
    const days = group.map(({ date, name }) => ({ date, name, source }));
    const written = await deps.holidays.put(group[0]!.scope, days);
    summary.holidaysAdded += written.added;
    summary.holidaysUpdated += written.updated;
  }
  const scopes = holidays.map((holiday) => holiday.scope);
  const affected = (await deps.agencies.list()).filter((agency) =>
    scopes.some((scope) => scopeCovers(scope, agency)),
  );
  await deps.planner.holidaysChanged(affected);
}

function sameAgency(a: Agency, b: Agency): boolean {
  return (
    a.name === b.name &&
    a.country === b.country &&
    a.timeZone === b.timeZone &&
    a.digestCron === b.digestCron &&
    a.visibility === b.visibility
  );
}
