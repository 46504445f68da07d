import { MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH } from '../../src/commands/parse-command.js';
import { type AdaptiveCard, adaptiveCard, type CardElement } from './adaptive-card.js';
import { plainText } from './card-text.js';

/** What the *Track as commitment* form holds: prefilled from a message, or as the user left it. */
export interface AddFormValues {
  title?: string;
  lead?: string;
  supporting?: string[];
  due?: string;
  area?: string;
  source?: string;
  visibility?: string;
}

export const ADD_FORM_SUBMIT = 'commitment.add';

/**
 * The add form opened from a message's "…" menu. Agencies are offered as choices when any exist, as a
 * text field otherwise (the first agency must then be added with `agency add`, which says so).
 */
export function addFormCard(
  values: AddFormValues,
  agencyCodes: readonly string[],
  problem?: string,
): AdaptiveCard {
  const body: CardElement[] = [];
  if (problem) {
    body.push({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: `⚠️ ${plainText(problem)}`, color: 'Attention', weight: 'Bolder' }],
    });
  }
  body.push(
    input('Input.Text', 'title', 'What was committed', values.title, {
      isRequired: true,
      isMultiline: true,
      maxLength: MAX_TITLE_LENGTH,
      errorMessage: 'A commitment needs a title.',
    }),
  );
  if (agencyCodes.length > 0) {
    const choices = agencyCodes.map((code) => ({ title: code, value: code }));
    body.push(
      input('Input.ChoiceSet', 'lead', 'Lead agency', values.lead, {
        choices,
        style: 'compact',
        isRequired: true,
        errorMessage: 'Pick the agency that leads it.',
      }),
      input('Input.ChoiceSet', 'supporting', 'Supporting agencies', values.supporting?.join(','), {
        choices,
        isMultiSelect: true,
        style: 'compact',
      }),
    );
  } else {
    body.push(
      input('Input.Text', 'lead', 'Lead agency (code)', values.lead, {
        isRequired: true,
        placeholder: 'e.g. MITI',
        errorMessage: 'Say which agency leads it.',
      }),
    );
  }
  body.push(
    input('Input.Date', 'due', 'Deadline', values.due),
    input('Input.Text', 'area', 'Area', values.area, { placeholder: 'trade, digital, energy, people…' }),
    input('Input.Text', 'source', 'Source', values.source, {
      placeholder: 'Which agreement and paragraph',
      maxLength: MAX_SOURCE_LENGTH,
    }),
    input('Input.ChoiceSet', 'visibility', 'Visibility', values.visibility, {
      choices: [
        { title: 'Open: anyone may see it', value: 'open' },
        {
          title: "Restricted: its agencies' channels, its owner and administrators only",
          value: 'restricted',
        },
      ],
      style: 'compact',
      placeholder: "The lead agency's default",
    }),
  );
  return adaptiveCard(body, {
    actions: [
      { type: 'Action.Submit', title: 'Track it', style: 'positive', data: { action: ADD_FORM_SUBMIT } },
    ],
  });
}

function input(
  type: string,
  id: string,
  label: string,
  value: string | undefined,
  extra: Record<string, unknown> = {},
): CardElement {
  const element: CardElement = { type, id, label, ...extra };
  if (value !== undefined && value !== '') element.value = value;
  return element;
}
