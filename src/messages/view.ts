import type { Agency } from '../model/agency.js';

/** What a message builder needs to know about its reader: when it is and where they are. */
export interface View {
  now: Date;
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
}
