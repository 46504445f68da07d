import { TZDate } from '@date-fns/tz';
import { addWeeks, format } from 'date-fns';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import type { CommitmentStore } from '../store/commitment-store.js';
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

/**
 * An agency's last 12 full ISO weeks (in its zone, the current week left out because it has barely
 * begun when the digest runs): what fell due in them and what was closed as done in them.
 */
export interface TrackRecord {
  weeks: RecordWeek[];
  /** Commitments due in the window, whatever became of them since (cancelled ones left out). */
  due: Commitment[];
  /** Commitments closed as done in the window. */
  done: Commitment[];
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

/** The 12 full weeks before the one `now` falls in, oldest first, read in the zone. */
export function recordWeeks(now: Date, timeZone: string): RecordWeek[] {
  const thisWeek = new TZDate(digestWeek(now, timeZone).start, timeZone);
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

/** Two range reads of the agency's own indexes, whatever the size of the store. */
export async function readTrackRecord(
  store: CommitmentStore,
  agency: Agency,
  now: Date,
): Promise<TrackRecord> {
  const weeks = recordWeeks(now, agency.timeZone);
  const from = weeks[0]!.start;
  const until = weeks.at(-1)!.end;
  const [due, done] = await Promise.all([
    store.query({ kind: 'due-for-agency', agency: agency.code, from, until }),
    store.query({ kind: 'done-for-agency', agency: agency.code, from, until }),
  ]);
  return { weeks, due, done };
}

/** Per week: how many fell due and how many were closed as done. */
export function weeklyTallies(record: TrackRecord, timeZoneOf: (code: string) => string): WeekTally[] {
  return record.weeks.map((week) => ({
    week,
    due: record.due.filter((c) => within(dueOf(c, timeZoneOf), week)).length,
    closed: record.done.filter((c) => within(closedAtOf(c), week)).length,
  }));
}

export function onTimeRate(record: TrackRecord, timeZoneOf: (code: string) => string): OnTimeRate {
  const dated = record.done.filter((c) => c.deadline);
  const onTime = dated.filter((c) => closedAtOf(c) <= dueOf(c, timeZoneOf)).length;
  return { closed: dated.length, onTime, rate: dated.length > 0 ? onTime / dated.length : undefined };
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
