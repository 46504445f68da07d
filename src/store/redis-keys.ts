import type { Status } from '../model/status.js';

/**
 * The hash tag keeps every key of one tracker in a single Redis Cluster slot, so that the multi-key Lua
 * scripts and pipelines work on a cluster as on a single server. A custom prefix should keep a `{tag}`.
 */
export const DEFAULT_KEY_PREFIX = '{ft}:';

/**
 * The commitment store's keys. Index members are ids as zero-padded numbers (`000000042` for C-42), so
 * that Redis's own order within equal scores (byte order of members) is id order, and a page can be
 * cut by rank on the server instead of sorting the whole index on the client.
 */
export interface CommitmentKeys {
  /** INCR counter behind `C-<n>`; never decremented, so ids are never reused. */
  nextId: string;
  /** How many commitments exist: `list all` counts with it. */
  count: string;
  /** String `<version>|<JSON of the commitment without id and version>`. */
  commitment(id: string): string;
  /** String of JSON history events, one a line, oldest first. */
  history(id: string): string;
  /** Hash: import key -> commitment id. */
  importKeys: string;
  /**
   * Zset of every commitment by number, never written itself: the id sequence is it. Its restricted
   * counterparts hold the restricted commitments, which `list all` leaves out for a reader who may
   * not see them.
   */
  all: string;
  /**
   * An index's, or a stats hash's, restricted counterpart: the restricted commitments it would hold, seen
   * under one mark (`*` every one; `agency:MITI`, those MITI owns; `person:slack:U1`, those U1 owns). The
   * index itself holds only the commitments anyone may see.
   */
  restricted(key: string, mark: string): string;
  /**
   * Zset of the active items in that status (open, in-progress, at-risk, blocked), scored by due instant;
   * undated +inf. This and every index below hold the commitments anyone may see; a restricted one is in
   * their `restricted` counterparts instead.
   */
  openByStatus(status: Status): string;
  /** Zset of an owning agency's active items, every owner alike, scored by due instant. */
  openForAgency(code: string): string;
  /** Zset of an owning agency's active items in a status that asks for attention (at-risk, blocked). */
  openForAgencyInStatus(code: string, status: Status): string;
  /** Zset of the active items whose owner person this is (`slack:U1`). */
  openForPerson(personKey: string): string;
  openInArea(area: string): string;
  /** Zset of the closed items in that status (done, cancelled), scored by when they were closed. */
  closedByStatus(status: Status): string;
  /** Zset of an owning agency's done items, scored by when they were closed: its track record. */
  doneForAgency(code: string): string;
  /**
   * Zset of an owning agency's done items that had a deadline, scored by it: with its open index, what
   * fell due in a week, done or not.
   */
  doneByDueForAgency(code: string): string;
  /**
   * Hash of an agency's counts per ISO week of its zone (`*`: every agency's, each commitment once, in
   * the tracker's zone): `dated:2026-W48` closed as done that week with a deadline, `late:…` after it.
   */
  stats(code: string): string;
  /** Zset of deadline moves, member `<id>@<version>|<move JSON>`, scored by the time of the move. */
  deadlineMoves: string;
  /** The layout version of these keys, for the migration at start-up. */
  schema: string;
  migrationLock: string;
}

export function commitmentKeys(prefix: string = DEFAULT_KEY_PREFIX): CommitmentKeys {
  const index = `${prefix}idx:`;
  return {
    nextId: `${prefix}commitment:next-id`,
    count: `${prefix}commitments:count`,
    commitment: (id) => `${prefix}commitment:${id}`,
    history: (id) => `${prefix}commitment:${id}:history`,
    importKeys: `${prefix}commitments:import-keys`,
    all: `${index}all`,
    restricted: (key, mark) => `${key}|r:${mark}`,
    openByStatus: (status) => `${index}open:status:${status}`,
    openForAgency: (code) => `${index}open:agency:${code}`,
    openForAgencyInStatus: (code, status) => `${index}open:agency:${code}:status:${status}`,
    openForPerson: (key) => `${index}open:person:${key}`,
    openInArea: (area) => `${index}open:area:${area}`,
    closedByStatus: (status) => `${index}closed:status:${status}`,
    doneForAgency: (code) => `${index}done:agency:${code}`,
    doneByDueForAgency: (code) => `${index}done-due:agency:${code}`,
    stats: (code) => `${prefix}stats:${code}`,
    deadlineMoves: `${prefix}commitments:deadline-moves`,
    schema: `${prefix}store:schema`,
    migrationLock: `${prefix}store:migration-lock`,
  };
}

export interface AgencyKeys {
  /** Hash: agency code -> JSON of the agency without its channels. */
  agencies: string;
  /** Hash: agency code -> JSON array of channel keys (`slack:C123`), in the order they were linked. */
  channels: string;
  /** Set of the agency codes a channel is linked to. */
  channelAgencies(channelKey: string): string;
  /** Counter bumped by every change to agencies or links: processes re-read them when it moved. */
  version: string;
}

export function agencyKeys(prefix: string = DEFAULT_KEY_PREFIX): AgencyKeys {
  return {
    agencies: `${prefix}agencies`,
    channels: `${prefix}agency-channels`,
    channelAgencies: (channelKey) => `${prefix}channel:${channelKey}:agencies`,
    version: `${prefix}agencies:version`,
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
