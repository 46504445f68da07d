import type { ConversationReference } from 'botbuilder';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { type BackupSection, backupSection } from '../../src/backup/backup-section.js';
import { anyKey, globLiteral } from '../../src/redis/scan-keys.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import { ConversationStore } from './conversation-store.js';
import { PeopleNames } from './people-names.js';

const records = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('teams-conversation'),
    reference: z.looseObject({
      channelId: z.string().min(1),
      serviceUrl: z.url(),
      bot: z.looseObject({ id: z.string().min(1) }),
      conversation: z.looseObject({ id: z.string().min(1) }),
    }),
    teamId: z.string().min(1).optional(),
  }),
  z.strictObject({ kind: z.literal('teams-person'), userId: z.string().min(1), name: z.string().min(1) }),
]);

/**
 * What the Teams adapter keeps in Redis and a restored tracker needs: the conversation reference of
 * every channel and chat the bot was added to (without it the bot cannot post there until someone
 * writes to it again), with the team it belongs to, and the display names of the people it has met
 * (Teams shows a mention exactly as written). Written back through the adapter's own stores.
 */
export function teamsBackup(options: { redis: Redis | Cluster; prefix?: string }): BackupSection {
  const prefix = options.prefix ?? DEFAULT_KEY_PREFIX;
  const conversations = new ConversationStore({ redis: options.redis, prefix });
  const people = new PeopleNames({ redis: options.redis, prefix });
  return backupSection({
    name: 'teams',
    kinds: ['teams-conversation', 'teams-person'],
    schema: records,
    async isEmpty() {
      for await (const _ of people.all()) return false;
      return !(await anyKey(options.redis, `${globLiteral(prefix)}teams:conversation:*`));
    },
    async *read() {
      for await (const batch of conversations.all()) {
        yield batch.map((stored) => ({ kind: 'teams-conversation', ...stored }));
      }
      for await (const batch of people.all()) {
        yield batch.map((person) => ({ kind: 'teams-person', ...person }));
      }
    },
    async write(batch) {
      for (const record of batch) {
        if (record.kind === 'teams-conversation')
          await conversations.save(
            record.reference as unknown as Partial<ConversationReference>,
            record.teamId,
          );
      }
      const named = batch.flatMap((record) =>
        record.kind === 'teams-person'
          ? [{ platform: 'teams' as const, userId: record.userId, name: record.name }]
          : [],
      );
      await people.remember(named);
    },
  });
}
