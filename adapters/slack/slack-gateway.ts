import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { renderPng } from '../../src/charts/render-png.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { ImageBlock, Message } from '../../src/messages/message.js';
import type { ChatGateway, MessageRef } from '../../src/ports/chat-gateway.js';
import { renderWhole } from './block-kit.js';
import { slackFailure } from './slack-failure.js';

/** Slack reads at most this much of an image's alt text. */
const MAX_ALT_TEXT = 1000;

/** A message that is one chart is uploaded as a file; anything else is posted as a message. */
function onlyImage(message: Message): ImageBlock | undefined {
  const [block] = message.blocks;
  return message.blocks.length === 1 && block?.type === 'image' ? block : undefined;
}

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
    const image = onlyImage(message);
    const id = image ? await this.upload(channelId, image) : await this.postMessage(channelId, message);
    return { platform: 'slack', channelId, messageId: id };
  }

  async reply(parent: MessageRef, message: Message): Promise<MessageRef> {
    const image = onlyImage(message);
    const id = image
      ? await this.upload(parent.channelId, image, parent.messageId)
      : await this.postMessage(parent.channelId, message, parent.messageId);
    return { platform: 'slack', channelId: parent.channelId, messageId: id };
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

  /**
   * A chart as a PNG file shared in the channel or thread (files.uploadV2: an upload URL, the bytes, then
   * the completion that shares it), with its figures as the image's alt text. Nothing is shared before the
   * completion, so a failure in the first two steps posts nothing and the whole upload is safe to retry.
   * Returns the file's id: a file shared in a thread has no message ts of its own to thread under.
   */
  private async upload(channelId: string, image: ImageBlock, threadTs?: string): Promise<string> {
    const png = renderPng(image.svg);
    const destination = threadTs ? { channel_id: channelId, thread_ts: threadTs } : { channel_id: channelId };
    const result = await this.call('files.uploadV2', channelId, () =>
      this.client.filesUploadV2({
        ...destination,
        file: png,
        filename: image.fileName,
        title: image.title,
        alt_text: image.alt.slice(0, MAX_ALT_TEXT),
      }),
    );
    const completed = result.files as { files?: { id?: string }[] }[] | undefined;
    const id = completed?.[0]?.files?.[0]?.id;
    if (!id)
      throw new DeliveryError(`Slack files.uploadV2 to ${channelId} returned no file`, { permanent: false });
    return id;
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
