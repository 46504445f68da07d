import { type CheckinStanding, latestStanding } from '../checkins/checkin-news.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import type { CheckinStore } from '../store/checkin-store.js';
import type { CommitmentStore } from '../store/commitment-store.js';
import { type AgencyMove, movedCommitments, totalSlippage } from './deadline-moves.js';
import { type DigestWeek, digestWeek } from './digest-week.js';
import { type OnTimeRate, onTimeRate, readTrackRecord, type TrackRecord } from './track-record.js';

export interface DigestData {
  agency: Agency;
  week: DigestWeek;
  open: Commitment[];
  closedLastWeek: Commitment[];
  /** Deadline moves of its commitments made last week, oldest first: the digest runs early in the week. */
  movesLastWeek: AgencyMove[];
  /** Its last 12 full weeks: what fell due and what was closed, for the on-time rate and the chart. */
  record: TrackRecord;
  /** Its latest weekly check-in and how many of those it asked about have had no news since. */
  checkin?: CheckinStanding;
}

export interface DigestFigures {
  open: number;
  dueThisWeek: number;
  overdue: number;
  /** Open and marked at risk or blocked. */
  atRisk: number;
  closedLastWeek: number;
  /** Closed on or before the deadline, of those with one closed in the last 12 weeks. */
  onTime: OnTimeRate;
  deadlinesMovedLastWeek: number;
  /** Net days last week's moves pushed deadlines out. */
  slippageDaysLastWeek: number;
}

/**
 * Reads what the digests of these agencies need: per agency its open index and two ranges of its
 * 12-week indexes, plus last week's deadline moves and, given the check-ins, its latest check-in; never
 * the whole store.
 */
export async function collectDigestData(
  store: CommitmentStore,
  agencies: readonly Agency[],
  now: Date,
  checkins?: CheckinStore,
): Promise<DigestData[]> {
  const weeks = agencies.map((agency) => digestWeek(now, agency.timeZone));
  const earliest = Math.min(...weeks.map((week) => week.lastWeekStart), now.getTime());
  const [moves, perAgency] = await Promise.all([
    store.deadlineMoves(earliest, now.getTime()),
    Promise.all(
      agencies.map((agency) =>
        Promise.all([
          store.query({ kind: 'open-for-agency', agency: agency.code }),
          readTrackRecord(store, agency, now),
        ]),
      ),
    ),
  ]);
  const moved = new Map(
    (await store.getMany([...new Set(moves.map((move) => move.id))])).map((c) => [c.id, c]),
  );
  const standings = checkins
    ? await Promise.all(agencies.map((a) => latestStanding(checkins, store, a.code, now.getTime())))
    : [];
  return agencies.map((agency, index) => {
    const week = weeks[index]!;
    const [open, record] = perAgency[index]!;
    const closedLastWeek = record.done.filter((c) => {
      const closedAt = c.closedAt ? Date.parse(c.closedAt) : Number.NaN;
      return closedAt >= week.lastWeekStart && closedAt < week.start;
    });
    const movesLastWeek = moves.flatMap((move) => {
      const at = Date.parse(move.at);
      const commitment = moved.get(move.id);
      return at >= week.lastWeekStart && at < week.start && commitment?.owners.includes(agency.code)
        ? [{ move, commitment }]
        : [];
    });
    const checkin = standings[index];
    return { agency, week, open, closedLastWeek, movesLastWeek, record, ...(checkin ? { checkin } : {}) };
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
  const moved = movedCommitments(data.movesLastWeek, timeZoneOf);
  return {
    open: data.open.length,
    dueThisWeek: data.open.filter((c) => due(c) >= t && due(c) < data.week.end).length,
    overdue: data.open.filter((c) => due(c) < t).length,
    atRisk: data.open.filter((c) => c.status === 'at-risk' || c.status === 'blocked').length,
    closedLastWeek: data.closedLastWeek.length,
    onTime: onTimeRate(data.record, timeZoneOf),
    deadlinesMovedLastWeek: moved.length,
    slippageDaysLastWeek: totalSlippage(moved),
  };
}

/** A digest with nothing open, nothing closed and nothing moved is not worth a post. */
export function hasNothingToReport(data: DigestData): boolean {
  return data.open.length === 0 && data.closedLastWeek.length === 0 && data.movesLastWeek.length === 0;
}
