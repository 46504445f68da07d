import { RespondError } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Message } from '../../src/messages/message.js';
import { type PageOptions, renderPage, renderWhole, type SlackMessage } from './block-kit.js';
import { slackFailure } from './slack-failure.js';
import type { SlackPoster } from './slack-poster.js';
import { withSlashCommand } from './slash-usage.js';

export interface EphemeralPayload {
  response_type: 'ephemeral';
  replace_original: false;
  text: string;
  blocks: SlackMessage['blocks'];
}

/** Bolt's `respond()`, or the same call to a response_url kept in a modal's metadata. */
export type Respond = (payload: EphemeralPayload) => Promise<unknown>;

/** Who gets a private answer, and the ways there are to reach them. */
export interface Audience {
  userId: string;
  /** The conversation they are in, for an ephemeral message when there is no response_url. */
  channelId?: string;
  respond?: Respond;
  /** A surface of their own that shows the answer instead (the Home tab, for its buttons). */
  show?: (message: Message) => Promise<void>;
}

/** What `respond()` does, for a response_url that Bolt did not hand us (a modal opened from a message). */
export function respondVia(responseUrl: string): Respond {
  return async (payload) => {
    const response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (!response.ok) {
      throw new RespondError(`Failed to respond to the response_url: ${response.status}`, response.status);
    }
    return response;
  };
}

/**
 * Private answers through the interactive Web API client; posts through a poster that never posts
 * twice, since a retried chat.postMessage that Slack had already taken shows up twice in the channel.
 */
export class SlackReplies {
  constructor(
    private readonly client: WebClient,
    private readonly poster: SlackPoster,
    private readonly log: Logger,
  ) {}

  /**
   * A private answer: through the response_url when there is one (works in any channel, even one
   * the bot is not in), else an ephemeral message in their channel, else a direct message.
   */
  async tell(to: Audience, message: Message, options: PageOptions = {}): Promise<void> {
    const shown = withSlashCommand(message);
    if (to.show) return to.show(shown);
    const page = renderPage(shown, options);
    if (to.respond) {
      try {
        await to.respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: page.text,
          blocks: page.blocks,
        });
        return;
      } catch (error) {
        if (!to.channelId) throw error;
        this.log.warn(
          { err: error, slack: slackFailure(error) },
          'respond() failed; trying an ephemeral message',
        );
      }
    }
    if (to.channelId && !isDirect(to.channelId)) {
      try {
        await this.client.chat.postEphemeral({
          channel: to.channelId,
          user: to.userId,
          text: page.text,
          blocks: page.blocks,
        });
        return;
      } catch (error) {
        this.log.warn(
          { err: error, slack: slackFailure(error) },
          'chat.postEphemeral failed; sending a direct message',
        );
      }
    }
    await this.post(to.userId, shown);
  }

  /** A message for the whole channel; returns its ts. */
  async post(channelId: string, message: Message, threadTs?: string): Promise<string> {
    const page = renderWhole(message);
    const result = await this.poster.postMessage({
      channel: channelId,
      text: page.text,
      blocks: page.blocks,
      thread_ts: threadTs,
      unfurl_links: false,
      unfurl_media: false,
    });
    return String(result.ts ?? '');
  }
}

/** Slack's direct-message conversations: the bot cannot post an announcement into someone else's DM. */
export function isDirect(channelId: string): boolean {
  return channelId.startsWith('D');
}
