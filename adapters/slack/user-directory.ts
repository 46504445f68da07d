import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

export interface SlackUser {
  id: string;
  /** The name people see: display name, else real name, else the handle. */
  name: string;
  deleted: boolean;
  bot: boolean;
  /** Lower-cased handle, display name and real name: what `@someone` may have meant. */
  handles: string[];
}

interface Cached<T> {
  value: T;
  until: number;
}

const PROFILE_TTL_MS = 60 * 60 * 1000;
const LIST_TTL_MS = 10 * 60 * 1000;
const MEMBERS_TTL_MS = 5 * 60 * 1000;
/** users.list pages of 200: enough for a workspace of 10 000 people before we stop looking. */
const MAX_LIST_PAGES = 50;
const MAX_CACHED_PROFILES = 5000;

/**
 * What the adapter needs to know about people and channels, from users.info, users.list and
 * conversations.members, cached so a busy channel does not spend Slack's rate limits on it.
 */
export class SlackUserDirectory {
  private readonly profiles = new Map<string, Cached<SlackUser | undefined>>();
  private readonly members = new Map<string, Cached<Set<string>>>();
  private readonly lookups = new Map<string, Promise<SlackUser | undefined>>();
  private readonly memberLookups = new Map<string, Promise<Set<string>>>();
  private everyone?: Cached<SlackUser[]>;

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The user, or undefined when Slack does not know them; a failed lookup is logged, not thrown. Lookups
   * of one person made while one is under way share it: a burst of first commands is one users.info.
   */
  async user(userId: string): Promise<SlackUser | undefined> {
    const cached = this.profiles.get(userId);
    if (cached && cached.until > this.now()) return cached.value;
    const pending = this.lookups.get(userId);
    if (pending) return pending;
    const lookup = this.lookUp(userId).finally(() => this.lookups.delete(userId));
    this.lookups.set(userId, lookup);
    return lookup;
  }

  private async lookUp(userId: string): Promise<SlackUser | undefined> {
    try {
      const result = await this.client.users.info({ user: userId });
      const user = result.user ? toSlackUser(result.user) : undefined;
      if (this.profiles.size >= MAX_CACHED_PROFILES) this.profiles.clear();
      this.profiles.set(userId, { value: user, until: this.now() + PROFILE_TTL_MS });
      return user;
    } catch (error) {
      this.log.warn({ err: error, userId }, 'users.info failed; going on without the profile');
      return undefined;
    }
  }

  /** What an earlier lookup found, for places that cannot wait for Slack. */
  known(userId: string): SlackUser | undefined {
    return this.profiles.get(userId)?.value;
  }

  knownName(userId: string): string | undefined {
    return this.known(userId)?.name;
  }

  /** The active people whose handle, display name or real name is `name`; throws when Slack fails. */
  async findByName(name: string): Promise<SlackUser[]> {
    const wanted = name.toLowerCase();
    const everyone = await this.allUsers();
    return everyone.filter((user) => !user.deleted && user.handles.includes(wanted));
  }

  /** Whether the user is in the channel; a channel Slack will not show us counts as not. */
  async isMember(channelId: string, userId: string): Promise<boolean> {
    const cached = this.members.get(channelId);
    if (cached && cached.until > this.now()) return cached.value.has(userId);
    let lookup = this.memberLookups.get(channelId);
    if (!lookup) {
      lookup = this.membersOf(channelId).finally(() => this.memberLookups.delete(channelId));
      this.memberLookups.set(channelId, lookup);
    }
    return (await lookup).has(userId);
  }

  private async membersOf(channelId: string): Promise<Set<string>> {
    try {
      const ids = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await this.client.conversations.members({ channel: channelId, limit: 1000, cursor });
        for (const id of page.members ?? []) ids.add(id);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      this.members.set(channelId, { value: ids, until: this.now() + MEMBERS_TTL_MS });
      return ids;
    } catch (error) {
      this.log.warn(
        { err: error, channelId },
        'conversations.members failed; treating the user as not a member',
      );
      return new Set();
    }
  }

  private async allUsers(): Promise<SlackUser[]> {
    if (this.everyone && this.everyone.until > this.now()) return this.everyone.value;
    const users: SlackUser[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await this.client.users.list({ limit: 200, cursor });
      for (const member of page.members ?? []) users.push(toSlackUser(member));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages += 1;
    } while (cursor && pages < MAX_LIST_PAGES);
    this.everyone = { value: users, until: this.now() + LIST_TTL_MS };
    return users;
  }
}

interface RawUser {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

function toSlackUser(raw: RawUser): SlackUser {
  const display = raw.profile?.display_name || undefined;
  const real = raw.profile?.real_name || raw.real_name || undefined;
  const handles = [raw.name, display, real].filter((h): h is string => !!h).map((h) => h.toLowerCase());
  return {
    id: raw.id ?? '',
    name: display ?? real ?? raw.name ?? raw.id ?? 'someone',
    deleted: raw.deleted === true,
    bot: raw.is_bot === true,
    handles: [...new Set(handles)],
  };
}
