import type { Redis } from 'ioredis';
import type { HistoryEvent, HistoryEventType } from '../../src/model/history-event.js';
import type { CommitmentDraft } from '../../src/store/commitment-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';

/** Agencies of the tests, each in its own zone so that a date deadline's instant depends on the lead. */
export const ZONES: Readonly<Record<string, string>> = {
  MITI: 'Asia/Kuala_Lumpur',
  MEITY: 'Asia/Kolkata',
  MOD: 'Europe/London',
  DPIIT: 'America/New_York',
};

export const AGENCY_CODES = Object.keys(ZONES);

export function timeZoneOf(code: string): string {
  return ZONES[code] ?? 'UTC';
}

/** The zones deadlines are read in, as an agency directory of these agencies gives them. */
export const deadlineZones = { timeZoneOf, zones: () => [...new Set(['UTC', ...Object.values(ZONES)])] };

export function newCommitmentStore(redis: Redis, prefix: string): RedisCommitmentStore {
  return new RedisCommitmentStore({ redis, prefix, timeZoneOf });
}

export function draft(overrides: Partial<CommitmentDraft> = {}): CommitmentDraft {
  return {
    title: 'Joint semiconductor supply-chain working group',
    owners: ['MITI'],
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-03-02T01:00:00.000Z',
    ...overrides,
  };
}

export function historyEvent(
  type: HistoryEventType,
  at: string,
  changes: HistoryEvent['changes'] = {},
  reason?: string,
): HistoryEvent {
  return reason === undefined
    ? { at, by: 'slack:U1', type, changes }
    : { at, by: 'slack:U1', type, changes, reason };
}
