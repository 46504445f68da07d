/** Where an agency's working days come from: a country, optionally narrowed to a state (`MY-02`). */
export interface Region {
  country: string;
  subdivision?: string;
}

const REGION_PATTERN = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/;

/** `MY-02` → Malaysia, Kedah; `IN` → India; anything else (or nothing) → no region. */
export function parseRegion(code: string | undefined): Region | undefined {
  const match = code ? REGION_PATTERN.exec(code.trim().toUpperCase()) : null;
  if (!match) return undefined;
  return match[2] ? { country: match[1]!, subdivision: match[2] } : { country: match[1]! };
}

export function regionKey(region: Region): string {
  return region.subdivision ? `${region.country}-${region.subdivision}` : region.country;
}
