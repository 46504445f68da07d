import { TZDate } from '@date-fns/tz';
import { addWeeks, format } from 'date-fns';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import type { Audience } from '../model/visibility.js';
import type { CommitmentQuery, CommitmentStore } from '../store/commitment-store.js';
import { digestWeek } from './digest-week.js';

/** How far back the on-time rate and the weekly chart look: a quarter, long enough to mean something. */
export const TRACK_RECORD_WEEKS = 12;

export interface RecordWeek {
  /** `2026-W48`, as the digest names weeks. */
  key: string;
  /** `23 Nov`: the Monday the week starts on, in the agency's zone. */
  label: string;
  start: number;
  end: number;
}

export interface WeekTally {
  week: RecordWeek;
  due: number;
  closed: number;
}

/** Of the commitments with a deadline closed as done in the window, how many were closed by it. */
export interface OnTimeRate {
  closed: number;
  onTime: number;
  /** 0..1; undefined when nothing with a deadline was closed, so there is no rate to give. */
  rate?: number;
}

/**
 * An agency's last 12 full ISO weeks (in its zone, the current week left out because it has barely
 * begun when the digest runs): per week what fell due and what was closed as done, and its on-time rate.
 */
export interface TrackRecord {
  weeks: RecordWeek[];
  tallies: WeekTally[];
  /** Closed as done in the 12 weeks. */
  closed: number;
  onTime: OnTimeRate;
}

/** Each zone's 12 weeks, by the start of the week they lead up to: every digest of a run asks for them. */
const remembered = new Map<string, RecordWeek[]>();

/** The 12 full weeks before the one `now` falls in, oldest first, read in the zone. */
export function recordWeeks(now: Date, timeZone: string): RecordWeek[] {
  const start = digestWeek(now, timeZone).start;
  const key = `${start}|${timeZone}`;
  const known = remembered.get(key);
  if (known) return known;
  const weeks = weeksBefore(start, timeZone);
  if (remembered.size >= 1_000) remembered.clear();
  remembered.set(key, weeks);
  return weeks;
}

function weeksBefore(start: number, timeZone: string): RecordWeek[] {
  const thisWeek = new TZDate(start, timeZone);
  return Array.from({ length: TRACK_RECORD_WEEKS }, (_, i) => {
    const start = addWeeks(thisWeek, i - TRACK_RECORD_WEEKS);
    return {
      key: digestWeek(start, timeZone).key,
      label: format(start, 'd MMM'),
      start: start.getTime(),
      end: addWeeks(start, 1).getTime(),
    };
  });
}

/**
 * An agency's track record from counts alone: per week, what fell due and what closed, from its
 * indexes; its on-time rate from the week counts kept as commitments close. One round trip, whatever
 * the number of commitments or how many closed. The audience sees all of the agency's restricted
 * commitments or none (`audienceForAgency`).
 */
export async function readTrackRecord(
  store: CommitmentStore,
  agency: Agency,
  now: Date,
  audience: Audience,
): Promise<TrackRecord> {
  const weeks = recordWeeks(now, agency.timeZone);
  const code = agency.code;
  const queries: CommitmentQuery[] = weeks.flatMap((week) => [
    { kind: 'due-for-agency', agency: code, from: week.start, until: week.end },
    { kind: 'done-for-agency', agency: code, from: week.start, until: week.end },
  ]);
  const [counts, [closedCounts]] = await Promise.all([
    store.counts(queries, audience),
    store.closedCounts([{ agency: code, weeks: weeks.map((week) => week.key) }], audience),
  ]);
  const tallies = weeks.map((week, i) => ({ week, due: counts[2 * i]!, closed: counts[2 * i + 1]! }));
  return {
    weeks,
    tallies,
    closed: tallies.reduce((sum, tally) => sum + tally.closed, 0),
    onTime: rateOf(closedCounts!.dated, closedCounts!.dated - closedCounts!.late),
  };
}

/**
 * A track record worked out from the commitments themselves: for the stocktake report, which lists
 * them anyway. `due` is what fell due in the weeks (cancelled ones left out), `done` what closed as done.
 */
export function trackRecordOf(
  weeks: RecordWeek[],
  due: readonly Commitment[],
  done: readonly Commitment[],
  timeZoneOf: (code: string) => string,
): TrackRecord {
  const tallies = weeks.map((week) => ({
    week,
    due: due.filter((c) => within(dueOf(c, timeZoneOf), week)).length,
    closed: done.filter((c) => within(closedAtOf(c), week)).length,
  }));
  const dated = done.filter((c) => c.deadline);
  const onTime = dated.filter((c) => closedAtOf(c) <= dueOf(c, timeZoneOf)).length;
  return { weeks, tallies, closed: done.length, onTime: rateOf(dated.length, onTime) };
}

export function rateOf(closed: number, onTime: number): OnTimeRate {
  return { closed, onTime, rate: closed > 0 ? onTime / closed : undefined };
}

/** `75%`, or `none yet` when there is no rate. */
export function percentText(rate: OnTimeRate): string {
  return rate.rate === undefined ? 'none yet' : `${Math.round(rate.rate * 100)}%`;
}

/** What the rate is, in words, so that nobody has to guess what it counts. */
export function onTimeExplanation(rate: OnTimeRate): string {
  if (rate.rate === undefined)
    return `nothing with a deadline was closed in the last ${TRACK_RECORD_WEEKS} weeks`;
  return `${rate.onTime} of ${rate.closed} closed on or before the deadline in the last ${TRACK_RECORD_WEEKS} weeks`;
}

function within(at: number, week: RecordWeek): boolean {
  return at >= week.start && at < week.end;
}

function dueOf(c: Commitment, timeZoneOf: (code: string) => string): number {
  return c.deadline ? dueInstant(c.deadline, timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
}

function closedAtOf(c: Commitment): number {
  return c.closedAt ? Date.parse(c.closedAt) : Number.NaN;
}
