import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Message } from '../../src/messages/message.js';
import type { ChatGateway, MessageRef } from '../../src/ports/chat-gateway.js';
import type { Clock } from '../../src/ports/clock.js';
import { type AdaptiveCard, cardActivity } from './adaptive-card.js';
import { cardActionKindFor } from './card-buttons.js';
import { commandPrefix, fitOneCard } from './card-overflow.js';
import { type ConnectorConversations, connectorOf } from './connector-client.js';
import { describeFailure, readConnectorFailure, toDeliveryError } from './connector-failure.js';
import { baseConversationId, threadConversationId, threadRootId } from './conversation-ids.js';
import type { ConversationStore } from './conversation-store.js';
import type { PeopleNames } from './people-names.js';
import { renderCard } from './render-card.js';
import type { ThreadPacer } from './thread-pacer.js';

export interface TeamsGatewayDeps {
  adapter: CloudAdapter;
  /** The bot's MicrosoftAppId; empty in anonymous mode. */
  appId: string;
  conversations: ConversationStore;
  names: PeopleNames;
  pacer: ThreadPacer;
  log: Logger;
  clock: Clock;
}

/**
 * Posts for the scheduler through stored conversation references (`continueConversationAsync`). A post
 * to a channel starts a new thread; a reply goes into the thread by posting to
 * `<channel>;messageid=<root>`, which is also the `channelId` of the reply's MessageRef, so a reply to a
 * reply stays in that thread and an update finds the message. Nothing is retried here: a refusal becomes
 * a DeliveryError for the delivery queue.
 */
export class TeamsGateway implements ChatGateway {
  readonly platform = 'teams' as const;

  constructor(private readonly deps: TeamsGatewayDeps) {}

  async post(channelId: string, message: Message): Promise<MessageRef> {
    const channel = baseConversationId(channelId);
    const reference = await this.reference(channel);
    const rootId = await this.send(reference, channel, await this.card(reference, message));
    return { platform: 'teams', channelId: channel, messageId: rootId };
  }

  async reply(parent: MessageRef, message: Message): Promise<MessageRef> {
    const reference = await this.reference(parent.channelId);
    const thread = !isChannel(reference)
      ? baseConversationId(parent.channelId)
      : threadRootId(parent.channelId)
        ? parent.channelId
        : threadConversationId(parent.channelId, parent.messageId);
    const id = await this.send(reference, thread, await this.card(reference, message));
    return { platform: 'teams', channelId: thread, messageId: id };
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const reference = await this.reference(ref.channelId);
    const activity = { ...cardActivity(await this.card(reference, message)), id: ref.messageId };
    await this.call(
      reference,
      ref.channelId,
      `update message ${ref.messageId} in ${ref.channelId}`,
      (connector) => connector.updateActivity(ref.channelId, ref.messageId, activity),
    );
  }

  /**
   * Exactly one card per call, within Teams' message size: the delivery queue records a post as done or
   * not, so a post made of several activities would, after a failure part-way, send its first ones
   * again on retry.
   */
  private async card(reference: ConversationReference, message: Message): Promise<AdaptiveCard> {
    const [named] = await this.deps.names.fill([message]);
    const fitted = fitOneCard(named!, commandPrefix(reference.conversation.conversationType));
    return renderCard(fitted, { actions: cardActionKindFor(reference.channelId) });
  }

  private async reference(channelId: string): Promise<ConversationReference> {
    const reference = await this.deps.conversations.get(channelId);
    if (reference) return reference;
    throw new DeliveryError(
      `The Teams bot has no conversation reference for ${baseConversationId(channelId)}: add the app to that team or chat, or run "@followthrough channel link <AGENCY>" there again.`,
      { permanent: true, code: 'teams_no_conversation_reference' },
    );
  }

  private async send(
    reference: ConversationReference,
    conversationId: string,
    card: AdaptiveCard,
  ): Promise<string> {
    const activity = cardActivity(card);
    const sent = await this.call(reference, conversationId, `post to ${conversationId}`, (connector) =>
      connector.sendToConversation(conversationId, activity),
    );
    if (!sent.id)
      throw new DeliveryError(`Teams accepted a post to ${conversationId} but gave no message id`, {
        permanent: false,
      });
    return sent.id;
  }

  /**
   * One paced connector call in a proactive turn. The SDK routes errors in a turn to `onTurnError`, so the
   * logic keeps its own outcome and it is rethrown here, as a DeliveryError when Teams refused.
   */
  private async call<T>(
    reference: ConversationReference,
    conversationId: string,
    what: string,
    operation: (connector: ConnectorConversations) => Promise<T>,
  ): Promise<T> {
    await this.deps.pacer.acquire(conversationId);
    let outcome = { ok: false, error: new Error('the proactive turn did not run') } as Outcome<T>;
    const target = { ...reference, conversation: { ...reference.conversation, id: conversationId } };
    try {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, target, async (context) => {
        try {
          outcome = { ok: true, value: await operation(connectorOf(context)) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (outcome.ok) return outcome.value;
    const failure = readConnectorFailure(outcome.error, this.deps.clock.now());
    if (!failure) throw outcome.error;
    this.deps.log.warn(
      {
        conversationId,
        status: failure.status,
        code: failure.code,
        retryAfterMs: failure.retryAfterMs,
        permanent: failure.permanent,
      },
      `Teams refused to ${what}: ${describeFailure(failure)}`,
    );
    throw toDeliveryError(failure, `Teams refused to ${what}`);
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function isChannel(reference: ConversationReference): boolean {
  return reference.conversation.conversationType === 'channel';
}
