import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Message } from '../../src/messages/message.js';
import type { Platform } from '../../src/model/platform.js';
import type { ChatGateway, MessageRef } from '../../src/ports/chat-gateway.js';

export interface RecordedPost {
  kind: 'post' | 'reply';
  channelId: string;
  /** The parent's message id, for a thread reply. */
  parentId?: string;
  messageId: string;
  message: Message;
  /** Date.now() when the platform accepted it. */
  at: number;
}

export interface GatewayCall {
  kind: 'post' | 'reply';
  channelId: string;
  message: Message;
  /** 1 for the first call this gateway received, counting failed ones. */
  number: number;
}

/** Runs before a call is accepted: throw to fail it, never resolve to hang it like a dead connection. */
export type GatewayBehaviour = (call: GatewayCall) => void | Promise<void>;

/** A channel the bot was removed from: every call fails for good, as Teams says it. */
export const REMOVED_FROM_CHANNEL: GatewayBehaviour = () => {
  throw new DeliveryError('conversation not found: the bot was removed', {
    permanent: true,
    code: 'ConversationNotFound',
  });
};

/**
 * A ChatGateway that accepts every post and remembers it, in order, with the time it arrived; tests
 * script failures (DeliveryError 429s, permanent errors, hangs) with `behave`.
 */
export class RecordingGateway implements ChatGateway {
  readonly posts: RecordedPost[] = [];
  readonly updates: { ref: MessageRef; message: Message }[] = [];
  calls = 0;
  private behaviour: GatewayBehaviour | undefined;
  private nextId = 0;

  constructor(readonly platform: Platform) {}

  behave(behaviour: GatewayBehaviour | undefined): void {
    this.behaviour = behaviour;
  }

  async post(channelId: string, message: Message): Promise<MessageRef> {
    await this.before('post', channelId, message);
    return this.accept({ kind: 'post', channelId, message });
  }

  async reply(parent: MessageRef, message: Message): Promise<MessageRef> {
    await this.before('reply', parent.channelId, message);
    return this.accept({ kind: 'reply', channelId: parent.channelId, parentId: parent.messageId, message });
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    this.updates.push({ ref, message });
  }

  postsTo(channelId: string): RecordedPost[] {
    return this.posts.filter((post) => post.channelId === channelId);
  }

  /** Top-level posts to the channel (not thread replies). */
  parentsIn(channelId: string): RecordedPost[] {
    return this.postsTo(channelId).filter((post) => post.kind === 'post');
  }

  repliesTo(parent: RecordedPost): RecordedPost[] {
    return this.posts.filter((post) => post.parentId === parent.messageId);
  }

  private async before(kind: 'post' | 'reply', channelId: string, message: Message): Promise<void> {
    this.calls += 1;
    await this.behaviour?.({ kind, channelId, message, number: this.calls });
  }

  private accept(post: Omit<RecordedPost, 'messageId' | 'at'>): MessageRef {
    const messageId = `${this.platform}-m${++this.nextId}`;
    this.posts.push({ ...post, messageId, at: Date.now() });
    return { platform: this.platform, channelId: post.channelId, messageId };
  }
}
