import { parseCommand } from '../../src/commands/parse-command.js';
import { ACTION_IDS, type Block, type Message } from '../../src/messages/message.js';
import type { AdaptiveCard } from './adaptive-card.js';
import type { CardActionKind } from './card-buttons.js';
import { pageMessage } from './card-pages.js';
import { renderCard } from './render-card.js';

/**
 * A "Show more" button's value: the command to run again (`c`), which of its messages (`m`: the answer
 * is 0, a digest's thread follows) and the page to show (`p`).
 */
export interface MoreValue {
  c: string;
  m: number;
  p: number;
}

/** Commands that only read, so running one again for its next page changes nothing. */
const READ_ONLY_COMMANDS = new Set(['list', 'show', 'digest', 'help']);
/** Read-only commands are short; a longer text is not worth carrying in a button. */
const MAX_COMMAND_LENGTH = 300;

/** Whether a command's long answer may be paged behind a button that runs it again. */
export function isPageable(commandText: string): boolean {
  if (commandText.length > MAX_COMMAND_LENGTH) return false;
  const parsed = parseCommand(commandText);
  return parsed.ok && READ_ONLY_COMMANDS.has(parsed.command.kind);
}

export function decodeMore(raw: string): MoreValue | undefined {
  try {
    const value = JSON.parse(raw) as Partial<MoreValue>;
    const valid =
      typeof value.c === 'string' &&
      isPageable(value.c) &&
      Number.isInteger(value.m) &&
      value.m! >= 0 &&
      Number.isInteger(value.p) &&
      value.p! > 0;
    return valid ? (value as MoreValue) : undefined;
  } catch {
    return undefined;
  }
}

function moreButton(value: MoreValue): Block {
  return {
    type: 'actions',
    buttons: [{ label: 'Show more', actionId: ACTION_IDS.moreResults, value: JSON.stringify(value) }],
  };
}

/**
 * The cards that answer with `message`. Paged (`more` given): only page `page`, ending with a "Show more"
 * button while pages remain. Otherwise every page, one card each. Undefined when the page no longer exists.
 */
export function answerCards(
  message: Message,
  actions: CardActionKind,
  more?: { c: string; m: number },
  page = 0,
): AdaptiveCard[] | undefined {
  if (!more) return pageMessage(message, { actions }).map((part) => renderCard(part, { actions }));
  const pages = pageMessage(message, { actions, more: (next) => moreButton({ ...more, p: next }) });
  const shown = pages[page];
  return shown ? [renderCard(shown, { actions })] : undefined;
}
