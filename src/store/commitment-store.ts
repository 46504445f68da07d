import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import type { HistoryEvent } from '../model/history-event.js';
import type { ChannelRef, PersonRef } from '../model/platform.js';
import type { Status } from '../model/status.js';
import type { Audience } from '../model/visibility.js';

/** A commitment not yet saved: the store gives it its id, version and timestamps. */
export type CommitmentDraft = Omit<Commitment, 'id' | 'version'>;

export interface DeadlineMove {
  id: string;
  at: string;
  by: string;
  before?: string;
  after?: string;
  /** Why, as typed with `reason:`; absent for moves recorded before reasons were kept here. */
  reason?: string;
  /** The owners when it moved (moves recorded before this was kept have none). */
  owners?: string[];
}

/** Due instants (epoch ms) in `[from, before)`; either end may be left open. Undated items have none. */
export interface DueRange {
  from?: number;
  before?: number;
}

/**
 * What a read asks for. Active items come by due instant (undated last), ties in id order; closed items
 * newest closed first; `all` newest first.
 */
export type CommitmentQuery =
  | { kind: 'open'; due?: DueRange }
  | { kind: 'open-for-agency'; agency: string; due?: DueRange }
  /** Every one of these agencies' active items once, leaving out those of `notOf` (the Home tab's "more of your agency"). */
  | { kind: 'open-for-agencies'; agencies: readonly string[]; notOf?: PersonRef }
  | { kind: 'open-for-person'; person: PersonRef }
  | { kind: 'open-in-area'; area: string }
  /** An agency's active items that are at risk or blocked. */
  | { kind: 'attention-for-agency'; agency: string }
  | { kind: 'status'; status: Status }
  /** An owning agency's commitments due in [from, until), done or not, cancelled ones left out. */
  | { kind: 'due-for-agency'; agency: string; from: number; until: number }
  /** An owning agency's commitments closed as done in [from, until), oldest closure first. */
  | { kind: 'done-for-agency'; agency: string; from: number; until: number }
  /** Every commitment closed as done in [from, until), oldest closure first. */
  | { kind: 'done-between'; from: number; until: number }
  | { kind: 'all' };

/** Which part of a query's answer to read. */
export interface Window {
  offset: number;
  limit: number;
}

export interface PageRequest {
  query: CommitmentQuery;
  window: Window;
}

export interface Page<T> {
  items: T[];
  /** How many the whole query holds; undefined where counting would mean reading it all (overlapping indexes). */
  total: number | undefined;
  /** Whether there are more after this page. */
  more: boolean;
}

export interface CommitmentStore {
  /** Saves a new commitment. With an import key, a second create with the same key returns the first. */
  create(draft: CommitmentDraft, event: HistoryEvent, importKey?: string): Promise<Commitment>;
  get(id: string): Promise<Commitment | undefined>;
  /** The commitment an import created under this key, if any. */
  findImported(importKey: string): Promise<Commitment | undefined>;
  /** In the order asked; unknown ids are left out. */
  getMany(ids: readonly string[]): Promise<Commitment[]>;
  /**
   * Saves `next` with its history event, atomically, if the stored version is still `previous.version`
   * (whatever `next.version` says), and returns it as stored, with version `previous.version + 1`;
   * otherwise throws ConflictError and changes nothing.
   */
  save(previous: Commitment, next: Commitment, event: HistoryEvent): Promise<Commitment>;
  /**
   * One page of a query as the audience may see it (a restricted commitment it may not see is not
   * there at all): reads that page and nothing else, whatever the size of the store.
   */
  page(query: CommitmentQuery, window: Window, audience: Audience): Promise<Page<Commitment>>;
  /** Several pages at once, in the round trips of one. */
  pages(requests: readonly PageRequest[], audience: Audience): Promise<Page<Commitment>[]>;
  /** The ids of one page, without reading the commitments. */
  pageIds(query: CommitmentQuery, window: Window, audience: Audience): Promise<Page<string>>;
  /**
   * How many each query holds for the audience, in one round trip; only for queries whose total is
   * known (not `open-for-agencies`).
   */
  counts(queries: readonly CommitmentQuery[], audience: Audience): Promise<number[]>;
  /** The history oldest first; with `last`, only its last that many events. */
  history(id: string, options?: { last?: number }): Promise<{ events: HistoryEvent[]; total: number }>;
  /** Deadline changes made in [sinceMs, untilMs), oldest first. */
  deadlineMoves(sinceMs: number, untilMs: number): Promise<DeadlineMove[]>;
  /**
   * For each agency (or `*`, every agency, each commitment once) and ISO weeks (as read in its zone, or
   * the tracker's), how many commitments with a deadline were closed as done in them, and how many of
   * those after the deadline, of what the audience may see: it must see either all of an agency's
   * restricted commitments or none (`audienceForAgency`). One round trip, whatever the number stored.
   */
  closedCounts(
    requests: readonly { agency: string; weeks: readonly string[] }[],
    audience: Audience,
  ): Promise<{ dated: number; late: number }[]>;
}

/** Every agency and link as read at one moment, for one command or one job. */
export interface AgencySnapshot {
  /** By code. */
  all: readonly Agency[];
  get(code: string): Agency | undefined;
  /** The agencies linked to the channel, by code. */
  forChannel(channel: ChannelRef): Agency[];
}

export interface AgencyStore {
  put(agency: Agency): Promise<void>;
  /** Forgets the agency and its channel links; false when there was no such agency. */
  remove(code: string): Promise<boolean>;
  get(code: string): Promise<Agency | undefined>;
  list(): Promise<Agency[]>;
  /**
   * Every agency and link, current as of the call (one cheap round trip when nothing changed since the
   * last read, in this process or any other).
   */
  snapshot(): Promise<AgencySnapshot>;
  /** Links the channel to the agency and returns the agency as now stored. */
  linkChannel(code: string, channel: ChannelRef): Promise<Agency>;
  unlinkChannel(channel: ChannelRef): Promise<void>;
  agenciesForChannel(channel: ChannelRef): Promise<Agency[]>;
}
