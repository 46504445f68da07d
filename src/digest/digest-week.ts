import { TZDate } from '@date-fns/tz';
import { addWeeks, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';

export interface DigestWeek {
  /** `2026-W48`: the ISO week in the agency's zone, the unit a digest is posted once per. */
  key: string;
  start: number;
  end: number;
  lastWeekStart: number;
}

const QUARTER_HOUR_MS = 15 * 60_000;
/** Weeks worked out, by zone and quarter hour: digests and counts ask for the same few again and again. */
const known = new Map<string, DigestWeek>();

/**
 * The ISO week (Monday to Monday) that `now` falls in, read in the given zone. Every zone's offset is a
 * whole number of quarter hours, so a week starts on a quarter hour everywhere: the answer is the same
 * for a whole quarter hour, and kept per quarter hour and zone.
 */
export function digestWeek(now: Date, timeZone: string): DigestWeek {
  const key = `${Math.floor(now.getTime() / QUARTER_HOUR_MS)}|${timeZone}`;
  const remembered = known.get(key);
  if (remembered) return remembered;
  const week = weekOf(now, timeZone);
  if (known.size >= 10_000) known.clear();
  known.set(key, week);
  return week;
}

function weekOf(now: Date, timeZone: string): DigestWeek {
  const local = new TZDate(now.getTime(), timeZone);
  const start = startOfISOWeek(local);
  const week = String(getISOWeek(local)).padStart(2, '0');
  return {
    key: `${getISOWeekYear(local)}-W${week}`,
    start: start.getTime(),
    end: addWeeks(start, 1).getTime(),
    lastWeekStart: addWeeks(start, -1).getTime(),
  };
}
