import type { ChannelRef } from './platform.js';
import type { Visibility } from './visibility.js';

/** A line agency on either side of the agreement (e.g. MITI, MEITY). */
export interface Agency {
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2, or a subdivision such as `MY-02` for state weekend and holiday rules. */
  country?: string;
  timeZone: string;
  channels: ChannelRef[];
  /** Weekly digest schedule; unset means the configured `DIGEST_CRON`, read in `timeZone`. */
  digestCron?: string;
  /** What a commitment it leads gets when `add` says nothing; unset is open. */
  visibility?: Visibility;
}

export const AGENCY_CODE_PATTERN = /^[A-Z][A-Z0-9-]{1,15}$/;

export function normalizeAgencyCode(raw: string): string {
  return raw.trim().toUpperCase();
}
