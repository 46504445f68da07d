import type { CheckinAnswer, CheckinRecord } from '../model/checkin.js';

/** The weekly check-ins asked and the answers given, per agency and ISO week. */
export interface CheckinStore {
  /** Keeps the agency's check-in of that week unless one is kept already; returns the one kept (the first). */
  open(record: CheckinRecord): Promise<CheckinRecord>;
  get(agency: string, week: string): Promise<CheckinRecord | undefined>;
  /** The agency's most recent check-in asked at or before `at` (epoch ms). */
  latest(agency: string, at: number): Promise<CheckinRecord | undefined>;
  /** Marks a commitment as checked in that week (a later answer replaces an earlier one). */
  answer(agency: string, week: string, answer: CheckinAnswer): Promise<void>;
  /** Commitment id to its answer, for one check-in. */
  answers(agency: string, week: string): Promise<Map<string, CheckinAnswer>>;
}
