import type { Cluster, Redis } from 'ioredis';
import { type Holiday, type HolidayScope, holidayScopeText, parseHolidayScope } from '../model/holiday.js';
import type { HolidayDays, HolidayStore, HolidayWrite, ScopedHoliday } from './holiday-store.js';
import { DEFAULT_KEY_PREFIX, type HolidayKeys, holidayKeys } from './redis-keys.js';

type StoredDay = Omit<Holiday, 'date'>;

/** One hash per scope (ISO day -> name and source) and a set of the scopes that have any. */
export class RedisHolidayStore implements HolidayStore {
  private readonly keys: HolidayKeys;

  constructor(
    private readonly redis: Redis | Cluster,
    prefix: string = DEFAULT_KEY_PREFIX,
  ) {
    this.keys = holidayKeys(prefix);
  }

  put(scope: HolidayScope, holidays: readonly Holiday[]): Promise<HolidayWrite> {
    return this.replaceYears(scope, [], holidays);
  }

  async replaceYears(
    scope: HolidayScope,
    years: readonly number[],
    holidays: readonly Holiday[],
  ): Promise<HolidayWrite> {
    const key = this.keys.days(holidayScopeText(scope));
    const existing = await this.redis.hgetall(key);
    const given = new Set(holidays.map((holiday) => holiday.date));
    const yearTexts = new Set(years.map(String));
    const stale = Object.keys(existing).filter((date) => yearTexts.has(date.slice(0, 4)) && !given.has(date));
    const write: HolidayWrite = { added: 0, updated: 0, removed: stale.length };
    const transaction = this.redis.multi();
    if (stale.length > 0) transaction.hdel(key, ...stale);
    for (const { date, name, source } of holidays) {
      const value = JSON.stringify({ name, source } satisfies StoredDay);
      if (existing[date] === undefined) write.added += 1;
      else if (existing[date] !== value) write.updated += 1;
      transaction.hset(key, date, value);
    }
    if (holidays.length > 0) transaction.sadd(this.keys.scopes, holidayScopeText(scope));
    await transaction.exec();
    return write;
  }

  async remove(scope: HolidayScope, date: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.days(holidayScopeText(scope)), date)) === 1;
  }

  async list(scope: HolidayScope): Promise<Holiday[]> {
    const stored = await this.redis.hgetall(this.keys.days(holidayScopeText(scope)));
    return Object.entries(stored)
      .map(([date, json]) => ({ date, ...(JSON.parse(json) as StoredDay) }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  async scopes(): Promise<HolidayScope[]> {
    const texts = (await this.redis.smembers(this.keys.scopes)).sort();
    return texts.flatMap((text) => {
      const scope = parseHolidayScope(text);
      return scope ? [scope] : [];
    });
  }

  async daysOf(scopes: readonly HolidayScope[]): Promise<HolidayDays> {
    const pipeline = this.redis.pipeline();
    for (const scope of scopes) pipeline.hgetall(this.keys.days(holidayScopeText(scope)));
    const replies = (await pipeline.exec()) ?? [];
    const days = new Map<string, ScopedHoliday>();
    replies.forEach(([error, stored], index) => {
      if (error) throw error;
      for (const [date, json] of Object.entries(stored as Record<string, string>)) {
        days.set(date, { date, ...(JSON.parse(json) as StoredDay), scope: scopes[index]! });
      }
    });
    return days;
  }

  async clear(scope: HolidayScope): Promise<void> {
    const text = holidayScopeText(scope);
    await this.redis.multi().del(this.keys.days(text)).srem(this.keys.scopes, text).exec();
  }
}
