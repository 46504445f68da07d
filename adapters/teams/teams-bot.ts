import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { Message } from '../../src/messages/message.js';
import { CommandMeter, type CommandOutcome, outcomeOf } from '../../src/metrics/command-meter.js';
import type { ActivityClaims } from './activity-claims.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, cardActivity } from './adaptive-card.js';
import { readCardAction } from './card-action-data.js';
import { runCardAction } from './card-actions.js';
import { type CommandTurnDeps, rememberConversation, runCommandTurn } from './command-turn.js';
import { answerFor } from './error-answers.js';
import { type MembershipDeps, onConversationUpdate, onInstallationUpdate } from './membership.js';
import {
  type MessageExtensionDeps,
  openTrackForm,
  submitTrackForm,
  TRACK_COMMAND_ID,
} from './message-extension.js';
import { renderCard } from './render-card.js';
import { commandContextOf, turnDetails } from './teams-context.js';
import { sendAnswers } from './turn-answers.js';

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
    // The answer is this invoke's response, which Teams receives as the request completes.
    const meter = new CommandMeter(this.deps.metrics, 'teams');
    try {
      const ctx = { ...commandContextOf(context.activity), meter };
      const refreshed = await runCardAction(this.deps.tracker, action, ctx);
      const [named] = await this.deps.names.fill([refreshed]);
      meter.answered('ok');
      return invokeResponse(200, ADAPTIVE_CARD_CONTENT_TYPE, renderCard(named!));
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
   * `Action.Submit` arrives as a message whose value is the card's data. The clicked card is replaced
   * with the refreshed one; a mistake or failure is answered in the thread instead.
   */
  private async cardSubmit(context: TurnContext): Promise<void> {
    const value = context.activity.value as Record<string, unknown>;
    const action = readCardAction(undefined, value);
    if (!action) return;
    await rememberConversation(context, this.deps);
    const meter = new CommandMeter(this.deps.metrics, 'teams');
    const answered = (sent: boolean, outcome: CommandOutcome) =>
      sent ? meter.answered(outcome) : meter.lost();
    let refreshed: Message;
    try {
      refreshed = await runCardAction(this.deps.tracker, action, {
        ...commandContextOf(context.activity),
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
      await context.updateActivity({ ...cardActivity(renderCard(named!)), id: cardId });
      meter.answered('ok');
    } catch (error) {
      const failure = answerFor(error, this.deps.log, turnDetails(context), this.deps.clock.now());
      const message = { text: refreshed.text, blocks: [...refreshed.blocks, ...failure.blocks] };
      answered(await sendAnswers(context, [message], this.deps), 'ok');
    }
  }
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
