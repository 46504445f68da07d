import type { Status } from '../model/status.js';

/**
 * The hash tag keeps every key of one tracker in a single Redis Cluster slot, so that the multi-key Lua
 * scripts and pipelines work on a cluster as on a single server. A custom prefix should keep a `{tag}`.
 */
export const DEFAULT_KEY_PREFIX = '{ft}:';

export interface CommitmentKeys {
  /** INCR counter behind `C-<n>`; never decremented, so ids are never reused. */
  nextId: string;
  commitment(id: string): string;
  history(id: string): string;
  /** Hash: import key -> commitment id. */
  importKeys: string;
  /** Zset of open (not done or cancelled) ids scored by due instant; undated items score +inf. */
  open: string;
  openForAgency(code: string): string;
  /** Zset of an owning agency's dated ids that are not cancelled, open or done, scored by due instant. */
  dueForAgency(code: string): string;
  /** Zset of an owning agency's done ids scored by when they were closed: its track record. */
  doneForAgency(code: string): string;
  /** Zset of ids in that status, scored like `open`. */
  status(status: Status): string;
  /** Zset of every id scored by its number. */
  all: string;
  /** Zset of deadline moves, member `<history stream id>|<move JSON>`, scored by the time of the move. */
  deadlineMoves: string;
  /** `1` once the commitments stored before the per-agency due and done indexes are in them. */
  agencyHistoryIndexed: string;
}

export function commitmentKeys(prefix: string = DEFAULT_KEY_PREFIX): CommitmentKeys {
  return {
    nextId: `${prefix}commitment:next-id`,
    commitment: (id) => `${prefix}commitment:${id}`,
    history: (id) => `${prefix}commitment:${id}:history`,
    importKeys: `${prefix}commitments:import-keys`,
    open: `${prefix}commitments:open`,
    openForAgency: (code) => `${prefix}commitments:open:agency:${code}`,
    dueForAgency: (code) => `${prefix}commitments:due:agency:${code}`,
    doneForAgency: (code) => `${prefix}commitments:done:agency:${code}`,
    status: (status) => `${prefix}commitments:status:${status}`,
    all: `${prefix}commitments:all`,
    deadlineMoves: `${prefix}commitments:deadline-moves`,
    agencyHistoryIndexed: `${prefix}commitments:agency-history-indexed`,
  };
}

export interface AgencyKeys {
  /** Hash: agency code -> JSON of the agency without its channels. */
  agencies: string;
  /** Hash: agency code -> JSON array of channel keys (`slack:C123`), in the order they were linked. */
  channels: string;
  /** Set of the agency codes a channel is linked to. */
  channelAgencies(channelKey: string): string;
}

export function agencyKeys(prefix: string = DEFAULT_KEY_PREFIX): AgencyKeys {
  return {
    agencies: `${prefix}agencies`,
    channels: `${prefix}agency-channels`,
    channelAgencies: (channelKey) => `${prefix}channel:${channelKey}:agencies`,
  };
}

export interface HolidayKeys {
  /** Hash: ISO day -> JSON `{name, source}`, one per scope (`country:IN`, `state:MY-02`, `agency:MEITY`). */
  days(scopeText: string): string;
  /** Set of the scopes that have days, for export. */
  scopes: string;
}

export function holidayKeys(prefix: string = DEFAULT_KEY_PREFIX): HolidayKeys {
  return {
    days: (scopeText) => `${prefix}holidays:${scopeText}`,
    scopes: `${prefix}holiday-scopes`,
  };
}
