import { TZDate } from '@date-fns/tz';

/**
 * A deadline is a calendar day or an exact instant. A day is always read in the lead agency's
 * time zone: "15 December" means until the end of 15 December where the lead agency works.
 */
export type Deadline = { kind: 'date'; date: string } | { kind: 'instant'; at: string };

/** Days and zones seen: a digest or a plan asks for the same few thousand pairs again and again. */
const dueOfDay = new Map<string, number>();
const MAX_REMEMBERED_DAYS = 50_000;

/** The last moment the deadline is still met, as epoch milliseconds. */
export function dueInstant(deadline: Deadline, leadTimeZone: string): number {
  if (deadline.kind === 'instant') return Date.parse(deadline.at);
  const key = `${deadline.date}|${leadTimeZone}`;
  const known = dueOfDay.get(key);
  if (known !== undefined) return known;
  const [y, m, d] = deadline.date.split('-').map(Number) as [number, number, number];
  // Built from the next day's date, not by adding a day to this one's start: where this day's
  // midnight is skipped by a DST change (Chile, Cuba) its start is 01:00, and a day later is not midnight.
  const due = new TZDate(y, m - 1, d + 1, leadTimeZone).getTime() - 1;
  if (dueOfDay.size >= MAX_REMEMBERED_DAYS) dueOfDay.clear();
  dueOfDay.set(key, due);
  return due;
}

export function sameDeadline(a: Deadline | undefined, b: Deadline | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'date' && b.kind === 'date') return a.date === b.date;
  if (a.kind === 'instant' && b.kind === 'instant') return Date.parse(a.at) === Date.parse(b.at);
  return false;
}

export function deadlineText(deadline: Deadline): string {
  return deadline.kind === 'date' ? deadline.date : deadline.at;
}
