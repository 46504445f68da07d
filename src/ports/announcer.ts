import type { Message } from '../messages/message.js';
import type { ChannelRef } from '../model/platform.js';

/**
 * How an adapter tells a channel about a command (a commitment added, moved or closed): the post is
 * queued for delivery like every other, so it is retried, paced and recorded, and made at most once per key.
 */
export interface Announcer {
  announce(announcement: {
    key: string;
    channel: ChannelRef;
    message: Message;
    /** The commitment it shows: posted only while the channel may still see it. */
    about?: string;
  }): Promise<void>;
}
