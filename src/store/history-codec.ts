import type { HistoryEvent, HistoryEventType } from '../model/history-event.js';

/**
 * A commitment's history is one string of JSON lines, oldest first: a list or a stream would cost more
 * in Redis's own bookkeeping than a short history's events weigh. JSON writes a newline inside a value
 * as `\n`, so a line is always one whole event.
 */
export const EVENT_SEPARATOR = '\n';

/** An event as one line: JSON of its fields, without the id (its place in the history). */
export function encodeHistoryEvent(event: HistoryEvent): string {
  const { id: _id, ...fields } = event;
  return JSON.stringify(fields);
}

/** The stored history's events, the last `last` of them (all when undefined), ids by place (1-based). */
export function decodeHistory(
  stored: string | null,
  last?: number,
): { events: HistoryEvent[]; total: number } {
  if (!stored) return { events: [], total: 0 };
  const lines = stored.split(EVENT_SEPARATOR);
  const shown = last === undefined ? lines : lines.slice(-Math.max(1, last));
  const first = lines.length - shown.length + 1;
  return { events: shown.map((line, i) => decodeHistoryEvent(first + i, line)), total: lines.length };
}

function decodeHistoryEvent(position: number, json: string): HistoryEvent {
  const fields = JSON.parse(json) as Partial<HistoryEvent>;
  const event: HistoryEvent = {
    id: String(position),
    at: fields.at ?? '',
    by: fields.by ?? '',
    type: (fields.type ?? 'updated') as HistoryEventType,
    changes: fields.changes ?? {},
  };
  if (fields.reason !== undefined) event.reason = fields.reason;
  return event;
}
