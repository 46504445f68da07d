import { describe, expect, it } from 'vitest';
import { UnknownAgencyError } from '../../src/errors/unknown-agency-error.js';
import type { Agency } from '../../src/model/agency.js';
import type { ChannelRef } from '../../src/model/platform.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { countCommands } from '../support/count-commands.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix, newConnection } = useTestRedis();

let suite = 0;
function fresh(connection = redis): RedisAgencyStore {
  return new RedisAgencyStore({ redis: connection, prefix: `${prefix}a${++suite}:` });
}

const SLACK: ChannelRef = { platform: 'slack', id: 'C0MITI' };
const TEAMS: ChannelRef = { platform: 'teams', id: '19:abc@thread.tacv2;messageid=1' };
const SHARED: ChannelRef = { platform: 'slack', id: 'C0JOINT' };

function agency(code: string, overrides: Partial<Agency> = {}): Agency {
  return { code, name: `${code} agency`, timeZone: 'Asia/Kuala_Lumpur', channels: [], ...overrides };
}

describe('RedisAgencyStore', () => {
  it('stores an agency with every field and lists agencies by code', async () => {
    const store = fresh();
    const miti = agency('MITI', { country: 'MY-02', digestCron: '0 8 * * 1', channels: [SLACK] });
    await store.put(agency('MEITY', { timeZone: 'Asia/Kolkata', country: 'IN' }));
    await store.put(miti);
    expect(await store.get('MITI')).toEqual(miti);
    expect(await store.get('NOPE')).toBeUndefined();
    expect((await store.list()).map((a) => a.code)).toEqual(['MEITY', 'MITI']);
    expect(await store.agenciesForChannel(SLACK)).toEqual([miti]);
  });

  it('updates name, time zone, country and digest schedule of an existing agency but keeps its channels', async () => {
    const store = fresh();
    await store.put(agency('MITI', { country: 'MY', digestCron: '0 8 * * 1' }));
    await store.linkChannel('MITI', SLACK);
    // A stale channel list in the put neither unlinks SLACK nor links TEAMS.
    await store.put(agency('MITI', { name: 'Trade ministry', timeZone: 'UTC', channels: [TEAMS] }));
    expect(await store.get('MITI')).toEqual({
      code: 'MITI',
      name: 'Trade ministry',
      timeZone: 'UTC',
      channels: [SLACK],
    });
    expect(await store.agenciesForChannel(TEAMS)).toEqual([]);
  });

  it('links a channel once however often it is linked, in the order channels were linked', async () => {
    const store = fresh();
    await store.put(agency('MITI'));
    expect((await store.linkChannel('MITI', TEAMS)).channels).toEqual([TEAMS]);
    expect((await store.linkChannel('MITI', SLACK)).channels).toEqual([TEAMS, SLACK]);
    const again = await store.linkChannel('MITI', TEAMS);
    expect(again.channels).toEqual([TEAMS, SLACK]);
    expect(await store.get('MITI')).toEqual(again);
    expect(await store.agenciesForChannel(TEAMS)).toEqual([again]);
  });

  it('keeps every link when several processes link channels to one agency at once', async () => {
    const storePrefix = `${prefix}a${++suite}:`;
    const stores = Array.from(
      { length: 8 },
      () => new RedisAgencyStore({ redis: newConnection(), prefix: storePrefix }),
    );
    await stores[0]!.put(agency('MITI'));
    const channels = stores.map((_, i): ChannelRef => ({ platform: 'slack', id: `C${i}` }));
    await Promise.all(stores.map((store, i) => store.linkChannel('MITI', channels[i]!)));
    const linked = (await stores[0]!.get('MITI'))!.channels;
    expect(linked.map((c) => c.id).sort()).toEqual(channels.map((c) => c.id).sort());
  });

  it('lets one channel serve several agencies, and unlinking removes it from all of them', async () => {
    const store = fresh();
    await store.put(agency('MITI'));
    await store.put(agency('MEITY', { timeZone: 'Asia/Kolkata' }));
    await store.linkChannel('MITI', SLACK);
    await store.linkChannel('MITI', SHARED);
    await store.linkChannel('MEITY', SHARED);
    expect((await store.agenciesForChannel(SHARED)).map((a) => a.code)).toEqual(['MEITY', 'MITI']);

    await store.unlinkChannel(SHARED);
    expect(await store.agenciesForChannel(SHARED)).toEqual([]);
    expect((await store.get('MITI'))!.channels).toEqual([SLACK]);
    expect((await store.get('MEITY'))!.channels).toEqual([]);
    expect((await store.agenciesForChannel(SLACK)).map((a) => a.code)).toEqual(['MITI']);
    await store.unlinkChannel(SHARED); // unlinking what is not linked is harmless
    expect((await store.get('MITI'))!.channels).toEqual([SLACK]);
  });

  it('refuses to link a channel to an unknown agency, naming the known ones, and records nothing', async () => {
    const store = fresh();
    await store.put(agency('MITI'));
    const error = await store.linkChannel('MOD', SLACK).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownAgencyError);
    expect((error as Error).message).toContain('MITI');
    expect(await store.agenciesForChannel(SLACK)).toEqual([]);
  });

  it('keeps channel ids with JSON-significant characters intact', async () => {
    const store = fresh();
    const odd: ChannelRef = { platform: 'teams', id: 'a:"b"\\c/d é' };
    await store.put(agency('MITI'));
    await store.linkChannel('MITI', odd);
    expect((await store.get('MITI'))!.channels).toEqual([odd]);
    expect((await store.agenciesForChannel(odd)).map((a) => a.code)).toEqual(['MITI']);
  });

  it('serves a change made by another process (another store on its own connection) at the next read', async () => {
    const prefixOf = `${prefix}a${++suite}:`;
    const web = new RedisAgencyStore({ redis: newConnection(), prefix: prefixOf });
    const worker = new RedisAgencyStore({ redis: newConnection(), prefix: prefixOf });
    await web.put(agency('MITI'));
    expect(await worker.agenciesForChannel(SLACK)).toEqual([]);
    expect((await worker.snapshot()).get('MITI')?.timeZone).toBe('Asia/Kuala_Lumpur');

    await web.linkChannel('MITI', SLACK);
    expect((await worker.agenciesForChannel(SLACK)).map((a) => a.code)).toEqual(['MITI']);
    await web.put(agency('MITI', { timeZone: 'Asia/Kolkata' }));
    expect((await worker.get('MITI'))?.timeZone).toBe('Asia/Kolkata');
    expect(worker.timeZoneOf('MITI')).toBe('Asia/Kolkata');
    await web.unlinkChannel(SLACK);
    expect(await worker.agenciesForChannel(SLACK)).toEqual([]);
    await web.remove('MITI');
    expect(await worker.list()).toEqual([]);
  });

  it('answers from memory after one GET of the version while nothing changed, and reloads once when it did', async () => {
    const connection = newConnection();
    const storePrefix = `${prefix}a${++suite}:`;
    const store = new RedisAgencyStore({ redis: connection, prefix: storePrefix });
    await store.put(agency('MITI', { channels: [SLACK] }));
    await store.put(agency('MEITY'));
    await store.snapshot();
    const unchanged = await countCommands(connection, async () => {
      await store.snapshot();
      await store.agenciesForChannel(SLACK);
    });
    expect(unchanged.names).toEqual(['get', 'get']);
    await new RedisAgencyStore({ redis, prefix: storePrefix }).linkChannel('MEITY', SLACK);
    const changed = await countCommands(connection, () =>
      Promise.all([store.snapshot(), store.snapshot(), store.snapshot()]),
    );
    // Three callers found it stale together and shared one reload.
    expect(changed.names.filter((name) => name === 'hgetall')).toEqual(['hgetall', 'hgetall']);
    expect((await store.agenciesForChannel(SLACK)).map((a) => a.code)).toEqual(['MEITY', 'MITI']);
  });
});
