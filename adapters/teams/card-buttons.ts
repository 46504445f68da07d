import { MAX_NOTE_LENGTH } from '../../src/commands/parse-command.js';
import type { Button } from '../../src/messages/message.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import { ACTIVE_STATUSES } from '../../src/model/status.js';
import type { CardElement } from './adaptive-card.js';
import { CARD_FIELDS, type CardActionData, type CardField, inputId } from './card-action-data.js';

/**
 * How a card's buttons reach the bot. Teams runs Universal Actions (`Action.Execute`): the bot answers
 * with the refreshed card and every reader sees the new state. Direct Line hosts (the Bot Framework
 * Emulator's Web Chat, a web page) do nothing on `Action.Execute`, so there the buttons are
 * `Action.Submit`, which arrives as a message carrying the same data.
 */
export type CardActionKind = 'execute' | 'submit';

/** `execute` for conversations in Teams, `submit` for every other Bot Framework channel. */
export function cardActionKindFor(channelId: string | undefined): CardActionKind {
  return channelId === 'msteams' ? 'execute' : 'submit';
}

/**
 * A neutral button as a card action. Clicks that need more than the click (a closing note, a progress
 * note, a new date and its reason) open a small form inside the card; the rest act at once.
 */
export function renderButton(button: Button, kind: CardActionKind = 'execute'): CardElement {
  switch (button.actionId) {
    case ACTION_IDS.markDone:
      return form(button, kind, [
        textInput(button, CARD_FIELDS.closingNote, 'Closing note or evidence', {
          placeholder: 'What was delivered, with a link to the proof if there is one',
        }),
      ]);
    case ACTION_IDS.checkinDone:
      return form(button, kind, [
        textInput(button, CARD_FIELDS.closingNote, 'Evidence', {
          placeholder: 'What was delivered, with a link to the proof if there is one',
          isRequired: true,
          errorMessage: 'Say what was delivered: the evidence or a closing note.',
        }),
      ]);
    case ACTION_IDS.checkinBlocked:
      return form(button, kind, [
        textInput(button, CARD_FIELDS.blockedReason, 'What is blocking it?', {
          isRequired: true,
          errorMessage: 'Say what is blocking it: it goes into the history.',
        }),
      ]);
    case ACTION_IDS.postUpdate:
    case ACTION_IDS.checkinUpdate:
      return form(button, kind, [
        {
          type: 'Input.ChoiceSet',
          id: inputId(CARD_FIELDS.updateStatus, button.value),
          label: 'Status',
          style: 'compact',
          placeholder: 'Keep the current status',
          choices: ACTIVE_STATUSES.map((status) => ({ title: status, value: status })),
        },
        textInput(button, CARD_FIELDS.updateNote, 'Progress note', {
          isRequired: true,
          errorMessage: 'Write what has happened.',
        }),
      ]);
    case ACTION_IDS.changeDeadline:
      return form(button, kind, [
        {
          type: 'Input.Date',
          id: inputId(CARD_FIELDS.newDue, button.value),
          label: 'New deadline',
          isRequired: true,
          errorMessage: 'Pick the new deadline.',
        },
        textInput(button, CARD_FIELDS.dueReason, 'Reason for the change', {
          isRequired: true,
          errorMessage: 'Say why the deadline moves; it is kept in the history.',
        }),
      ]);
    case ACTION_IDS.snoozeDay:
    case ACTION_IDS.snoozeWeek:
    case ACTION_IDS.moreResults:
    case ACTION_IDS.checkinOnTrack:
    case ACTION_IDS.checkinAtRisk:
      return act(button, kind);
  }
}

function form(button: Button, kind: CardActionKind, inputs: CardElement[]): CardElement {
  return {
    type: 'Action.ShowCard',
    title: button.label,
    card: {
      type: 'AdaptiveCard',
      body: inputs,
      actions: [act({ ...button, style: 'primary' }, kind)],
    },
  };
}

/** The action that sends the click; its inputs travel with the data either way. */
function act(button: Button, kind: CardActionKind): CardElement {
  const data: CardActionData = { action: button.actionId, value: button.value };
  const action: CardElement =
    kind === 'execute'
      ? { type: 'Action.Execute', title: button.label, verb: button.actionId, data }
      : { type: 'Action.Submit', title: button.label, data };
  if (button.style) action.style = button.style === 'primary' ? 'positive' : 'destructive';
  return action;
}

function textInput(
  button: Button,
  field: CardField,
  label: string,
  extra: { placeholder?: string; isRequired?: boolean; errorMessage?: string },
): CardElement {
  return {
    type: 'Input.Text',
    id: inputId(field, button.value),
    label,
    isMultiline: true,
    maxLength: MAX_NOTE_LENGTH,
    ...extra,
  };
}
