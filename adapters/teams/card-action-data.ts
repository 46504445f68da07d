import { ACTION_IDS, type ActionId } from '../../src/messages/message.js';

/**
 * What a card button carries back to the bot, for Universal Actions (`Action.Execute`, the verb) and
 * for `Action.Submit` alike (the `action` field): the neutral action id and the button's value.
 */
export interface CardActionData {
  action: ActionId;
  value: string;
}

/** The form fields a card can ask for; input ids are `<field>.<value>` so that one card can hold several. */
export const CARD_FIELDS = {
  closingNote: 'closingNote',
  updateStatus: 'updateStatus',
  updateNote: 'updateNote',
  newDue: 'newDue',
  dueReason: 'dueReason',
  blockedReason: 'blockedReason',
} as const;
export type CardField = (typeof CARD_FIELDS)[keyof typeof CARD_FIELDS];

export function inputId(field: CardField, value: string): string {
  return `${field}.${value}`;
}

/** A click as the bot receives it: which action, on what, and the inputs filled in on the card. */
export interface CardAction extends CardActionData {
  input(field: CardField): string | undefined;
}

const KNOWN_ACTIONS = new Set<string>(Object.values(ACTION_IDS));

/** Reads the data of a click; anything that is not one of our buttons gives undefined. */
export function readCardAction(verb: unknown, data: unknown): CardAction | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const action = typeof verb === 'string' && verb !== '' ? verb : record.action;
  if (typeof action !== 'string' || !KNOWN_ACTIONS.has(action) || typeof record.value !== 'string')
    return undefined;
  const value = record.value;
  return {
    action: action as ActionId,
    value,
    input: (field) => {
      const raw = record[inputId(field, value)];
      return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
    },
  };
}
