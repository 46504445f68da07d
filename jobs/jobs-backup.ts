import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { type BackupRecord, type BackupSection, backupSection } from '../src/backup/backup-section.js';
import { instant } from '../src/backup/model-schemas.js';
import type { ScoreSnapshots } from '../src/digest/scoreboard.js';
import { globLiteral, scanKeys } from '../src/redis/scan-keys.js';
import { DeliveryFailures } from './delivery/delivery-failures.js';
import { ScoreboardSnapshots } from './routines/scoreboard-snapshots.js';
import { type SchedulerKeys, schedulerKeys } from './scheduler-keys.js';

const PAGE = 500;
const week = z.string().regex(/^\d{4}-W\d{2}$/, { error: 'is not an ISO week (2026-W10)' });
/** When Redis forgets it; absent when it is kept for good. */
const expiresAt = instant.optional();

const records = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scoreboard-figures'),
    week,
    figures: z.record(z.string(), z.unknown()),
    expiresAt,
  }),
  z.strictObject({ kind: z.literal('escalated'), week, ids: z.array(z.string()).min(1), expiresAt }),
  z.strictObject({
    kind: z.literal('delivery-failure'),
    key: z.string().min(1),
    channel: z.string(),
    reason: z.string(),
    at: instant,
    about: z.string().min(1).optional(),
    expiresAt,
  }),
  z.strictObject({ kind: z.literal('failure-report-cursor'), at: z.number().int().min(0) }),
]);

/**
 * The jobs floor's records that make a restored tracker behave as the original would have: each week's
 * scoreboard figures (next week's scoreboard shows the change), the commitments already escalated this
 * week (not escalated twice), the deliveries that failed for good and how far the coordination unit's
 * daily report has listed them. Reminders and schedules are not carried: they are planned again from
 * the restored commitments and agencies. Delivery records, pacing and locks are about posts under way
 * and are left out. This is bookkeeping, not the operators' data, so it never makes a store non-empty.
 */
export function jobsBackup(options: { redis: Redis | Cluster; prefix: string }): BackupSection {
  const { redis } = options;
  const keys = schedulerKeys(options.prefix);
  const snapshots = new ScoreboardSnapshots(redis, keys);
  const failures = new DeliveryFailures(redis, keys);
  return backupSection({
    name: 'jobs',
    kinds: ['scoreboard-figures', 'escalated', 'delivery-failure', 'failure-report-cursor'],
    schema: records,
    isEmpty: async () => true,
    async *read() {
      yield* keyed(redis, keys.scoreboardFigures(''), async (_key, week) => {
        const figures = await snapshots.read(week);
        return figures ? { kind: 'scoreboard-figures', week, figures } : undefined;
      });
      yield* keyed(redis, keys.escalated(''), async (key, week) => {
        const ids = await redis.smembers(key);
        return ids.length > 0 ? { kind: 'escalated', week, ids } : undefined;
      });
      yield* readFailures(redis, keys);
      const cursor = await redis.get(keys.failureReportCursor);
      if (cursor !== null) yield [{ kind: 'failure-report-cursor', at: Number(cursor) }];
    },
    async write(batch) {
      for (const record of batch) {
        let key: string | undefined;
        if (record.kind === 'scoreboard-figures') {
          await snapshots.keep(record.week, record.figures as ScoreSnapshots);
          key = keys.scoreboardFigures(record.week);
        } else if (record.kind === 'escalated') {
          await redis.sadd(keys.escalated(record.week), ...record.ids);
          key = keys.escalated(record.week);
        } else if (record.kind === 'delivery-failure') {
          const { key: deliveryKey, channel, reason, at, about } = record;
          await failures.record({ key: deliveryKey, channel, reason, at, ...(about ? { about } : {}) });
          key = keys.failure(deliveryKey);
        } else {
          await redis.set(keys.failureReportCursor, String(record.at));
        }
        if (key && 'expiresAt' in record && record.expiresAt) {
          await redis.pexpireat(key, Date.parse(record.expiresAt));
        }
      }
    },
  });
}

/** Each key of a family (`<family><week>`), read into a record with when it expires. */
async function* keyed(
  redis: Redis | Cluster,
  family: string,
  read: (key: string, week: string) => Promise<BackupRecord | undefined>,
): AsyncGenerator<BackupRecord[]> {
  const seen = new Set<string>();
  for await (const batch of scanKeys(redis, `${globLiteral(family)}*`)) {
    const page: BackupRecord[] = [];
    for (const key of batch) {
      if (seen.has(key)) continue;
      seen.add(key);
      const record = await read(key, key.slice(family.length));
      if (record) page.push(await withExpiry(redis, key, record));
    }
    if (page.length > 0) yield page;
  }
}

/** The failures still kept, oldest first, by rank of the failures' sorted set. */
async function* readFailures(redis: Redis | Cluster, keys: SchedulerKeys): AsyncGenerator<BackupRecord[]> {
  for (let start = 0; ; start += PAGE) {
    const deliveryKeys = await redis.zrange(keys.failures, start, start + PAGE - 1);
    const page: BackupRecord[] = [];
    for (const deliveryKey of deliveryKeys) {
      const hash = await redis.hgetall(keys.failure(deliveryKey));
      if (!hash.at) continue;
      const failure = {
        kind: 'delivery-failure',
        key: deliveryKey,
        channel: hash.channel ?? '',
        reason: hash.reason ?? '',
        at: hash.at,
        ...(hash.about ? { about: hash.about } : {}),
      };
      page.push(await withExpiry(redis, keys.failure(deliveryKey), failure));
    }
    if (page.length > 0) yield page;
    if (deliveryKeys.length < PAGE) return;
  }
}

async function withExpiry(redis: Redis | Cluster, key: string, record: BackupRecord): Promise<BackupRecord> {
  // Redis's TTL is relative to its own clock, so the instant is taken from the real one, not a Clock.
  const ttl = await redis.pttl(key);
  return ttl > 0 ? { ...record, expiresAt: new Date(Date.now() + ttl).toISOString() } : record;
}
