import { type CheckinStanding, latestStanding } from '../checkins/checkin-news.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import {
  type Audience,
  audienceForAgency,
  canSee,
  SEES_EVERYTHING,
  SEES_UNRESTRICTED,
} from '../model/visibility.js';
import type { CheckinStore } from '../store/checkin-store.js';
import { EVERY_AGENCY } from '../store/commitment-stats.js';
import type { CommitmentQuery, CommitmentStore, DeadlineMove } from '../store/commitment-store.js';
import { type DeadlineZones, pageDueWithinDays } from '../store/due-within-days.js';
import { type AgencyMove, movedCommitments, totalSlippage } from './deadline-moves.js';
import { type DigestWeek, digestWeek } from './digest-week.js';
import { type OnTimeRate, rateOf, readTrackRecord, recordWeeks, type TrackRecord } from './track-record.js';

/** "Due in the next 14 days" counts days as the "(in 14 days)" beside each item does. */
export const DUE_SOON_DAYS = 14;
/** Lines per group of a digest: the first, most urgent ones; the group's heading counts them all. */
export const DIGEST_GROUP_LINES = 25;

/** Some of a group's commitments, and how many it has in all. */
export interface Listed {
  items: Commitment[];
  total: number;
}

/** The first lines of each group a digest lists. */
export interface DigestLists {
  overdue: Listed;
  dueSoon: Listed;
  /** At risk or blocked. */
  attention: Listed;
  closedLastWeek: Listed;
}

/**
 * An agency's week in counts (every agency's, for the scoreboard's totals), read from indexes and week
 * counts: what it costs does not grow with the number of commitments stored, nor with how many closed.
 * Only last week's deadline moves are read one by one, as the digest shows each of them.
 */
export interface DigestData {
  agency: Agency;
  week: DigestWeek;
  open: number;
  dueThisWeek: number;
  overdue: number;
  /** Open and marked at risk or blocked. */
  atRisk: number;
  closedLastWeek: number;
  /** Deadline moves of its commitments made last week, oldest first: the digest runs early in the week. */
  movesLastWeek: AgencyMove[];
  /** Its 12 weeks' on-time rate, and for its own digest (not the scoreboard) the weeks' tallies. */
  record: Pick<TrackRecord, 'onTime'> & Partial<TrackRecord>;
  /** For its own digest: the first lines of each group. */
  lists?: DigestLists;
  /** Its latest weekly check-in and how many of those it asked about have had no news since. */
  checkin?: CheckinStanding;
}

export interface DigestFigures {
  open: number;
  dueThisWeek: number;
  overdue: number;
  atRisk: number;
  closedLastWeek: number;
  /** Closed on or before the deadline, of those with one closed in the last 12 weeks. */
  onTime: OnTimeRate;
  deadlinesMovedLastWeek: number;
  /** Net days last week's moves pushed deadlines out. */
  slippageDaysLastWeek: number;
}

/**
 * One agency's digest as the audience may see it: its counts, its track record, last week's moves, the
 * first lines of each group and, given the check-ins, its latest check-in. It holds the agency's
 * restricted commitments only for an audience that sees all of them (`audienceForAgency`).
 */
