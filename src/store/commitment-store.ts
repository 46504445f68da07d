import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import type { HistoryEvent } from '../model/history-event.js';
import type { ChannelRef } from '../model/platform.js';
import type { Status } from '../model/status.js';

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
}

export type CommitmentQuery =
  | { kind: 'open' }
  | { kind: 'open-for-agency'; agency: string }
  | { kind: 'open-due-before'; before: number }
  | { kind: 'status'; status: Status }
  /** An owning agency's commitments due in [from, until), done or not, cancelled ones left out. */
  | { kind: 'due-for-agency'; agency: string; from: number; until: number }
  /** An owning agency's commitments closed as done in [from, until), oldest closure first. */
  | { kind: 'done-for-agency'; agency: string; from: number; until: number }
  | { kind: 'all' };

export interface CommitmentStore {
  /** Saves a new commitment. With an import key, a second create with the same key returns the first. */
  create(draft: CommitmentDraft, event: HistoryEvent, importKey?: string): Promise<Commitment>;
  get(id: string): Promise<Commitment | undefined>;
  /** The commitment an import created under this key, if any. */
  findImported(importKey: string): Promise<Commitment | undefined>;
  getMany(ids: readonly string[]): Promise<Commitment[]>;
  /**
   * Saves `next` with its history event, atomically, if the stored version is still `previous.version`
   * (whatever `next.version` says), and returns it as stored, with version `previous.version + 1`;
   * otherwise throws ConflictError and changes nothing.
   */
  save(previous: Commitment, next: Commitment, event: HistoryEvent): Promise<Commitment>;
  /** Open queries come sorted by deadline (undated last); `all` newest first. */
  query(query: CommitmentQuery): Promise<Commitment[]>;
  history(id: string): Promise<HistoryEvent[]>;
  /** Deadline changes made in [sinceMs, untilMs), oldest first. */
  deadlineMoves(sinceMs: number, untilMs: number): Promise<DeadlineMove[]>;
}

export interface AgencyStore {
  put(agency: Agency): Promise<void>;
  /** Forgets the agency and its channel links; false when there was no such agency. */
  remove(code: string): Promise<boolean>;
  get(code: string): Promise<Agency | undefined>;
  list(): Promise<Agency[]>;
  /** Links the channel to the agency and returns the agency as now stored. */
  linkChannel(code: string, channel: ChannelRef): Promise<Agency>;
  unlinkChannel(channel: ChannelRef): Promise<void>;
  agenciesForChannel(channel: ChannelRef): Promise<Agency[]>;
}
