import type { MessageMetadata, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { slackFailure } from './slack-failure.js';

/** The metadata event type under which each post carries its delivery key. */
export const DELIVERY_METADATA_TYPE = 'followthrough_delivery';

/** How far back a first attempt can be: the delivery queue's retries end well within a day. */
const LOOKBACK_SECONDS = 24 * 60 * 60;
/** The channel's latest messages searched; a retry comes minutes after the first attempt. */
const LATEST = 200;

/** The metadata a post carries so that it can be found again. */
export function deliveryMetadata(deliveryKey: string): MessageMetadata {
  return { event_type: DELIVERY_METADATA_TYPE, event_payload: { key: deliveryKey } };
}

/**
 * Finds a post made earlier for this delivery key: in the channel's recent history, or among the replies
 * of a thread. Undefined when there is none, or when the history cannot be read (the history scopes are
 * missing, the bot left): then the caller posts, and this is logged.
 */
export async function findPost(
  client: WebClient,
  log: Logger,
  where: { channelId: string; threadTs?: string },
  deliveryKey: string,
): Promise<string | undefined> {
  try {
    const result = where.threadTs
      ? await client.conversations.replies({
          channel: where.channelId,
          ts: where.threadTs,
          include_all_metadata: true,
          limit: LATEST,
        })
      : await client.conversations.history({
          channel: where.channelId,
          include_all_metadata: true,
          limit: LATEST,
          oldest: String(Math.floor(Date.now() / 1000) - LOOKBACK_SECONDS),
        });
    const found = result.messages?.find(
      (message) =>
        message.metadata?.event_type === DELIVERY_METADATA_TYPE &&
        (message.metadata.event_payload as { key?: unknown } | undefined)?.key === deliveryKey,
    );
    return found?.ts;
  } catch (error) {
    const failure = slackFailure(error);
    log.error(
      { err: error, slack: failure, channel: where.channelId, deliveryKey },
      failure?.code === 'missing_scope'
        ? 'SLACK_HISTORY_LOOKUP is on but the app lacks channels:history / groups:history: posting again without looking'
        : 'could not look in the channel history for an earlier post; posting again',
    );
    return undefined;
  }
}
