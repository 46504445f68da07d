import type { Message } from '../messages/message.js';
import type { Platform } from '../model/platform.js';

/** Where a posted message lives, so that it can be threaded under or updated later. */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
}

/** What jobs post through; one per platform, implemented by its adapter. */
export interface ChatGateway {
  readonly platform: Platform;
  post(channelId: string, message: Message): Promise<MessageRef>;
  reply(parent: MessageRef, message: Message): Promise<MessageRef>;
  update(ref: MessageRef, message: Message): Promise<void>;
}
