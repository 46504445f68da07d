/** The chat platforms followthrough speaks on. A third platform is a new adapter folder plus one name here. */
export const PLATFORMS = ['slack', 'teams', 'console'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A conversation on a platform that can receive posts: a Slack channel id, a Teams conversation id. */
export interface ChannelRef {
  platform: Platform;
  id: string;
}

/** A person on a platform, known by the platform's own user id. */
export interface PersonRef {
  platform: Platform;
  userId: string;
  name?: string;
}

/** `slack:C123` — the one string form used in Redis keys, config and logs. */
export function channelKey(channel: ChannelRef): string {
  return `${channel.platform}:${channel.id}`;
}

export function parseChannelKey(key: string): ChannelRef | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const platform = key.slice(0, colon);
  const id = key.slice(colon + 1);
  if (!id || !(PLATFORMS as readonly string[]).includes(platform)) return undefined;
  return { platform: platform as Platform, id };
}

export function personKey(person: PersonRef): string {
  return `${person.platform}:${person.userId}`;
}

export function samePerson(a: PersonRef | undefined, b: PersonRef | undefined): boolean {
  return !!a && !!b && a.platform === b.platform && a.userId === b.userId;
}

export function parsePersonKey(key: string): PersonRef | undefined {
  const channel = parseChannelKey(key);
  return channel ? { platform: channel.platform, userId: channel.id } : undefined;
}
