/** The Adaptive Card JSON this adapter sends: schema 1.5, the version Teams renders in every client. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';

export interface CardElement {
  type: string;
  [property: string]: unknown;
}

/** Teams' mention entity: the `text` must appear verbatim in a TextBlock or fact of the card. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  fallbackText?: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width?: 'Full'; entities?: MentionEntity[] };
}

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

export function cardAttachment(card: AdaptiveCard): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/** A message activity carrying one card; the summary is what Teams shows in notifications. */
export function cardActivity(card: AdaptiveCard): {
  type: 'message';
  summary?: string;
  attachments: CardAttachment[];
} {
  return { type: 'message', summary: card.fallbackText, attachments: [cardAttachment(card)] };
}

export function adaptiveCard(body: CardElement[], extra: Partial<AdaptiveCard> = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...extra,
  };
}
