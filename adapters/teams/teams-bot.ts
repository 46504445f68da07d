import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { notice } from '../../src/messages/commitment-messages.js';
import { ACTION_IDS, type Message } from '../../src/messages/message.js';
import { CommandMeter, type CommandOutcome, outcomeOf } from '../../src/metrics/command-meter.js';
import type { ActivityClaims } from './activity-claims.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, cardActivity } from './adaptive-card.js';
import { readCardAction } from './card-action-data.js';
import { runCardAction } from './card-actions.js';
import { type CardActionKind, cardActionKindFor } from './card-buttons.js';
import { firstPage } from './card-pages.js';
import {
  answerInThread,
  type CommandTurnDeps,
  rememberConversation,
  runCommandTurn,
} from './command-turn.js';
import { answerFor } from './error-answers.js';
import { type MembershipDeps, onConversationUpdate, onInstallationUpdate } from './membership.js';
import {
  type MessageExtensionDeps,
  openTrackForm,
  submitTrackForm,
  TRACK_COMMAND_ID,
} from './message-extension.js';
import { answerCards, decodeMore } from './more-pages.js';
import { renderCard } from './render-card.js';
import { commandContextOf, turnDetails } from './teams-context.js';
import { sendAnswers, sendCards } from './turn-answers.js';

export type TeamsBotDeps = CommandTurnDeps &
  MembershipDeps &
  MessageExtensionDeps & {
    /** Each command, click and form runs once, however often Teams delivers it. */
    claims: ActivityClaims;
  };

/**
 * The bot: typed commands, card clicks (Universal Actions, and `Action.Submit` from hosts without
 * them), membership changes, and the *Track as commitment* message action.
 */
