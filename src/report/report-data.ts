import type { AgencyMove } from '../digest/deadline-moves.js';
import type { DigestData } from '../digest/digest-data.js';
import { digestWeek } from '../digest/digest-week.js';
import { readTrackRecord, recordWeeks } from '../digest/track-record.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import type { CommitmentStore } from '../store/commitment-store.js';

/** What a report covers: every agency and area unless narrowed. */
export interface ReportScope {
  agency?: string;
  area?: string;
}

/** One page of the report: an agency's or an area's figures, with the moves of its 12 weeks. */
export interface ReportSection {
  kind: 'agency' | 'area';
  title: string;
  subtitle?: string;
  data: DigestData;
  /** Deadline moves in the 12 weeks and this week so far, oldest first. */
  moves: AgencyMove[];
}

export interface ReportData {
  scope: ReportScope;
  now: Date;
  readerTimeZone: string;
  agencies: ReportSection[];
  areas: ReportSection[];
}

/**
 * Reads a stocktake: per agency in scope its open index and its 12-week indexes, and the deadline moves
 * of those weeks (one time-bounded range); never the whole store. Area pages are the agencies' items
 * regrouped, each commitment once.
 */
export async function collectReportData(
  store: CommitmentStore,
  agencies: readonly Agency[],
  now: Date,
  scope: ReportScope,
  readerTimeZone: string,
): Promise<ReportData> {
  const inScope = agencies.filter((agency) => !scope.agency || agency.code === scope.agency);
  const weeks = inScope.map((agency) => recordWeeks(now, agency.timeZone));
  const since = Math.min(now.getTime(), ...weeks.map((w) => w[0]!.start));
  const [moves, perAgency] = await Promise.all([
    store.deadlineMoves(since, now.getTime() + 1),
    Promise.all(
      inScope.map((agency) =>
        Promise.all([
          store.query({ kind: 'open-for-agency', agency: agency.code }),
          readTrackRecord(store, agency, now),
        ]),
      ),
    ),
  ]);
  const moved = new Map((await store.getMany([...new Set(moves.map((m) => m.id))])).map((c) => [c.id, c]));
  const keep = (c: Commitment) => !scope.area || c.area === scope.area;
  const sections = inScope.map((agency, i): ReportSection => {
    const [open, record] = perAgency[i]!;
    const movesOf = moves.flatMap((move) => {
      const commitment = moved.get(move.id);
      const at = Date.parse(move.at);
      return commitment &&
        keep(commitment) &&
        commitment.owners.includes(agency.code) &&
        at >= weeks[i]![0]!.start
        ? [{ move, commitment }]
        : [];
    });
    const data = sectionData(
      agency,
      now,
      open.filter(keep),
      { ...record, due: record.due.filter(keep), done: record.done.filter(keep) },
      movesOf,
    );
    return { kind: 'agency', title: agency.code, subtitle: agency.name, data, moves: movesOf };
  });
  return {
    scope,
    now,
    readerTimeZone,
    agencies: sections,
    areas: areaSections(sections, now, readerTimeZone),
  };
}

function sectionData(
  agency: Agency,
  now: Date,
  open: Commitment[],
  record: DigestData['record'],
  moves: AgencyMove[],
): DigestData {
  const week = digestWeek(now, agency.timeZone);
  const inLastWeek = (at: number) => at >= week.lastWeekStart && at < week.start;
  return {
    agency,
    week,
    open,
    closedLastWeek: record.done.filter((c) => inLastWeek(Date.parse(c.closedAt ?? ''))),
    movesLastWeek: moves.filter(({ move }) => inLastWeek(Date.parse(move.at))),
    record,
  };
}

/** The agencies' items regrouped by area, each commitment once however many agencies own it. */
function areaSections(agencies: ReportSection[], now: Date, readerTimeZone: string): ReportSection[] {
  const areaOf = (c: Commitment) => c.area ?? 'other';
  const all = agencies.flatMap((s) => [...s.data.open, ...s.data.record.due, ...s.data.record.done]);
  const areas = [...new Set(all.map(areaOf))].sort();
  const unique = <T>(items: T[], key: (item: T) => string) => [
    ...new Map(items.map((i) => [key(i), i])).values(),
  ];
  return areas.map((area) => {
    const pick = (items: Commitment[]) =>
      unique(
        items.filter((c) => areaOf(c) === area),
        (c) => c.id,
      );
    const moves = unique(
      agencies.flatMap((s) => s.moves).filter(({ commitment }) => areaOf(commitment) === area),
      ({ move }) => `${move.id}|${move.at}`,
    ).sort((a, b) => Date.parse(a.move.at) - Date.parse(b.move.at));
    const pseudo: Agency = { code: area, name: `Area: ${area}`, timeZone: readerTimeZone, channels: [] };
    const record = {
      weeks: recordWeeks(now, readerTimeZone),
      due: pick(agencies.flatMap((s) => s.data.record.due)),
      done: pick(agencies.flatMap((s) => s.data.record.done)),
    };
    const data = sectionData(pseudo, now, pick(agencies.flatMap((s) => s.data.open)), record, moves);
    return { kind: 'area', title: `Area: ${area}`, data, moves };
  });
}
