import type { ConversationReference } from 'botbuilder';
import type { Cluster, Redis } from 'ioredis';
import { globLiteral, scanKeys } from '../../src/redis/scan-keys.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import { baseConversationId } from './conversation-ids.js';

export interface ConversationStoreOptions {
  redis: Redis | Cluster;
  /** Key prefix shared with the core stores; keep its `{hash tag}` on a cluster. Default `{ft}:`. */
  prefix?: string;
}

export interface StoredConversation {
  reference: ConversationReference;
  teamId?: string;
}

/**
 * The conversation references the scheduler posts with: one per channel, group chat or personal chat
 * the bot is in, keyed by the conversation id without its thread suffix. A team's channels are also
 * listed under the team, so that removing the bot from a team forgets all of them at once.
 */
export class ConversationStore {
  private readonly redis: Redis | Cluster;
  private readonly prefix: string;

  constructor(options: ConversationStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? DEFAULT_KEY_PREFIX;
  }

  /** Stores where to post in the conversation of `reference` (never which message it came from). */
  async save(reference: Partial<ConversationReference>, teamId?: string): Promise<string | undefined> {
    const conversation = reference.conversation;
    if (!conversation?.id || !reference.serviceUrl || !reference.bot || !reference.channelId)
      return undefined;
    const id = baseConversationId(conversation.id);
    const stored: StoredConversation = {
      reference: {
        channelId: reference.channelId,
        serviceUrl: reference.serviceUrl,
        bot: { id: reference.bot.id, name: reference.bot.name },
        conversation: {
          id,
          isGroup: conversation.isGroup,
          conversationType: conversation.conversationType,
          tenantId: conversation.tenantId,
          name: conversation.name,
        },
        ...(reference.locale ? { locale: reference.locale } : {}),
      },
      ...(teamId ? { teamId } : {}),
    };
    const transaction = this.redis.multi().set(this.conversationKey(id), JSON.stringify(stored));
    if (teamId) transaction.sadd(this.teamKey(teamId), id);
    await transaction.exec();
    return id;
  }

  async get(conversationId: string): Promise<ConversationReference | undefined> {
    return (await this.read(baseConversationId(conversationId)))?.reference;
  }

  /** Forgets one conversation (a deleted channel, a chat the bot left). */
  async forget(conversationId: string): Promise<boolean> {
    const id = baseConversationId(conversationId);
    const stored = await this.read(id);
    const transaction = this.redis.multi().del(this.conversationKey(id));
    if (stored?.teamId) transaction.srem(this.teamKey(stored.teamId), id);
    await transaction.exec();
    return stored !== undefined;
  }

  /** Forgets every channel of a team the bot was removed from; returns their ids. */
  async forgetTeam(teamId: string): Promise<string[]> {
    const ids = await this.redis.smembers(this.teamKey(teamId));
    const transaction = this.redis.multi().del(this.teamKey(teamId));
    for (const id of ids) transaction.del(this.conversationKey(id));
    await transaction.exec();
    return ids;
  }

  /** Every stored conversation, a batch at a time (for a backup: this reads the whole key family). */
  async *all(): AsyncGenerator<StoredConversation[]> {
    const seen = new Set<string>();
    for await (const keys of scanKeys(this.redis, `${globLiteral(this.conversationKey(''))}*`)) {
      const fresh = keys.filter((key) => !seen.has(key));
      for (const key of fresh) seen.add(key);
      if (fresh.length === 0) continue;
      const values = await this.redis.mget(fresh);
      const found = values.flatMap((json) => (json ? [JSON.parse(json) as StoredConversation] : []));
      if (found.length > 0) yield found;
    }
  }

  private async read(id: string): Promise<StoredConversation | undefined> {
    const json = await this.redis.get(this.conversationKey(id));
    return json ? (JSON.parse(json) as StoredConversation) : undefined;
  }

  private conversationKey(id: string): string {
    return `${this.prefix}teams:conversation:${id}`;
  }

  private teamKey(teamId: string): string {
    return `${this.prefix}teams:team:${teamId}:conversations`;
  }
}
