import type { Cluster, Redis } from 'ioredis';
import type { Block, Inline, Message } from '../../src/messages/message.js';
import type { PersonRef } from '../../src/model/platform.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';

/**
 * Display names of the Teams people the bot has met. The core stores authors as `teams:<id>` without a
 * name, and a Teams mention shows exactly the text it is written with (unlike Slack, which looks the
 * name up), so names are filled in before a message is drawn.
 */
export class PeopleNames {
  private readonly redis: Redis | Cluster;
  private readonly key: string;

  constructor(options: { redis: Redis | Cluster; prefix?: string }) {
    this.redis = options.redis;
    this.key = `${options.prefix ?? DEFAULT_KEY_PREFIX}teams:people`;
  }

  async remember(people: readonly PersonRef[]): Promise<void> {
    const named = people.filter((person) => person.platform === 'teams' && person.name);
    if (named.length === 0) return;
    await this.redis.hset(this.key, Object.fromEntries(named.map((person) => [person.userId, person.name!])));
  }

  /** Every name known, a page at a time (for a backup). */
  async *all(): AsyncGenerator<{ userId: string; name: string }[]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.key, cursor, 'COUNT', 500);
      cursor = next;
      const page = [];
      for (let i = 0; i < flat.length; i += 2) page.push({ userId: flat[i]!, name: flat[i + 1]! });
      if (page.length > 0) yield page;
    } while (cursor !== '0');
  }

  /**
   * The messages with every nameless Teams person named, where the name is known. Names are a nicety:
   * if Redis fails here the messages are drawn as they are.
   */
  async fill(messages: readonly Message[]): Promise<Message[]> {
    try {
      return await this.named(messages);
    } catch {
      return [...messages];
    }
  }

  private async named(messages: readonly Message[]): Promise<Message[]> {
    const ids = [...new Set(messages.flatMap((message) => message.blocks.flatMap(namelessIn)))];
    if (ids.length === 0) return [...messages];
    const found = await this.redis.hmget(this.key, ...ids);
    const names = new Map(ids.flatMap((id, i) => (found[i] ? [[id, found[i]!] as const] : [])));
    if (names.size === 0) return [...messages];
    const name = (person: PersonRef): PersonRef =>
      person.platform === 'teams' && !person.name && names.has(person.userId)
        ? { ...person, name: names.get(person.userId)! }
        : person;
    return messages.map((message) => ({
      ...message,
      blocks: message.blocks.map((block) => nameBlock(block, name)),
    }));
  }
}

function namelessIn(block: Block): string[] {
  const people: PersonRef[] =
    block.type === 'section'
      ? block.content.flatMap((part) =>
          part.kind === 'mention' || part.kind === 'person' ? [part.person] : [],
        )
      : block.type === 'commitments'
        ? block.items.flatMap((item) => (item.person ? [item.person] : []))
        : [];
  return people
    .filter((person) => person.platform === 'teams' && !person.name)
    .map((person) => person.userId);
}

function nameBlock(block: Block, name: (person: PersonRef) => PersonRef): Block {
  if (block.type === 'section') {
    return {
      ...block,
      content: block.content.map(
        (part): Inline =>
          part.kind === 'mention' || part.kind === 'person' ? { ...part, person: name(part.person) } : part,
      ),
    };
  }
  if (block.type === 'commitments') {
    return {
      ...block,
      items: block.items.map((item) => (item.person ? { ...item, person: name(item.person) } : item)),
    };
  }
  return block;
}
