import type { Agency } from '../model/agency.js';

/**
 * What a message builder needs: when it is, and each agency's zone, since every moment of a commitment
 * is shown in its lead agency's zone (src/dates/time-display.ts) whoever reads it.
 */
export interface View {
  now: Date;
  /**
   * For what belongs to no one agency (the scoreboard's week, a report's cover): the zone of the
   * channel's agency, else TRACKER_TZ. Never used for a commitment's moments.
   */
  readerTimeZone: string;
  timeZoneOf(agencyCode: string): string;
}

/** The agencies as loaded for one command, with the fallback zone for unknown codes. */
export class AgencyDirectory {
  private readonly byCode: Map<string, Agency>;

  constructor(
    agencies: readonly Agency[],
    private readonly defaultTimeZone: string,
  ) {
    this.byCode = new Map(agencies.map((agency) => [agency.code, agency]));
  }

  get(code: string): Agency | undefined {
    return this.byCode.get(code);
  }

  codes(): string[] {
    return [...this.byCode.keys()].sort();
  }

  all(): Agency[] {
    return [...this.byCode.values()];
  }

  timeZoneOf = (code: string): string => this.byCode.get(code)?.timeZone ?? this.defaultTimeZone;

  /** Every zone a commitment's deadline may be read in: each agency's, and the one for unknown codes. */
  zones(): string[] {
    return [
      ...new Set([this.defaultTimeZone, ...[...this.byCode.values()].map((agency) => agency.timeZone)]),
    ];
  }
}