export async function collectDigestData(
  store: CommitmentStore,
  agency: Agency,
  now: Date,
  zones: DeadlineZones,
  audience: Audience,
  checkins?: CheckinStore,
): Promise<DigestData> {
  const t = now.getTime();
  const week = digestWeek(now, agency.timeZone);
  const code = agency.code;
  const seen = audienceForAgency(audience, code);
  const lines = { offset: 0, limit: DIGEST_GROUP_LINES };
  const [[figures], record, dueSoon, [overdue, attention, closed], checkin] = await Promise.all([
    weekCounts(store, [agency], now, [seen]),
    readTrackRecord(store, agency, now, seen),
    pageDueWithinDays(
      store,
      { kind: 'open-for-agency', agency: code },
      DUE_SOON_DAYS,
      now,
      zones,
      lines,
      seen,
    ),
    store.pages(
      [
        { query: { kind: 'open-for-agency', agency: code, due: { before: t } }, window: lines },
        { query: { kind: 'attention-for-agency', agency: code }, window: lines },
        {
          query: { kind: 'done-for-agency', agency: code, from: week.lastWeekStart, until: week.start },
          window: lines,
        },
      ],
      seen,
    ),
    checkins ? latestStanding(checkins, store, code, t, seen) : undefined,
  ]);
  const movesLastWeek = (await movesOf(store, [agency], [week], [seen]))[0]!;
  return {
    ...figures!,
    movesLastWeek,
    record,
    ...(checkin ? { checkin } : {}),
    lists: {
      overdue: listed(overdue!),
      dueSoon: listed(dueSoon),
      attention: listed(attention!),
      closedLastWeek: listed(closed!),
    },
  };
}

/**
 * The coordination scoreboard: every agency's counts, and every agency's together, each commitment
 * counted once however many agencies own it, in the coordination unit's zone: a few counts per agency,
 * and last week's moves read once. An agency's line counts its restricted commitments where the audience
 * sees all of them; the totals only for an audience that sees everything.
 */
export async function collectScoreboardData(
  store: CommitmentStore,
  agencies: readonly Agency[],
  now: Date,
  trackerTimeZone: string,
  audience: Audience,
): Promise<{ agencies: DigestData[]; totals: DigestData }> {
  const everyone: Agency = {
    code: EVERY_AGENCY,
    name: 'All agencies',
    timeZone: trackerTimeZone,
    channels: [],
  };
  const all = [...agencies, everyone];
  const seen = [
    ...agencies.map((agency) => audienceForAgency(audience, agency.code)),
    audience.all ? SEES_EVERYTHING : SEES_UNRESTRICTED,
  ];
  const weeks = all.map((agency) => digestWeek(now, agency.timeZone));
  const [counts, moves] = await Promise.all([
    weekCounts(store, all, now, seen),
    movesOf(store, all, weeks, seen),
  ]);
  const data = all.map((_, i) => ({ ...counts[i]!, movesLastWeek: moves[i]! }));
  return { agencies: data.slice(0, -1), totals: data.at(-1)! };
}

export function digestFigures(data: DigestData, timeZoneOf: (code: string) => string): DigestFigures {
  const moved = movedCommitments(data.movesLastWeek, timeZoneOf);
  return {
    open: data.open,
    dueThisWeek: data.dueThisWeek,
    overdue: data.overdue,
    atRisk: data.atRisk,
    closedLastWeek: data.closedLastWeek,
    onTime: data.record.onTime,
    deadlinesMovedLastWeek: moved.length,
    slippageDaysLastWeek: totalSlippage(moved),
  };
}

/** A digest with nothing open, nothing closed and nothing moved is not worth a post. */
export function hasNothingToReport(data: DigestData): boolean {
  return data.open === 0 && data.closedLastWeek === 0 && data.movesLastWeek.length === 0;
}

/**
 * The figures of each agency (`*`: every agency together, from the tracker-wide indexes) as counts, each
 * as its audience sees it: a few counts and one read of week counts each, two round trips per audience.
 */
