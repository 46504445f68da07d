import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import type { CommitmentStore } from '../store/commitment-store.js';
import { type DigestWeek, digestWeek } from './digest-week.js';

export interface DigestData {
  agency: Agency;
  week: DigestWeek;
  open: Commitment[];
  closedLastWeek: Commitment[];
  /** Commitments whose deadline moved last week: the digest runs early in the week, so this week has barely begun. */
  deadlinesMovedLastWeek: number;
}

export interface DigestFigures {
  open: number;
  dueThisWeek: number;
  overdue: number;
  closedLastWeek: number;
  /** Share of last week's closures that met their deadline, 0..1; undefined when nothing closed. */
  onTimeRate?: number;
  deadlinesMovedLastWeek: number;
}

/** Reads what the digests of these agencies need, in a fixed number of store calls per agency. */
export async function collectDigestData(
  store: CommitmentStore,
  agencies: readonly Agency[],
  now: Date,
): Promise<DigestData[]> {
  const weeks = agencies.map((agency) => digestWeek(now, agency.timeZone));
  const earliest = Math.min(...weeks.map((week) => week.lastWeekStart), now.getTime());
  const [done, moves, openByAgency] = await Promise.all([
    store.query({ kind: 'status', status: 'done' }),
    store.deadlineMoves(earliest, now.getTime()),
    Promise.all(agencies.map((agency) => store.query({ kind: 'open-for-agency', agency: agency.code }))),
  ]);
  const movedCommitments = await store.getMany([...new Set(moves.map((move) => move.id))]);
  const ownersOf = new Map(movedCommitments.map((c) => [c.id, c.owners]));
  return agencies.map((agency, index) => {
    const week = weeks[index]!;
    const closedLastWeek = done.filter((c) => {
      const closedAt = c.closedAt ? Date.parse(c.closedAt) : Number.NaN;
      return c.owners.includes(agency.code) && closedAt >= week.lastWeekStart && closedAt < week.start;
    });
    const moved = new Set(
      moves
        .filter((move) => {
          const at = Date.parse(move.at);
          return at >= week.lastWeekStart && at < week.start && ownersOf.get(move.id)?.includes(agency.code);
        })
        .map((move) => move.id),
    );
    return { agency, week, open: openByAgency[index]!, closedLastWeek, deadlinesMovedLastWeek: moved.size };
  });
}

export function digestFigures(
  data: DigestData,
  now: Date,
  timeZoneOf: (code: string) => string,
): DigestFigures {
  const due = (c: Commitment) =>
    c.deadline ? dueInstant(c.deadline, timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
  const t = now.getTime();
  const onTime = data.closedLastWeek.filter((c) => c.closedAt && Date.parse(c.closedAt) <= due(c)).length;
  return {
    open: data.open.length,
    dueThisWeek: data.open.filter((c) => due(c) >= t && due(c) < data.week.end).length,
    overdue: data.open.filter((c) => due(c) < t).length,
    closedLastWeek: data.closedLastWeek.length,
    onTimeRate: data.closedLastWeek.length > 0 ? onTime / data.closedLastWeek.length : undefined,
    deadlinesMovedLastWeek: data.deadlinesMovedLastWeek,
  };
}

/** A digest with nothing open, nothing closed and nothing moved is not worth a post. */
export function hasNothingToReport(data: DigestData): boolean {
  return data.open.length === 0 && data.closedLastWeek.length === 0 && data.deadlinesMovedLastWeek === 0;
}
