import { AGENCY_CODE_PATTERN, normalizeAgencyCode } from '../model/agency.js';
import { AREA_PATTERN } from '../model/limits.js';
import type { ReportScope } from './report-data.js';

/** `--html <file> [owner:<AGENCY>] [area:<area>]`, as the command line gives it. */
export function parseReportArguments(
  args: readonly string[],
): { ok: true; file: string; scope: ReportScope } | { ok: false; error: string } {
  let file: string | undefined;
  const scope: ReportScope = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--html') {
      file = args[++i];
      if (!file) return { ok: false, error: 'Say where to write the report: --html report.html' };
    } else if (/^owner:/i.test(arg)) {
      const code = normalizeAgencyCode(arg.slice(6));
      if (!AGENCY_CODE_PATTERN.test(code))
        return { ok: false, error: `"${arg}" does not name an agency, e.g. owner:MITI` };
      scope.agency = code;
    } else if (/^area:/i.test(arg)) {
      const area = arg.slice(5).toLowerCase();
      if (!AREA_PATTERN.test(area)) return { ok: false, error: `"${arg}" is not an area, e.g. area:trade` };
      scope.area = area;
    } else {
      return { ok: false, error: `I don't know "${arg}".` };
    }
  }
  if (!file) return { ok: false, error: 'Say where to write the report: --html report.html' };
  return { ok: true, file, scope };
}
