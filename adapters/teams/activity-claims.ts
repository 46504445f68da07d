import type { Activity } from 'botbuilder';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isRedisUnavailable } from '../../src/redis/redis-errors.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import { baseConversationId } from './conversation-ids.js';

/** Teams gives up on redelivering within minutes; a day is ample and keeps the keys few. */
export const ACTIVITY_CLAIM_MS = 24 * 60 * 60 * 1000;

/**
 * Teams delivers an activity again when the bot's answer to it is slow (a turn may wait on the thread
 * pacer for up to 30 s), and a command, click or form run twice would add or change twice. The first
 * delivery claims the activity in Redis; a later one finds the claim and is only acknowledged.
 */
export class ActivityClaims {
  private readonly redis: Redis | Cluster;
  private readonly prefix: string;
  private readonly log: Logger;

  constructor(options: { redis: Redis | Cluster; prefix?: string; log: Logger }) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? DEFAULT_KEY_PREFIX;
    this.log = options.log;
  }

  /**
   * True when this delivery is the first of its activity. Activity ids of channel posts are timestamps,
   * so the conversation is part of the key. When Redis cannot answer, the activity runs: a rare
   * duplicate is better than a command lost.
   */
  async claim(activity: Partial<Activity>): Promise<boolean> {
    const conversationId = activity.conversation?.id;
    if (!activity.id || !conversationId) return true;
    const key = `${this.prefix}teams:activity:${baseConversationId(conversationId)}:${activity.id}`;
    try {
      if ((await this.redis.set(key, '1', 'PX', ACTIVITY_CLAIM_MS, 'NX')) === 'OK') return true;
    } catch (error) {
      // An outage is logged once by the process; its stack would add nothing per activity.
      const cause = isRedisUnavailable(error) ? { reason: (error as Error).message } : { err: error };
      this.log.warn(
        { activityId: activity.id, conversationId, ...cause },
        'could not claim a Teams activity; running it unchecked',
      );
      return true;
    }
    this.log.info(
      { activityId: activity.id, conversationId, activityType: activity.type },
      'Teams delivered an activity again; it was handled on its first delivery, so it is only acknowledged',
    );
    return false;
  }
}
