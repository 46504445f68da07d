import { tzOffset } from '@date-fns/tz';
import { dueWithinDays } from '../dates/time-display.js';
import { type Commitment, leadAgency } from '../model/commitment.js';
import type { Audience } from '../model/visibility.js';
import type { CommitmentStore, DueRange, Page, Window } from './commitment-store.js';

const DAY_MS = 86_400_000;
/** More than any clock change moves a midnight (an hour; Lord Howe Island's half hour). */
const EDGE_MS = 2 * 60 * 60 * 1000;
/** The most items of the hours around the end read in a week with a clock change. */
const EDGE_LIMIT = 2000;

/** The zones deadlines are read in. */
export interface DeadlineZones {
  timeZoneOf(agencyCode: string): string;
  /** Every zone a lead agency may have: each agency's, and the one for unknown codes. */
  zones(): readonly string[];
}

export type OpenQuery = { kind: 'open' } | { kind: 'open-for-agency'; agency: string };

/**
 * "Due within `days` days" as the "(in N days)" beside each item counts it (`dueWithinDays`), where a
 * day is the lead agency's and ends at its midnight. While no zone in use changes its clocks, every
 * such day ends before now + days + 1 whole days and the day after it ends at or after, so the due range
 * `[now, now + days + 1 days)` is exact. When one does change them in between, the two hours either side
 * of that end go to `edge`, to be checked item by item.
 */
export function dueWithinDaysRange(
  now: Date,
  days: number,
  zones: readonly string[],
): { due: DueRange; edge?: DueRange } {
  const t = now.getTime();
  const end = t + (days + 1) * DAY_MS;
  const after = new Date(end + EDGE_MS);
  // One comparison suffices: no zone changes its clocks twice within a few weeks.
  if (zones.every((zone) => tzOffset(zone, now) === tzOffset(zone, after))) {
    return { due: { from: t, before: end } };
  }
  return { due: { from: t, before: end - EDGE_MS }, edge: { from: end - EDGE_MS, before: end + EDGE_MS } };
}

/** One window of the open items of `query` due within `days` days (see `dueWithinDaysRange`). */
export async function pageDueWithinDays(
  store: CommitmentStore,
  query: OpenQuery,
  days: number,
  now: Date,
  zones: DeadlineZones,
  window: Window,
  audience: Audience,
): Promise<Page<Commitment>> {
  const { due, edge } = dueWithinDaysRange(now, days, zones.zones());
  const steady = { ...query, due };
  if (!edge) return store.page(steady, window, audience);
  const [[head], edgePage] = await Promise.all([
    store.counts([steady], audience),
    store.page({ ...query, due: edge }, { offset: 0, limit: EDGE_LIMIT }, audience),
  ]);
  const inEdge = edgePage.items.filter(
    (c) => c.deadline && dueWithinDays(c.deadline, zones.timeZoneOf(leadAgency(c)), now, days),
  );
  const total = head! + inEdge.length;
  const fromHead =
    window.offset < head!
      ? (
          await store.page(
            steady,
            { offset: window.offset, limit: Math.min(window.limit, head! - window.offset) },
            audience,
          )
        ).items
      : [];
  const edgeFrom = Math.max(0, window.offset - head!);
  const fromEdge = inEdge.slice(edgeFrom, edgeFrom + window.limit - fromHead.length);
  const items = [...fromHead, ...fromEdge];
  return { items, total, more: window.offset + items.length < total };
}
