import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Message } from '../../src/messages/message.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import type { Clock } from '../../src/ports/clock.js';
import { type AdaptiveCard, cardActivity } from './adaptive-card.js';
import { cardActionKindFor } from './card-buttons.js';
import { describeFailure, readConnectorFailure } from './connector-failure.js';
import { answerFor } from './error-answers.js';
import { answerCards, isPageable } from './more-pages.js';
import type { PeopleNames } from './people-names.js';
import { turnDetails } from './teams-context.js';
import type { ThreadPacer } from './thread-pacer.js';

export interface TurnAnswerDeps {
  pacer: ThreadPacer;
  names: PeopleNames;
  log: Logger;
  clock: Clock;
  /** Counts commands once their answers are delivered. */
  metrics?: Metrics;
}

/**
 * Sends the bot's answer to what happened in this turn, as cards in the conversation the activity came
 * from: in a channel that is the thread of the command, since the activity's conversation id carries it.
 * An answer too long for one card comes a page at a time behind a "Show more" button when it answers a
 * command that only reads (`commandText`), else as several cards. A refusal from Teams is logged; when
 * the refusal is about this message (too large, malformed) a short error answer is tried instead,
 * otherwise nothing more can reach the user. True when all went out.
 */
export async function sendAnswers(
  context: TurnContext,
  messages: readonly Message[],
  deps: TurnAnswerDeps,
  commandText?: string,
): Promise<boolean> {
  const actions = cardActionKindFor(context.activity.channelId);
  const paged = commandText !== undefined && isPageable(commandText);
  try {
    const named = await deps.names.fill(messages);
    for (const [index, message] of named.entries()) {
      const cards = answerCards(message, actions, paged ? { c: commandText, m: index } : undefined) ?? [];
      await sendCards(context, cards, deps);
    }
    return true;
  } catch (error) {
    const failure = readConnectorFailure(error, deps.clock.now());
    if (!failure || failure.kind === 'rejected' || failure.kind === 'server') {
      await sendFallback(context, answerFor(error, deps.log, turnDetails(context), deps.clock.now()), deps);
      return false;
    }
    deps.log.warn(
      {
        ...turnDetails(context),
        status: failure.status,
        code: failure.code,
        retryAfterMs: failure.retryAfterMs,
      },
      `Teams refused the bot's answer: ${describeFailure(failure)}`,
    );
    return false;
  }
}

/** Cards into the turn's conversation, paced per thread. */
export async function sendCards(
  context: TurnContext,
  cards: readonly AdaptiveCard[],
  deps: Pick<TurnAnswerDeps, 'pacer'>,
): Promise<void> {
  for (const card of cards) {
    await deps.pacer.acquire(context.activity.conversation.id);
    await context.sendActivity(cardActivity(card));
  }
}

async function sendFallback(context: TurnContext, message: Message, deps: TurnAnswerDeps): Promise<void> {
  try {
    await sendCards(context, answerCards(message, cardActionKindFor(context.activity.channelId)) ?? [], deps);
  } catch (error) {
    deps.log.warn({ ...turnDetails(context), err: error }, 'Teams refused the error answer too');
  }
}
