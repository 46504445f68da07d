import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { renderPng } from '../../src/charts/render-png.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { ImageBlock, Message } from '../../src/messages/message.js';
import type { ChatGateway, MessageRef, PostOptions } from '../../src/ports/chat-gateway.js';
import { renderWhole } from './block-kit.js';
import { boltLogger } from './bolt-logger.js';
import { deliveryMetadata, findPost } from './post-lookup.js';
import { slackFailure } from './slack-failure.js';
import { slackFetch } from './slack-fetch.js';

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
  /**
   * SLACK_HISTORY_LOOKUP: before posting again after an attempt that may have landed, look for it in the
   * channel's history by the delivery key its metadata carries (needs channels:history, groups:history).
   */
  historyLookup?: boolean;
  /** How long a call may take before it counts as failed; default SLACK_POST_TIMEOUT_MS. */
  postTimeoutMs?: number;
}

/**
 * Slack sometimes answers a post only after many seconds, having taken it; given up on sooner, the post
 * is made again. This waits longer than Slack is ever seen to take, and stays under the delivery queue's
 * own limit (DEFAULT_TUNING.postTimeoutMs, a minute), so that it is this call that ends, not the job.
 */
export const SLACK_POST_TIMEOUT_MS = 55_000;

/**
 * How the scheduler's workers post to Slack. It never retries on its own: every failure becomes a
 * DeliveryError (with Slack's Retry-After for a 429, `permanent` when the channel or the token is
 * gone), and the delivery queue decides what happens next, so a post is never made twice by two
 * layers retrying at once. Each post carries its delivery key as message metadata, so that with
 * SLACK_HISTORY_LOOKUP a retry after an unclear failure finds a first attempt that did land.
 */
export class SlackGateway implements ChatGateway {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly historyLookup = false,
  ) {}

  static create(settings: SlackGatewaySettings, log: Logger): SlackGateway {
    const client = new WebClient(settings.botToken, {
      slackApiUrl: settings.apiUrl,
      fetch: slackFetch(),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: settings.postTimeoutMs ?? SLACK_POST_TIMEOUT_MS,
      logger: boltLogger(log),
    });
    return new SlackGateway(client, log, settings.historyLookup === true);
  }

  async post(channelId: string, message: Message, options: PostOptions = {}): Promise<MessageRef> {
    const ts = await this.postOnce({ channelId }, message, options);
    return { platform: 'slack', channelId, messageId: ts };
  }

  async reply(parent: MessageRef, message: Message, options: PostOptions = {}): Promise<MessageRef> {
    const ts = await this.postOnce(
      { channelId: parent.channelId, threadTs: parent.messageId },
      message,
      options,
    );
    return { platform: 'slack', channelId: parent.channelId, messageId: ts };
  }

  /** The post, unless an earlier attempt that may have landed is found to have (SLACK_HISTORY_LOOKUP). */
  private async postOnce(
    where: { channelId: string; threadTs?: string },
    message: Message,
    options: PostOptions,
  ): Promise<string> {
    const key = options.deliveryKey;
    if (this.historyLookup && options.mayHavePosted && key) {
      const landed = await findPost(this.client, this.log, where, key);
      if (landed) {
        this.log.info(
          { channel: where.channelId, deliveryKey: key, ts: landed },
          'an earlier attempt of this post had landed; not posting it again',
        );
        return landed;
      }
    }
    const image = onlyImage(message);
    if (image) return this.upload(where.channelId, image, where.threadTs);
    return this.postMessage(where.channelId, message, where.threadTs, key);
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const { text, blocks } = renderWhole(message);
    await this.call('chat.update', ref.channelId, () =>
      this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks }),
    );
  }

  private async postMessage(
    channelId: string,
    message: Message,
    threadTs?: string,
    deliveryKey?: string,
  ): Promise<string> {
    const { text, blocks } = renderWhole(message);
    const result = await this.call('chat.postMessage', channelId, () =>
      this.client.chat.postMessage({
        channel: channelId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(deliveryKey ? { metadata: deliveryMetadata(deliveryKey) } : {}),
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
