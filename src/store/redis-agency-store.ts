import type { Cluster, Redis } from 'ioredis';
import { UnknownAgencyError } from '../errors/unknown-agency-error.js';
import type { Agency } from '../model/agency.js';
import type { ChannelRef } from '../model/platform.js';
import { channelKey, parseChannelKey } from '../model/platform.js';
import { AgencySnapshotOf } from './agency-snapshot.js';
import type { AgencySnapshot, AgencyStore } from './commitment-store.js';
import { FreshRead } from './fresh-read.js';
import { LuaScript } from './lua-script.js';
import { type AgencyKeys, agencyKeys, DEFAULT_KEY_PREFIX } from './redis-keys.js';

export interface RedisAgencyStoreOptions {
  redis: Redis | Cluster;
  /** Key prefix; keep a `{hash tag}` in it on a cluster. Default `{ft}:`. */
  prefix?: string;
  /** The zone `timeZoneOf` answers for an agency it has not seen (TRACKER_TZ). */
  defaultTimeZone?: string;
}

type AgencyFields = Omit<Agency, 'channels'>;

/**
 * Agencies as one hash of code -> JSON, their channels as a second hash of code -> channel keys, and a
 * set per channel of the agencies linked to it, kept in step by Lua scripts that also bump a version.
 * Every read goes through a snapshot kept in memory: a read first asks Redis for the version (one small
 * GET, shared by the reads that ask while it is on its way but always sent after each of them asked)
 * and reloads only when it moved, so a change made by any process is seen by the next command of every
 * other, without each command decoding every agency again.
 */
export class RedisAgencyStore implements AgencyStore {
  private readonly redis: Redis | Cluster;
  private readonly keys: AgencyKeys;
  private readonly putScript: LuaScript;
  private readonly linkScript: LuaScript;
  private readonly unlinkScript: LuaScript;
  private readonly removeScript: LuaScript;
  private readonly zones = new Map<string, string>();
  private readonly defaultTimeZone: string;
  private cached?: { version: string; snapshot: AgencySnapshot };
  private loading?: Promise<AgencySnapshot>;
  /** Commands arriving together share the version's GET; each still gets one sent after it asked. */
  private readonly version: FreshRead<string | null>;

  constructor(options: RedisAgencyStoreOptions) {
    this.redis = options.redis;
    this.keys = agencyKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.defaultTimeZone = options.defaultTimeZone ?? 'UTC';
    this.version = new FreshRead(() => this.redis.get(this.keys.version));
    const script = (name: string, file: string) =>
      new LuaScript(options.redis, name, new URL(file, import.meta.url));
    this.putScript = script('followthroughPutAgency', './agency-put.lua');
    this.linkScript = script('followthroughLinkChannel', './agency-link-channel.lua');
    this.unlinkScript = script('followthroughUnlinkChannel', './agency-unlink-channel.lua');
    this.removeScript = script('followthroughRemoveAgency', './agency-remove.lua');
  }

  /**
   * Writes the agency's name, time zone, country and digest schedule. An existing agency keeps the
   * channels it has (a stale `channels` list must not undo a link or unlink made meanwhile); a new one
   * starts with the channels given.
   */
  async put(agency: Agency): Promise<void> {
    const channels = [...new Set(agency.channels.map(channelKey))];
    await this.putScript.run(
      [this.keys.agencies, this.keys.channels, this.keys.version, ...channels.map(this.keys.channelAgencies)],
      [agency.code, encodeAgencyFields(agency), JSON.stringify(channels)],
    );
    this.zones.set(agency.code, agency.timeZone);
  }

  /**
   * The zone of an agency as last read or written by this store: synchronous, for the commitment
   * store's deadline scores. Every command takes a snapshot first, so it is fresh where it matters.
   */
  timeZoneOf = (code: string): string => this.zones.get(code) ?? this.defaultTimeZone;

  async snapshot(): Promise<AgencySnapshot> {
    const version = (await this.version.get()) ?? '0';
    if (this.cached?.version === version) return this.cached.snapshot;
    // Callers that find it stale at the same moment share one reload.
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** The version and both hashes in one transaction, so the snapshot is of one moment. */
  private async load(): Promise<AgencySnapshot> {
    const replies = (await this.redis
      .multi()
      .get(this.keys.version)
      .hgetall(this.keys.agencies)
      .hgetall(this.keys.channels)
      .exec()) as [Error | null, unknown][] | null;
    const [version, fieldsByCode, channelsByCode] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [string | null, Record<string, string>, Record<string, string>];
    const agencies = Object.keys(fieldsByCode ?? {})
      .sort()
      .map((code) => decodeAgency(fieldsByCode[code]!, channelsByCode?.[code]));
    this.zones.clear();
    for (const agency of agencies) this.zones.set(agency.code, agency.timeZone);
    const snapshot = new AgencySnapshotOf(agencies);
    this.cached = { version: version ?? '0', snapshot };
    return snapshot;
  }

  async get(code: string): Promise<Agency | undefined> {
    return (await this.snapshot()).get(code);
  }

  /** Every agency, by code. */
  async list(): Promise<Agency[]> {
    return [...(await this.snapshot()).all];
  }

  /** The agencies the channel is linked to, by code. */
  async agenciesForChannel(channel: ChannelRef): Promise<Agency[]> {
    return (await this.snapshot()).forChannel(channel);
  }

  async linkChannel(code: string, channel: ChannelRef): Promise<Agency> {
    const key = channelKey(channel);
    const linked = (await this.linkScript.run(
      [this.keys.agencies, this.keys.channels, this.keys.channelAgencies(key), this.keys.version],
      [code, key],
    )) as [string, string] | null;
    if (!linked) throw new UnknownAgencyError(code, (await this.redis.hkeys(this.keys.agencies)).sort());
    return decodeAgency(linked[0], linked[1]);
  }

  async remove(code: string): Promise<boolean> {
    const channels = JSON.parse((await this.redis.hget(this.keys.channels, code)) ?? '[]') as string[];
    const removed = await this.removeScript.run(
      [this.keys.agencies, this.keys.channels, this.keys.version, ...channels.map(this.keys.channelAgencies)],
      [code],
    );
    this.zones.delete(code);
    return removed === 1;
  }

  async unlinkChannel(channel: ChannelRef): Promise<void> {
    const key = channelKey(channel);
    await this.unlinkScript.run(
      [this.keys.channels, this.keys.channelAgencies(key), this.keys.version],
      [key],
    );
  }
}

/**
 * Every field but the channels (kept apart, for linking without rewriting the agency), so that a field
 * added to Agency is stored without a change here; unset ones leave no trace.
 */
function encodeAgencyFields(agency: Agency): string {
  const { channels: _channels, ...fields }: Agency = agency;
  return JSON.stringify(fields satisfies AgencyFields);
}

function decodeAgency(fieldsJson: string, channelsJson: string | null | undefined): Agency {
  const fields = JSON.parse(fieldsJson) as AgencyFields;
  const keys = channelsJson ? (JSON.parse(channelsJson) as string[]) : [];
  const channels = keys.flatMap((key) => {
    const channel = parseChannelKey(key);
    return channel ? [channel] : [];
  });
  return { ...fields, channels };
}
