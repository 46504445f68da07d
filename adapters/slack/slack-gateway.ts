import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Message } from '../../src/messages/message.js';
import type { ChatGateway, MessageRef } from '../../src/ports/chat-gateway.js';
import { renderWhole } from './block-kit.js';
import { slackFailure } from './slack-failure.js';

export interface SlackGatewaySettings {
  botToken: string;
  apiUrl: string;
}

/**
 * How the scheduler's workers post to Slack. It never retries on its own: every failure becomes a
 * DeliveryError (with Slack's Retry-After for a 429, `permanent` when the channel or the token is
 * gone), and the delivery queue decides what happens next, so a post is never made twice by two
 * layers retrying at once.
 */
export class SlackGateway implements ChatGateway {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
  ) {}

  static create(settings: SlackGatewaySettings, log: Logger): SlackGateway {
    const client = new WebClient(settings.botToken, {
      slackApiUrl: settings.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 15_000,
    });
    return new SlackGateway(client, log);
  }

  async post(channelId: string, message: Message): Promise<MessageRef> {
    const ts = await this.postMessage(channelId, message);
    return { platform: 'slack', channelId, messageId: ts };
  }

  async reply(parent: MessageRef, message: Message): Promise<MessageRef> {
    const ts = await this.postMessage(parent.channelId, message, parent.messageId);
    return { platform: 'slack', channelId: parent.channelId, messageId: ts };
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const { text, blocks } = renderWhole(message);
    await this.call('chat.update', ref.channelId, () =>
      this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks }),
    );
  }

  private async postMessage(channelId: string, message: Message, threadTs?: string): Promise<string> {
    const { text, blocks } = renderWhole(message);
    const result = await this.call('chat.postMessage', channelId, () =>
      this.client.chat.postMessage({
        channel: channelId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
    if (!result.ts)
      throw new DeliveryError(`Slack chat.postMessage to ${channelId} returned no ts`, { permanent: false });
    return result.ts;
  }

  private async call<T>(method: string, channelId: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const failure = slackFailure(error);
      this.log.warn({ err: error, method, channel: channelId, slack: failure }, 'Slack delivery failed');
      const options = failure
        ? { permanent: failure.permanent, retryAfterMs: failure.retryAfterMs, code: failure.code }
        : { permanent: false };
      throw new DeliveryError(
        `Slack ${method} to ${channelId} failed: ${failure?.code ?? String(error)}`,
        options,
      );
    }
  }
}
