import { lastProgressAt } from '../messages/overdue-message.js';
import type { CheckinRecord } from '../model/checkin.js';
import { type Commitment, leadAgency } from '../model/commitment.js';
import { isClosed } from '../model/status.js';
import { type Audience, canSee } from '../model/visibility.js';
import type { CheckinStore } from '../store/checkin-store.js';
import type { CommitmentStore } from '../store/commitment-store.js';

/** A commitment with no progress note (nor creation) this recent is asked about at the weekly check-in. */
export const NEWS_WINDOW_MS = 7 * 86_400_000;

/**
 * Asked about at its lead agency's check-in: open, and without news for a week, that is no progress note
 * in the last 7 days (one created in those days is news in itself). Supporting agencies hear of it in
 * their reminders; the lead answers for it.
 */
export function needsCheckin(commitment: Commitment, agency: string, now: Date): boolean {
  return (
    !isClosed(commitment.status) &&
    leadAgency(commitment) === agency &&
    now.getTime() - lastProgressAt(commitment) >= NEWS_WINDOW_MS
  );
}

/** How a check-in stands: how many it asked about, and which of those have had no news since. */
export interface CheckinStanding {
  record: CheckinRecord;
  asked: number;
  /** Neither answered, nor given a progress note, nor closed since the check-in was asked. */
  withoutNews: string[];
}

export function standingOf(
  record: CheckinRecord,
  commitments: readonly Commitment[],
  answered: ReadonlySet<string>,
): CheckinStanding {
  const asked = Date.parse(record.at);
  const byId = new Map(commitments.map((c) => [c.id, c]));
  const withoutNews = record.ids.filter((id) => {
    const commitment = byId.get(id);
    return (
      !!commitment && !answered.has(id) && !isClosed(commitment.status) && lastProgressAt(commitment) < asked
    );
  });
  return { record, asked: record.ids.length, withoutNews };
}

/**
 * The agency's latest check-in asked at or before `at`, and how it stands now, of what the audience may
 * see: what it was asked about that the audience may not see is left out, counted nowhere. Three reads.
 */
export async function latestStanding(
  checkins: CheckinStore,
  commitments: CommitmentStore,
  agency: string,
  at: number,
  audience: Audience,
): Promise<CheckinStanding | undefined> {
  const record = await checkins.latest(agency, at);
  if (!record) return undefined;
  const [items, answers] = await Promise.all([
    commitments.getMany(record.ids),
    checkins.answers(agency, record.week),
  ]);
  const hidden = new Set(items.filter((c) => !canSee(audience, c)).map((c) => c.id));
  const seen = hidden.size === 0 ? record : { ...record, ids: record.ids.filter((id) => !hidden.has(id)) };
  return standingOf(
    seen,
    items.filter((c) => !hidden.has(c.id)),
    new Set(answers.keys()),
  );
}
