import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { CHECKIN_ANSWERS, type CheckinAnswer, type CheckinRecord } from '../model/checkin.js';
import { anyKey, globLiteral, scanKeys } from '../redis/scan-keys.js';
import type { CheckinStore } from '../store/checkin-store.js';
import { checkinKeys } from '../store/redis-checkin-store.js';
import { type BackupRecord, type BackupSection, backupSection } from './backup-section.js';
import { agencyCode, commitmentId, instant } from './model-schemas.js';

const checkinRecord = z.strictObject({
  kind: z.literal('checkin'),
  record: z.looseObject({
    agency: agencyCode,
    week: z.string().regex(/^\d{4}-W\d{2}$/, { error: 'is not an ISO week (2026-W10)' }),
    at: instant,
    ids: z.array(commitmentId),
  }),
  answers: z.array(
    z.looseObject({ id: commitmentId, answer: z.enum(CHECKIN_ANSWERS), by: z.string(), at: instant }),
  ),
  /** When Redis forgets it (check-ins are kept 120 days); absent when it was kept for good. */
  expiresAt: instant.optional(),
});

/**
 * `{"kind":"checkin","record":{…},"answers":[…],"expiresAt":…}`: each weekly check-in still kept, with
 * the commitments it asked about and the answers given, so that a restored tracker's digests and
 * roll-ups count the same unanswered items, and it is forgotten when the original would have been.
 */
export function checkinBackup(deps: {
  redis: Redis | Cluster;
  prefix: string;
  checkins: CheckinStore;
}): BackupSection {
  const { redis } = deps;
  const keys = checkinKeys(deps.prefix);
  const weeksPrefix = keys.weeks('');
  return backupSection({
    name: 'checkins',
    kinds: ['checkin'],
    schema: checkinRecord,
    isEmpty: async () => !(await anyKey(redis, `${globLiteral(weeksPrefix)}*`)),
    async *read() {
      const seen = new Set<string>();
      for await (const batch of scanKeys(redis, `${globLiteral(weeksPrefix)}*`)) {
        for (const weeksKey of batch) {
          if (seen.has(weeksKey)) continue;
          seen.add(weeksKey);
          const records = await readAgency(redis, keys, deps.checkins, weeksKey.slice(weeksPrefix.length));
          if (records.length > 0) yield records;
        }
      }
    },
    async write(records) {
      for (const { record, answers, expiresAt } of records) {
        const kept = await deps.checkins.open(record as CheckinRecord);
        for (const answer of answers)
          await deps.checkins.answer(kept.agency, kept.week, answer as CheckinAnswer);
        if (expiresAt) await redis.pexpireat(keys.checkin(kept.agency, kept.week), Date.parse(expiresAt));
      }
    },
  });
}

/** An agency's check-ins (a few months of weeks), each with its answers and when Redis forgets it. */
async function readAgency(
  redis: Redis | Cluster,
  keys: ReturnType<typeof checkinKeys>,
  checkins: CheckinStore,
  agency: string,
): Promise<BackupRecord[]> {
  const records: BackupRecord[] = [];
  for (const week of await redis.zrange(keys.weeks(agency), 0, -1)) {
    const record = await checkins.get(agency, week);
    if (!record) continue;
    const answers = [...(await checkins.answers(agency, week)).values()];
    // Redis's TTL is relative to its own clock, so the instant is taken from the real one, not a Clock.
    const ttl = await redis.pttl(keys.checkin(agency, week));
    const entry: BackupRecord = { kind: 'checkin', record, answers };
    if (ttl > 0) entry.expiresAt = new Date(Date.now() + ttl).toISOString();
    records.push(entry);
  }
  return records;
}
