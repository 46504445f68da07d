import type { Commitment } from '../model/commitment.js';
import { isStatus } from '../model/status.js';

/** Fields whose values are structured and therefore kept as JSON strings in the hash. */
const JSON_FIELDS = ['owners', 'person', 'deadline', 'notes', 'recurrence'] as const;

const TEXT_FIELDS = [
  'id',
  'title',
  'area',
  'source',
  'status',
  'closingNote',
  'snoozedUntil',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
  'closedBy',
  'closedAt',
  'previousOccurrence',
  'nextOccurrence',
] as const;

/**
 * The commitment as flat hash fields, `[field, value, field, value, …]`. Absent optional fields are left
 * out, so that writing the whole list over an emptied hash leaves exactly this commitment stored.
 */
export function encodeCommitment(commitment: Commitment): string[] {
  const flat: string[] = [];
  for (const field of TEXT_FIELDS) {
    const value = commitment[field];
    if (value !== undefined) flat.push(field, value);
  }
  for (const field of JSON_FIELDS) {
    const value = commitment[field];
    if (value !== undefined) flat.push(field, JSON.stringify(value));
  }
  flat.push('version', String(commitment.version));
  return flat;
}

/** Reads a hash back; an empty hash (no such key) is undefined. */
export function decodeCommitment(hash: Record<string, string>): Commitment | undefined {
  if (hash.id === undefined) return undefined;
  const status = hash.status ?? '';
  if (!isStatus(status)) throw new Error(`commitment ${hash.id} has an unknown status "${status}" in Redis`);
  const commitment: Commitment = {
    id: hash.id,
    title: hash.title ?? '',
    owners: hash.owners ? (JSON.parse(hash.owners) as string[]) : [],
    status,
    notes: hash.notes ? (JSON.parse(hash.notes) as Commitment['notes']) : [],
    createdBy: hash.createdBy ?? '',
    createdAt: hash.createdAt ?? '',
    updatedBy: hash.updatedBy ?? '',
    updatedAt: hash.updatedAt ?? '',
    version: Number(hash.version),
  };
  if (hash.person !== undefined) commitment.person = JSON.parse(hash.person) as Commitment['person'];
  if (hash.deadline !== undefined) commitment.deadline = JSON.parse(hash.deadline) as Commitment['deadline'];
  if (hash.area !== undefined) commitment.area = hash.area;
  if (hash.source !== undefined) commitment.source = hash.source;
  if (hash.closingNote !== undefined) commitment.closingNote = hash.closingNote;
  if (hash.snoozedUntil !== undefined) commitment.snoozedUntil = hash.snoozedUntil;
  if (hash.closedBy !== undefined) commitment.closedBy = hash.closedBy;
  if (hash.closedAt !== undefined) commitment.closedAt = hash.closedAt;
  if (hash.recurrence !== undefined)
    commitment.recurrence = JSON.parse(hash.recurrence) as Commitment['recurrence'];
  if (hash.previousOccurrence !== undefined) commitment.previousOccurrence = hash.previousOccurrence;
  if (hash.nextOccurrence !== undefined) commitment.nextOccurrence = hash.nextOccurrence;
  return commitment;
}
