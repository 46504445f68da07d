import type { Commitment } from '../model/commitment.js';
import type { Deadline } from '../model/deadline.js';
import { type PersonRef, parsePersonKey, personKey } from '../model/platform.js';
import { isStatus } from '../model/status.js';

/**
 * What is stored of a commitment besides its id (the key) and version (the value's prefix). A deadline
 * and an owner person are kept in their short text forms (`2026-12-15`, `slack:U1`) where that says it all.
 */
type StoredFields = Omit<
  Commitment,
  'id' | 'version' | 'notes' | 'updatedBy' | 'updatedAt' | 'deadline' | 'person'
> & {
  notes?: Commitment['notes'];
  updatedBy?: string;
  updatedAt?: string;
  deadline?: Deadline | string;
  person?: PersonRef | string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A commitment as one string, `<version>|<JSON>`: one key read whole, and a version a Lua script checks
 * without decoding the JSON. Values that say nothing are left out (no notes, not updated since it was
 * created), since at tens of thousands of commitments every byte is paid many times over.
 */
export function encodeCommitment(commitment: Commitment): string {
  const { id: _id, version, notes, updatedBy, updatedAt, deadline, person, ...fields } = commitment;
  const stored: StoredFields = fields;
  if (deadline) stored.deadline = deadline.kind === 'date' ? deadline.date : deadline;
  if (person) stored.person = person.name === undefined ? personKey(person) : person;
  if (notes.length > 0) stored.notes = notes;
  if (updatedBy !== commitment.createdBy) stored.updatedBy = updatedBy;
  if (updatedAt !== commitment.createdAt) stored.updatedAt = updatedAt;
  return `${version}|${JSON.stringify(stored)}`;
}

/** Reads a stored value back; null (no such key) is undefined. */
export function decodeCommitment(id: string, value: string | null): Commitment | undefined {
  if (value === null) return undefined;
  const bar = value.indexOf('|');
  const stored = JSON.parse(value.slice(bar + 1)) as StoredFields;
  if (!isStatus(stored.status)) {
    throw new Error(`commitment ${id} has an unknown status "${String(stored.status)}" in Redis`);
  }
  const { notes, updatedBy, updatedAt, deadline, person, ...fields } = stored;
  const commitment: Commitment = {
    id,
    ...fields,
    notes: notes ?? [],
    updatedBy: updatedBy ?? stored.createdBy,
    updatedAt: updatedAt ?? stored.createdAt,
    version: Number(value.slice(0, bar)),
  };
  if (deadline !== undefined) commitment.deadline = readDeadline(deadline);
  if (person !== undefined) {
    const ref = typeof person === 'string' ? parsePersonKey(person) : person;
    if (ref) commitment.person = ref;
  }
  return commitment;
}

function readDeadline(stored: Deadline | string): Deadline {
  if (typeof stored !== 'string') return stored;
  return DAY.test(stored) ? { kind: 'date', date: stored } : { kind: 'instant', at: stored };
}
