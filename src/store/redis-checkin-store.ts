import type { Cluster, Redis } from 'ioredis';
import type { CheckinAnswer, CheckinRecord } from '../model/checkin.js';
import type { CheckinStore } from './checkin-store.js';
import { DEFAULT_KEY_PREFIX } from './redis-keys.js';

/** Long enough for a quarter's digests and roll-ups to look back at; older check-ins are forgotten. */
const KEEP_SECONDS = 120 * 86_400;
const RECORD_FIELD = 'record';
const ANSWER_FIELD = 'answer:';

export interface CheckinKeys {
  /** Hash: `record` -> JSON of the check-in, `answer:<id>` -> JSON of each answer. */
  checkin(agency: string, week: string): string;
  /** Zset of an agency's check-in weeks, scored by when each was asked. */
  weeks(agency: string): string;
}

export function checkinKeys(prefix: string = DEFAULT_KEY_PREFIX): CheckinKeys {
  return {
    checkin: (agency, week) => `${prefix}checkin:${agency}:${week}`,
    weeks: (agency) => `${prefix}checkins:${agency}`,
  };
}

/** Check-ins in Redis: one hash per agency and week, and a per-agency index of the weeks. */
export class RedisCheckinStore implements CheckinStore {
  private readonly keys: CheckinKeys;

  constructor(
    private readonly redis: Redis | Cluster,
    prefix: string = DEFAULT_KEY_PREFIX,
  ) {
    this.keys = checkinKeys(prefix);
  }

  async open(record: CheckinRecord): Promise<CheckinRecord> {
    const key = this.keys.checkin(record.agency, record.week);
    const weeks = this.keys.weeks(record.agency);
    const at = Date.parse(record.at);
    // HSETNX keeps the first run's list whatever runs after it (a retry, a second worker).
    const replies = await this.redis
      .multi()
      .hsetnx(key, RECORD_FIELD, JSON.stringify(record))
      .hget(key, RECORD_FIELD)
      .expire(key, KEEP_SECONDS)
      .zadd(weeks, 'NX', at, record.week)
      .zremrangebyscore(weeks, '-inf', `(${at - KEEP_SECONDS * 1000}`)
      .exec();
    const [error, kept] = replies?.[1] ?? [new Error('the check-in was not stored'), null];
    if (error) throw error;
    return JSON.parse(kept as string) as CheckinRecord;
  }

  async get(agency: string, week: string): Promise<CheckinRecord | undefined> {
    const json = await this.redis.hget(this.keys.checkin(agency, week), RECORD_FIELD);
    return json ? (JSON.parse(json) as CheckinRecord) : undefined;
  }

  async latest(agency: string, at: number): Promise<CheckinRecord | undefined> {
    const [week] = await this.redis.zrevrangebyscore(this.keys.weeks(agency), at, '-inf', 'LIMIT', 0, 1);
    return week ? this.get(agency, week) : undefined;
  }

  async answer(agency: string, week: string, answer: CheckinAnswer): Promise<void> {
    const key = this.keys.checkin(agency, week);
    await this.redis
      .multi()
      .hset(key, `${ANSWER_FIELD}${answer.id}`, JSON.stringify(answer))
      .expire(key, KEEP_SECONDS)
      .exec();
  }

  async answers(agency: string, week: string): Promise<Map<string, CheckinAnswer>> {
    const hash = await this.redis.hgetall(this.keys.checkin(agency, week));
    const answers = new Map<string, CheckinAnswer>();
    for (const [field, json] of Object.entries(hash)) {
      if (field.startsWith(ANSWER_FIELD)) answers.set(field.slice(ANSWER_FIELD.length), JSON.parse(json));
    }
    return answers;
  }
}
