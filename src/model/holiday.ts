import { AGENCY_CODE_PATTERN } from './agency.js';

/** A non-working day an operator gave, on top of the public holidays `date-holidays` knows. */
export interface Holiday {
  /** ISO day, `2026-11-08`. */
  date: string;
  name: string;
  /** Where it came from, in words: `imported from india-central-2026.ics`, `added by slack:U1`. */
  source: string;
}

/**
 * Whose non-working day it is: a whole country (`IN`), one state (`MY-02`), or one agency. An agency
 * has the days of its country, of its state when its `country` names one, and its own.
 */
export type HolidayScope = { kind: 'region'; code: string } | { kind: 'agency'; code: string };

export const HOLIDAY_NAME_LIMIT = 100;

const REGION_CODE = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;

/** `country:IN`, `state:MY-02` (the same as `country:MY-02`) or `agency:MEITY`, any case. */
export function parseHolidayScope(text: string): HolidayScope | undefined {
  const match = /^(country|state|agency):(.+)$/i.exec(text.trim());
  if (!match) return undefined;
  const code = match[2]!.trim().toUpperCase();
  if (match[1]!.toLowerCase() === 'agency') {
    return AGENCY_CODE_PATTERN.test(code) ? { kind: 'agency', code } : undefined;
  }
  return REGION_CODE.test(code) ? { kind: 'region', code } : undefined;
}

/** `country:IN`, `state:MY-02`, `agency:MEITY`: the form it is written in and stored under. */
export function holidayScopeText(scope: HolidayScope): string {
  if (scope.kind === 'agency') return `agency:${scope.code}`;
  return scope.code.includes('-') ? `state:${scope.code}` : `country:${scope.code}`;
}

/** The scopes whose days a country (`IN`) or state (`MY-02`: Malaysia's and Kedah's) has. */
export function scopesOfRegion(region: string | undefined): HolidayScope[] {
  const code = region?.toUpperCase();
  if (!code) return [];
  const country = code.split('-')[0]!;
  return code === country
    ? [{ kind: 'region', code }]
    : [
        { kind: 'region', code: country },
        { kind: 'region', code },
      ];
}

/** The scopes whose days an agency has: its country's, its state's, then its own. */
export function scopesOfAgency(agency: { code: string; country?: string }): HolidayScope[] {
  return [...scopesOfRegion(agency.country), { kind: 'agency', code: agency.code }];
}

/** Whether a scope's days are the agency's: its own, its country's, or its state's. */
export function scopeCovers(scope: HolidayScope, agency: { code: string; country?: string }): boolean {
  return scopesOfAgency(agency).some((own) => own.kind === scope.kind && own.code === scope.code);
}
