/** One change to a commitment, as appended to its history. */
export interface HistoryEvent {
  id?: string;
  at: string;
  by: string;
  type: HistoryEventType;
  /** Field name to the value before and after the change. */
  changes: Record<string, { before?: unknown; after?: unknown }>;
  reason?: string;
}

export type HistoryEventType =
  | 'created'
  | 'updated'
  | 'deadline-moved'
  | 'status-changed'
  | 'note-added'
  | 'done'
  | 'cancelled'
  | 'reopened'
  | 'snoozed';