async function weekCounts(
  store: CommitmentStore,
  agencies: readonly Agency[],
  now: Date,
  audiences: readonly Audience[],
): Promise<Omit<DigestData, 'movesLastWeek'>[]> {
  const t = now.getTime();
  const weeks = agencies.map((agency) => digestWeek(now, agency.timeZone));
  // Per agency: open, due this week, overdue, closed last week, then at risk or blocked (one count for
  // an agency's own index of them; two for every agency's, one per status).
  const perAgency: CommitmentQuery[][] = agencies.map((agency, i) => {
    const { end, lastWeekStart, start } = weeks[i]!;
    if (agency.code === EVERY_AGENCY) {
      return [
        { kind: 'open' },
        { kind: 'open', due: { from: t, before: end } },
        { kind: 'open', due: { before: t } },
        { kind: 'done-between', from: lastWeekStart, until: start },
        { kind: 'status', status: 'at-risk' },
        { kind: 'status', status: 'blocked' },
      ];
    }
    const code = agency.code;
    return [
      { kind: 'open-for-agency', agency: code },
      { kind: 'open-for-agency', agency: code, due: { from: t, before: end } },
      { kind: 'open-for-agency', agency: code, due: { before: t } },
      { kind: 'done-for-agency', agency: code, from: lastWeekStart, until: start },
      { kind: 'attention-for-agency', agency: code },
    ];
  });
  const read = await Promise.all(
    [...byAudience(audiences)].map(async ([audience, indexes]) => {
      const [counts, closed] = await Promise.all([
        store.counts(
          indexes.flatMap((i) => perAgency[i]!),
          audience,
        ),
        store.closedCounts(
          indexes.map((i) => ({
            agency: agencies[i]!.code,
            weeks: recordWeeks(now, agencies[i]!.timeZone).map((week) => week.key),
          })),
          audience,
        ),
      ]);
      let at = 0;
      return indexes.map((i, n) => {
        const mine = counts.slice(at, at + perAgency[i]!.length);
        at += perAgency[i]!.length;
        return { i, mine, closed: closed[n]! };
      });
    }),
  );
  const byAgency = new Map(read.flat().map((entry) => [entry.i, entry]));
  return agencies.map((agency, i) => {
    const { mine, closed } = byAgency.get(i)!;
    const [open, dueThisWeek, overdue, closedLastWeek, ...atRisk] = mine as [number, ...number[]];
    const { dated, late } = closed;
    return {
      agency,
      week: weeks[i]!,
      open,
      dueThisWeek: dueThisWeek!,
      overdue: overdue!,
      atRisk: atRisk.reduce((sum, n) => sum + n, 0),
      closedLastWeek: closedLastWeek!,
      record: { onTime: rateOf(dated, dated - late) },
    };
  });
}

/**
 * Last week's deadline moves of each agency's commitments, in its own week, read once for them all: a
 * week's moves, with the commitments they moved as they are now (for their lines and lead zones), those
 * its audience may see.
 */
async function movesOf(
  store: CommitmentStore,
  agencies: readonly Agency[],
  weeks: readonly DigestWeek[],
  audiences: readonly Audience[],
): Promise<AgencyMove[][]> {
  const from = Math.min(...weeks.map((week) => week.lastWeekStart));
  const until = Math.max(...weeks.map((week) => week.start));
  const moves = await store.deadlineMoves(from, until);
  const moved = new Map((await store.getMany([...new Set(moves.map((m) => m.id))])).map((c) => [c.id, c]));
  return agencies.map((agency, i) => {
    const week = weeks[i]!;
    return moves.flatMap((move: DeadlineMove) => {
      const at = Date.parse(move.at);
      const commitment = moved.get(move.id);
      const owners = move.owners ?? commitment?.owners ?? [];
      const mine = agency.code === EVERY_AGENCY || owners.includes(agency.code);
      const shown = commitment && mine && canSee(audiences[i]!, commitment);
      return shown && at >= week.lastWeekStart && at < week.start ? [{ move, commitment }] : [];
    });
  });
}

/** The agencies' places in the list, grouped by the audience each is read for (by value). */
function byAudience(audiences: readonly Audience[]): Map<Audience, number[]> {
  const groups = new Map<string, [Audience, number[]]>();
  audiences.forEach((audience, i) => {
    const key = JSON.stringify(audience);
    const group = groups.get(key) ?? [audience, []];
    group[1].push(i);
    groups.set(key, group);
  });
  return new Map(groups.values());
}

function listed(page: { items: Commitment[]; total: number | undefined }): Listed {
  return { items: page.items, total: page.total ?? page.items.length };
}
