import { UnknownAgencyError } from '../errors/unknown-agency-error.js';
import type { View } from '../messages/view.js';
import type { Agency } from '../model/agency.js';
import type { Audience } from '../model/visibility.js';
import type { CommitmentStore } from '../store/commitment-store.js';
import { collectReportData, type ReportScope } from './report-data.js';
import { reportHtml } from './report-html.js';

export interface StocktakeReport {
  /** `stocktake-2026-11-30-MITI-trade.html` */
  fileName: string;
  title: string;
  html: string;
  agencies: number;
  areas: number;
}

/**
 * The stocktake report for a scope, read per agency from the store and written as one HTML page, with
 * the restricted commitments of each agency whose restricted commitments the audience sees all of.
 */
export async function buildReport(
  store: CommitmentStore,
  agencies: readonly Agency[],
  scope: ReportScope,
  view: View,
  audience: Audience,
): Promise<StocktakeReport> {
  if (scope.agency && !agencies.some((agency) => agency.code === scope.agency)) {
    throw new UnknownAgencyError(scope.agency, agencies.map((agency) => agency.code).sort());
  }
  const data = await collectReportData(
    store,
    agencies,
    view.now,
    scope,
    view.readerTimeZone,
    view.timeZoneOf,
    audience,
  );
  const date = view.now.toISOString().slice(0, 10);
  const parts = ['stocktake', date, scope.agency, scope.area].filter(Boolean);
  const title = `Delivery stocktake${scope.agency ? ` of ${scope.agency}` : ''}${scope.area ? ` in ${scope.area}` : ''}, ${date}`;
  return {
    fileName: `${parts.join('-')}.html`,
    title,
    html: reportHtml(data, view),
    agencies: data.agencies.length,
    areas: scope.area && data.agencies.length > 0 ? 0 : data.areas.length,
  };
}
