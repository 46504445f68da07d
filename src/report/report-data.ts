import { type AgencyMove, movedCommitments, totalSlippage } from '../digest/deadline-moves.js';
import type { DigestFigures } from '../digest/digest-data.js';
import { type DigestWeek, digestWeek } from '../digest/digest-week.js';
import { type RecordWeek, recordWeeks, type TrackRecord, trackRecordOf } from '../digest/track-record.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import { type Audience, audienceForAgency, canSee } from '../model/visibility.js';
import type { CommitmentQuery, CommitmentStore } from '../store/commitment-store.js';
import { eachPage } from '../store/each-page.js';

/** What a report covers: every agency and area unless narrowed. */
export interface ReportScope {
  agency?: string;
  area?: string;
}

/** An agency's or an area's commitments as the report lists them, whole. */
export interface SectionData {
  agency: Agency;
  week: DigestWeek;
  open: Commitment[];
  closedLastWeek: Commitment[];
  movesLastWeek: AgencyMove[];
  /** Fell due in the 12 weeks (cancelled ones left out), and closed as done in them. */
  due: Commitment[];
  done: Commitment[];
  record: TrackRecord;
}

/** One page of the report: an agency's or an area's figures, with the moves of its 12 weeks. */
export interface ReportSection {
  kind: 'agency' | 'area';
  title: string;
  subtitle?: string;
  data: SectionData;
  /** Deadline moves in the 12 weeks and this week so far, oldest first. */
  moves: AgencyMove[];
}

export interface ReportData {
  scope: ReportScope;
  now: Date;
  readerTimeZone: string;
  agencies: ReportSection[];
  areas: ReportSection[];
  /** The agencies whose restricted commitments it holds, or `all`. */
  restrictedOf: readonly string[] | 'all';
}

/**
 * Reads a stocktake: per agency in scope its open commitments and those of its 12 weeks, and the deadline
 * moves of those weeks. A report lists every one of them, so it reads them all, a page at a time from the
 * agency's indexes; nothing outside its scope. An agency's restricted commitments are in it only for an
 * audience that sees all of them (`audienceForAgency`).
 */
export async function collectReportData(
  store: CommitmentStore,
  agencies: readonly Agency[],
  now: Date,
  scope: ReportScope,
  readerTimeZone: string,
  timeZoneOf: (code: string) => string,
  audience: Audience,
): Promise<ReportData> {
  const inScope = agencies.filter((agency) => !scope.agency || agency.code === scope.agency);
  const weeks = inScope.map((agency) => recordWeeks(now, agency.timeZone));
  const seen = inScope.map((agency) => audienceForAgency(audience, agency.code));
  const since = Math.min(now.getTime(), ...weeks.map((w) => w[0]!.start));
  const read = async (query: CommitmentQuery, seenBy: Audience) => {
    const all: Commitment[] = [];
    for await (const page of eachPage(store, query, { audience: seenBy })) all.push(...page);
    return all;
  };
  const [moves, perAgency] = await Promise.all([
    store.deadlineMoves(since, now.getTime() + 1),
    Promise.all(
      inScope.map((agency, i) => {
        const from = weeks[i]![0]!.start;
        const until = weeks[i]!.at(-1)!.end;
        return Promise.all([
          read({ kind: 'open-for-agency', agency: agency.code }, seen[i]!),
          read({ kind: 'due-for-agency', agency: agency.code, from, until }, seen[i]!),
          read({ kind: 'done-for-agency', agency: agency.code, from, until }, seen[i]!),
        ]);
      }),
    ),
  ]);
  const moved = new Map((await store.getMany([...new Set(moves.map((m) => m.id))])).map((c) => [c.id, c]));
  const keep = (c: Commitment) => !scope.area || c.area === scope.area;
  const sections = inScope.map((agency, i): ReportSection => {
    const [open, due, done] = perAgency[i]!;
    const movesOf = moves.flatMap((move) => {
      const commitment = moved.get(move.id);
      const at = Date.parse(move.at);
      return commitment &&
        keep(commitment) &&
        commitment.owners.includes(agency.code) &&
        canSee(seen[i]!, commitment) &&
        at >= weeks[i]![0]!.start
        ? [{ move, commitment }]
        : [];
    });
    const data = sectionData(
      agency,
      now,
      weeks[i]!,
      { open: open.filter(keep), due: due.filter(keep), done: done.filter(keep) },
      movesOf,
      timeZoneOf,
    );
    return { kind: 'agency', title: agency.code, subtitle: agency.name, data, moves: movesOf };
  });
  return {
    scope,
    now,
    readerTimeZone,
    agencies: sections,
    areas: areaSections(sections, now, readerTimeZone, timeZoneOf),
    restrictedOf: audience.all
      ? 'all'
      : inScope.filter((_, i) => seen[i]!.agencies?.length).map((a) => a.code),
  };
}

/** A section's figures, counted from its lists. */
export function sectionFigures(
  data: SectionData,
  now: Date,
  timeZoneOf: (code: string) => string,
): DigestFigures {
  const due = (c: Commitment) =>
    c.deadline ? dueInstant(c.deadline, timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
  const t = now.getTime();
  const moved = movedCommitments(data.movesLastWeek, timeZoneOf);
  return {
    open: data.open.length,
    dueThisWeek: data.open.filter((c) => due(c) >= t && due(c) < data.week.end).length,
    overdue: data.open.filter((c) => due(c) < t).length,
    atRisk: data.open.filter((c) => c.status === 'at-risk' || c.status === 'blocked').length,
    closedLastWeek: data.closedLastWeek.length,
    onTime: data.record.onTime,
    deadlinesMovedLastWeek: moved.length,
    slippageDaysLastWeek: totalSlippage(moved),
  };
}

function sectionData(
  agency: Agency,
  now: Date,
  weeks: RecordWeek[],
  lists: { open: Commitment[]; due: Commitment[]; done: Commitment[] },
  moves: AgencyMove[],
  timeZoneOf: (code: string) => string,
): SectionData {
  const week = digestWeek(now, agency.timeZone);
  const inLastWeek = (at: number) => at >= week.lastWeekStart && at < week.start;
  return {
    agency,
    week,
    ...lists,
    closedLastWeek: lists.done.filter((c) => inLastWeek(Date.parse(c.closedAt ?? ''))),
    movesLastWeek: moves.filter(({ move }) => inLastWeek(Date.parse(move.at))),
    record: trackRecordOf(weeks, lists.due, lists.done, timeZoneOf),
  };
}

/** The agencies' items regrouped by area, each commitment once however many agencies own it. */
function areaSections(
  agencies: ReportSection[],
  now: Date,
  readerTimeZone: string,
  timeZoneOf: (code: string) => string,
): ReportSection[] {
  const areaOf = (c: Commitment) => c.area ?? 'other';
  const all = agencies.flatMap((s) => [...s.data.open, ...s.data.due, ...s.data.done]);
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
    const lists = {
      open: pick(agencies.flatMap((s) => s.data.open)),
      due: pick(agencies.flatMap((s) => s.data.due)),
      done: pick(agencies.flatMap((s) => s.data.done)),
    };
    const data = sectionData(pseudo, now, recordWeeks(now, readerTimeZone), lists, moves, timeZoneOf);
    return { kind: 'area', title: `Area: ${area}`, data, moves };
  });
}
