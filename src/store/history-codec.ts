import type { HistoryEvent, HistoryEventType } from '../model/history-event.js';

/** The event as stream entry fields, `[field, value, …]`; its `id` is the one Redis gives the entry. */
export function encodeHistoryEvent(event: HistoryEvent): string[] {
  const flat = ['at', event.at, 'by', event.by, 'type', event.type, 'changes', JSON.stringify(event.changes)];
  if (event.reason !== undefined) flat.push('reason', event.reason);
  return flat;
}

export function decodeHistoryEvent(streamId: string, flat: readonly string[]): HistoryEvent {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  const event: HistoryEvent = {
    id: streamId,
    at: fields.at ?? '',
    by: fields.by ?? '',
    type: (fields.type ?? 'updated') as HistoryEventType,
    changes: fields.changes ? (JSON.parse(fields.changes) as HistoryEvent['changes']) : {},
  };
  if (fields.reason !== undefined) event.reason = fields.reason;
  return event;
}