export class TeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      if (!(await deps.claims.claim(context.activity))) return next();
      if (isCardSubmit(context)) await this.cardSubmit(context);
      else await runCommandTurn(context, deps);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await onConversationUpdate(context, deps);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await onInstallationUpdate(context, deps, true);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await onInstallationUpdate(context, deps, false);
      await next();
    });
  }

  /** `Action.Execute`: the answer is the refreshed card, which Teams shows in place to everyone. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = readCardAction(invokeValue.action?.verb, invokeValue.action?.data);
    if (!action) {
      return invokeResponse(400, 'application/vnd.microsoft.error', {
        code: 'BadRequest',
        message: 'Unknown card action.',
      });
    }
    if (!(await this.deps.claims.claim(context.activity))) {
      return invokeResponse(
        200,
        'application/vnd.microsoft.activity.message',
        'That click was already received; it is not applied twice.',
      );
    }
    await rememberConversation(context, this.deps);
    if (action.action === ACTION_IDS.moreResults) {
      const { answer } = await this.showMore(context, action.value);
      return invokeResponse(200, 'application/vnd.microsoft.activity.message', answer.text);
    }
    // The answer is this invoke's response, which Teams receives as the request completes.
    const meter = new CommandMeter(this.deps.metrics, 'teams');
    try {
      const ctx = { ...commandContextOf(context.activity, this.deps.tenantId), meter };
      const refreshed = await runCardAction(this.deps.tracker, action, ctx);
      const [named] = await this.deps.names.fill([refreshed]);
      meter.answered('ok');
      return invokeResponse(200, ADAPTIVE_CARD_CONTENT_TYPE, refreshedCard(named!, 'execute'));
    } catch (error) {
      const answer = answerFor(error, this.deps.log, turnDetails(context), this.deps.clock.now());
      meter.answered(outcomeOf(error));
      return invokeResponse(200, 'application/vnd.microsoft.activity.message', answer.text);
    }
  }

  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== TRACK_COMMAND_ID) throw new Error('NotImplemented');
    return openTrackForm(context, action, this.deps);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== TRACK_COMMAND_ID) throw new Error('NotImplemented');
    // The first delivery posts the announcement; a repeat only closes the dialog.
    if (!(await this.deps.claims.claim(context.activity))) return {};
    return submitTrackForm(context, action, this.deps);
  }

  /**
   * "Show more": the command that gave the long answer runs again (it only reads) and the next page is
   * posted in the conversation, with its own button while pages remain. Returns what to tell the
   * clicker, and whether the page went out.
   */
  private async showMore(context: TurnContext, raw: string): Promise<{ posted: boolean; answer: Message }> {
    const more = decodeMore(raw);
    const outOfDate = { posted: false, answer: notice('That button is out of date; run the command again.') };
    if (!more) return outOfDate;
    try {
      const ctx = commandContextOf(context.activity, this.deps.tenantId);
      const result = await this.deps.tracker.execute(more.c, ctx);
      const message = [answerInThread(result), ...(result.thread ?? [])][more.m];
      const [named] = message ? await this.deps.names.fill([message]) : [];
      const actions = cardActionKindFor(context.activity.channelId);
      const cards = named && answerCards(named, actions, { c: more.c, m: more.m }, more.p);
      if (!cards) return outOfDate;
      await sendCards(context, cards, this.deps);
      return { posted: true, answer: notice('The next page is below.') };
    } catch (error) {
      return {
        posted: false,
        answer: answerFor(error, this.deps.log, turnDetails(context), this.deps.clock.now()),
      };
    }
  }

  /**
   * `Action.Submit` arrives as a message whose value is the card's data. The clicked card is replaced
   * with the refreshed one; a mistake or failure is answered in the thread instead.
   */
  private async cardSubmit(context: TurnContext): Promise<void> {
    const value = context.activity.value as Record<string, unknown>;
    const action = readCardAction(undefined, value);
    if (!action) return;
    await rememberConversation(context, this.deps);
    if (action.action === ACTION_IDS.moreResults) {
      // An Action.Submit has no answer of its own beside the card, so a refusal goes in the thread.
      const { posted, answer } = await this.showMore(context, action.value);
      if (!posted) await sendAnswers(context, [answer], this.deps);
      return;
    }
    const meter = new CommandMeter(this.deps.metrics, 'teams');
    const answered = (sent: boolean, outcome: CommandOutcome) =>
      sent ? meter.answered(outcome) : meter.lost();
    let refreshed: Message;
    try {
      refreshed = await runCardAction(this.deps.tracker, action, {
        ...commandContextOf(context.activity, this.deps.tenantId),
        meter,
      });
    } catch (error) {
      const answer = answerFor(error, this.deps.log, turnDetails(context), this.deps.clock.now());
      answered(await sendAnswers(context, [answer], this.deps), outcomeOf(error));
      return;
    }
    const cardId = context.activity.replyToId;
    if (!cardId) {
      answered(await sendAnswers(context, [refreshed], this.deps), 'ok');
      return;
    }
    try {
      const [named] = await this.deps.names.fill([refreshed]);
      await this.deps.pacer.acquire(context.activity.conversation.id);
      const card = refreshedCard(named!, cardActionKindFor(context.activity.channelId));
      await context.updateActivity({ ...cardActivity(card), id: cardId });
      meter.answered('ok');
    } catch (error) {
      const failure = answerFor(error, this.deps.log, turnDetails(context), this.deps.clock.now());
      const message = { text: refreshed.text, blocks: [...refreshed.blocks, ...failure.blocks] };
      answered(await sendAnswers(context, [message], this.deps), 'ok');
    }
  }
}

/** The clicked card as it now stands; one card, so anything that would not fit is left out, and said. */
function refreshedCard(message: Message, actions: CardActionKind): AdaptiveCard {
  return renderCard(firstPage(message, { actions }), { actions });
}

/** A card's `Action.Submit` comes as a message with a value and no typed text. */
function isCardSubmit(context: TurnContext): boolean {
  const { value, text } = context.activity;
  return !!value && typeof value === 'object' && (text ?? '').trim() === '';
}

/**
 * botbuilder types `value` as an object, but Teams' message response carries a string (the text shown
 * beside the card); the protocol wins.
 */
function invokeResponse(statusCode: number, type: string, value: unknown): AdaptiveCardInvokeResponse {
  return { statusCode, type, value: value as Record<string, unknown> };
}
