import type { Deadline } from '../model/deadline.js';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export type IsoDeadlineResult = { ok: true; deadline: Deadline } | { ok: false; message: string };

/**
 * Reads the deadline of an import file: an ISO date, or an ISO date-time with its UTC offset.
 * A date-time without an offset is refused rather than guessed, because a file has no "here".
 * Dates in the past are accepted: an import may record history.
 */
export function parseIsoDeadline(text: string): IsoDeadlineResult {
  const value = text.trim();
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [, y, m, d] = date.map(Number) as [number, number, number, number];
    if (!dateExists(y, m, d)) return { ok: false, message: `${value} is not a date that exists` };
    return { ok: true, deadline: { kind: 'date', date: value } };
  }
  const dateTime = DATE_TIME.exec(value);
  if (!dateTime) {
    return {
      ok: false,
      message: `${value} is not an ISO date: write 2027-03-31, or 2027-03-31T17:00+08:00 for a time of day`,
    };
  }
  const [, ys, ms, ds, hs, mins, ss, fraction, offset] = dateTime;
  const [y, m, d, h, min, s] = [ys, ms, ds, hs, mins, ss ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!dateExists(y, m, d)) return { ok: false, message: `${value} is not a date that exists` };
  if (h > 23 || min > 59 || s > 59) return { ok: false, message: `${value} is not a time that exists` };
  if (!offset) {
    return {
      ok: false,
      message: `${value} has no UTC offset: add one, as in ${ys}-${ms}-${ds}T${hs}:${mins}+08:00, or give only the date`,
    };
  }
  const offsetMinutes = parseOffset(offset);
  if (offsetMinutes === undefined) return { ok: false, message: `${value} has an impossible UTC offset` };
  const millis = Number((fraction ?? '').padEnd(3, '0'));
  const at = Date.UTC(y, m - 1, d, h, min, s, millis) - offsetMinutes * 60_000;
  return { ok: true, deadline: { kind: 'instant', at: new Date(at).toISOString() } };
}

function dateExists(year: number, month: number, day: number): boolean {
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** `Z`, `+08`, `+0800` or `+08:00`, as minutes east of UTC; offsets beyond ±14:00 do not exist. */
function parseOffset(offset: string): number | undefined {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return sign * (hours * 60 + minutes);
}
