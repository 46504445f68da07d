/** The answers a weekly check-in offers for each commitment it asks about. */
export const CHECKIN_ANSWERS = ['on-track', 'at-risk', 'blocked', 'done', 'update'] as const;
export type CheckinAnswerKind = (typeof CHECKIN_ANSWERS)[number];

/** One agency's weekly check-in: which of its commitments it asked about, and when. */
export interface CheckinRecord {
  agency: string;
  /** `2026-W10`: the ISO week of the check-in's day, in the agency's zone; one check-in per agency per week. */
  week: string;
  /** When it was asked (ISO instant). */
  at: string;
  /** The commitments asked about, in the order the message lists them. */
  ids: string[];
}

/** Who answered a commitment's check-in, how and when: it is then checked for that week. */
export interface CheckinAnswer {
  id: string;
  answer: CheckinAnswerKind;
  /** `slack:U123`. */
  by: string;
  at: string;
}

export const CHECKIN_ANSWER_WORDS: Readonly<Record<CheckinAnswerKind, string>> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  blocked: 'Blocked',
  done: 'Done',
  update: 'Update posted',
};
