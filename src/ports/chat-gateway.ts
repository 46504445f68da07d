import type { Message } from '../messages/message.js';
import type { Platform } from '../model/platform.js';

/** Where a posted message lives, so that it can be threaded under or updated later. */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
}

/** What lets a gateway post at most once when a platform answers unclearly. */
export interface PostOptions {
  /** The same on every attempt at this one post: a gateway may store it with the post and look for it. */
  deliveryKey?: string;
  /** An earlier attempt may have landed: it failed without a clear refusal, or its worker died. */
  mayHavePosted?: boolean;
}

/** What jobs post through; one per platform, implemented by its adapter. */
export interface ChatGateway {
  readonly platform: Platform;
  post(channelId: string, message: Message, options?: PostOptions): Promise<MessageRef>;
  reply(parent: MessageRef, message: Message, options?: PostOptions): Promise<MessageRef>;
  update(ref: MessageRef, message: Message): Promise<void>;
}
