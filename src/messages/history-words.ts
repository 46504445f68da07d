import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { stampText } from '../dates/time-display.js';
import type { Deadline } from '../model/deadline.js';
import { dueInstant } from '../model/deadline.js';
import type { HistoryEvent } from '../model/history-event.js';

const DAY_MS = 86_400_000;

/** A history event in words: what happened, and the text its author gave (a note, evidence, a reason). */
export interface EventWords {
  /** `deadline moved from 15 Jan 2027 to 30 Jan 2027 (15 days later)`: followed by "by <person>". */
  what: string;
  /** `awaiting cabinet note`: after the person, as typed. */
  detail?: string;
}

/**
 * Reads an event as a person would tell it, never with internal field names. `leadTimeZone` is where a
 * deadline with a time of day is shown.
 */
export function eventWords(event: HistoryEvent, leadTimeZone: string): EventWords {
  const changes = event.changes;
  const phrases: string[] = [];
  switch (event.type) {
    case 'created':
      return { what: createdWords(event, leadTimeZone) };
    case 'done':
      phrases.push('marked done');
      break;
    case 'cancelled':
      phrases.push('cancelled');
      break;
    case 'reopened':
      phrases.push('reopened');
      break;
    case 'snoozed': {
      const until = changes.snoozedUntil?.after;
      phrases.push(
        typeof until === 'string' ? `reminders held until ${instantWords(until, leadTimeZone)}` : 'snoozed',
      );
      break;
    }
  }
  for (const [field, change] of Object.entries(changes)) {
    const phrase = changeWords(field, change, event.type, leadTimeZone);
    if (phrase) phrases.push(phrase);
  }
  const note = textOf(changes.note?.after);
  const closing = textOf(changes.closingNote?.after);
  if (phrases.length === 0) phrases.push(note ? 'progress note' : 'details changed');
  else if (note) phrases.push('with a progress note');
  const details = [...new Set([note, closing, event.reason].filter((d): d is string => !!d))];
  return details.length > 0
    ? { what: phrases.join(', '), detail: details.join(' — ') }
    : { what: phrases.join(', ') };
}

/** `15 Jan 2027` for a day; `15 Jan 2027 17:00 Kuala Lumpur time` for an instant, in the lead's zone. */
export function deadlineWords(deadline: Deadline, leadTimeZone: string): string {
  if (deadline.kind === 'instant') return instantWords(deadline.at, leadTimeZone);
  const [y, m, d] = deadline.date.split('-').map(Number) as [number, number, number];
  return format(new TZDate(Date.UTC(y, m - 1, d), 'UTC'), 'd MMM yyyy');
}

/** Whole days a deadline moved by: positive when later. The same day read in another zone is 0 days. */
export function daysMoved(before: Deadline, after: Deadline, leadTimeZone: string): number {
  return Math.round((dueInstant(after, leadTimeZone) - dueInstant(before, leadTimeZone)) / DAY_MS);
}

/** `(15 days later)`, `(1 day earlier)`, or nothing for a move within the day. */
export function daysMovedWords(days: number): string {
  if (days === 0) return '';
  const n = Math.abs(days);
  return ` (${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'later' : 'earlier'})`;
}

/** A deadline as a move record writes it: `2026-12-15` or an ISO instant. */
export function deadlineFromText(value: string | undefined): Deadline | undefined {
  if (!value) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { kind: 'date', date: value } : { kind: 'instant', at: value };
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  'in-progress': 'in progress',
  'at-risk': 'at risk',
};

function createdWords(event: HistoryEvent, leadTimeZone: string): string {
  const owners = event.changes.owners?.after;
  const deadline = asDeadline(event.changes.deadline?.after);
  const who = Array.isArray(owners) && owners.length > 0 ? ` for ${listWords(owners.map(String))}` : '';
  const when = deadline ? `, due ${deadlineWords(deadline, leadTimeZone)}` : ', with no deadline';
  const rule = textOf(event.changes.recurrence?.after);
  const previous = textOf(event.changes.previousOccurrence?.after);
  const series = previous ? `, as the next occurrence of ${previous}` : rule ? `, repeating ${rule}` : '';
  const restricted = event.changes.visibility?.after === 'restricted' ? ', restricted' : '';
  return `created${who}${when}${series}${restricted}`;
}

function changeWords(
  field: string,
  change: { before?: unknown; after?: unknown },
  type: HistoryEvent['type'],
  leadTimeZone: string,
): string | undefined {
  switch (field) {
    case 'deadline':
      return deadlineChangeWords(asDeadline(change.before), asDeadline(change.after), leadTimeZone);
    case 'status':
      // Closing and reopening say it already: "marked done", not "status changed from open to done".
      if (type === 'done' || type === 'cancelled' || type === 'reopened') return undefined;
      return `status changed from ${statusWords(change.before)} to ${statusWords(change.after)}`;
    case 'owners':
      return `owning agencies changed from ${listWords(asList(change.before))} to ${listWords(asList(change.after))}`;
    case 'area':
      return change.before
        ? `area changed from ${String(change.before)} to ${String(change.after ?? 'none')}`
        : `area set to ${String(change.after)}`;
    case 'title':
      return `title changed to “${String(change.after ?? '')}”`;
    case 'person':
      return change.after ? `owner changed to ${personWords(change.after)}` : 'owner person removed';
    case 'source':
      return change.after ? `source set to “${String(change.after)}”` : 'source removed';
    case 'recurrence':
      if (!change.after) return `series stopped (it repeated ${String(change.before)})`;
      return change.before
        ? `repeat rule changed from ${String(change.before)} to ${String(change.after)}`
        : `set to repeat ${String(change.after)}`;
    case 'nextOccurrence':
      return `next occurrence ${String(change.after)} opened`;
    case 'visibility':
      return change.after === 'restricted'
        ? 'made restricted (seen only by its agencies, its owner and administrators)'
        : 'made open to everyone';
    default:
      // Notes, closing notes and snoozes are told elsewhere in the line.
      return undefined;
  }
}

function deadlineChangeWords(
  before: Deadline | undefined,
  after: Deadline | undefined,
  leadTimeZone: string,
): string {
  if (before && after) {
    const days = daysMoved(before, after, leadTimeZone);
    return `deadline moved from ${deadlineWords(before, leadTimeZone)} to ${deadlineWords(after, leadTimeZone)}${daysMovedWords(days)}`;
  }
  if (after) return `deadline set to ${deadlineWords(after, leadTimeZone)}`;
  return before ? `deadline removed (it was ${deadlineWords(before, leadTimeZone)})` : 'deadline removed';
}

/** `15 Jan 2027 17:00 Kuala Lumpur time`: an instant as every moment is shown (src/dates/time-display.ts). */
function instantWords(iso: string, timeZone: string): string {
  return stampText(Date.parse(iso), timeZone);
}

function asDeadline(value: unknown): Deadline | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.kind === 'date' && typeof record.date === 'string') return { kind: 'date', date: record.date };
  if (record.kind === 'instant' && typeof record.at === 'string') return { kind: 'instant', at: record.at };
  return undefined;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : value ? [String(value)] : [];
}

function listWords(items: string[]): string {
  if (items.length === 0) return 'none';
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function statusWords(value: unknown): string {
  const status = String(value ?? 'none');
  return STATUS_WORDS[status] ?? status;
}

function personWords(value: unknown): string {
  const record = (value ?? {}) as Record<string, unknown>;
  return `@${String(record.name ?? record.userId ?? 'someone')}`;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
