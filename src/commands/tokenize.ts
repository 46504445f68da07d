import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import type { PersonMention } from './command.js';

/** The only words that start an option; any other `word:` is plain text, so titles may hold colons. */
export const OPTION_KEYS = [
  'owner',
  'due',
  'area',
  'source',
  'status',
  'note',
  'reason',
  'tz',
  'country',
  'every',
  'visibility',
] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

interface Span {
  /** Offsets of the token in the text that was tokenized. */
  start: number;
  end: number;
  /** The token as typed, quotes included. */
  raw: string;
}

export interface WordToken extends Span {
  kind: 'word';
  /** The word, or the content of a quoted phrase. */
  text: string;
  quoted: boolean;
}

export interface OptionToken extends Span {
  kind: 'option';
  key: OptionKey;
  /** What follows `key:` in the same token; empty when the value comes as the next words. */
  value: string;
  quoted: boolean;
  /** Offset where the value starts, for reading a value that runs over several words. */
  valueStart: number;
}

export interface MentionToken extends Span {
  kind: 'mention';
  mention: PersonMention;
}

export type Token = WordToken | OptionToken | MentionToken;

/** Chat apps and macOS turn straight quotes into typographic ones, so all of them open and close. */
const OPENING_QUOTES = '"“”„';
const CLOSING_QUOTES = '"“”';
const OPTION_PREFIX = new RegExp(`^(${OPTION_KEYS.join('|')}):`, 'i');
/** The form adapters write platform mentions in: `<@U123>` or `<@U123|alice>`. */
const CANONICAL_MENTION = /^<@([^|>\s]+)(?:\|([^>]*))?>$/;
const CHANNEL_WIDE = /^(here|channel|everyone)$/i;
const PLAIN_MENTION = /^@([\p{L}\p{N}._-]+)$/u;

/**
 * Splits command text into words, quoted phrases, `key:value` options and person mentions.
 * Throws CommandSyntaxError (with `usage`) when a quote is opened and never closed.
 */
export function tokenize(text: string, usage?: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at]!)) {
      at += 1;
      continue;
    }
    const token = readToken(text, at, usage);
    tokens.push(token);
    at = token.end;
  }
  return tokens;
}

function readToken(text: string, start: number, usage: string | undefined): Token {
  if (OPENING_QUOTES.includes(text[start]!)) {
    const { content, end } = readQuoted(text, start, usage);
    return { kind: 'word', text: content, quoted: true, start, end, raw: text.slice(start, end) };
  }
  if (text.startsWith('<@', start)) {
    const close = text.indexOf('>', start);
    const match = close === -1 ? null : CANONICAL_MENTION.exec(text.slice(start, close + 1));
    if (match) {
      const name = match[2]?.trim();
      const mention: PersonMention = name ? { userId: match[1]!, name } : { userId: match[1]! };
      return { kind: 'mention', mention, start, end: close + 1, raw: text.slice(start, close + 1) };
    }
  }
  const option = OPTION_PREFIX.exec(text.slice(start));
  if (option) {
    const key = option[1]!.toLowerCase() as OptionKey;
    const valueStart = start + option[0].length;
    if (valueStart < text.length && OPENING_QUOTES.includes(text[valueStart]!)) {
      const { content, end } = readQuoted(text, valueStart, usage);
      assertValueEnds(text, start, end, key, usage);
      return {
        kind: 'option',
        key,
        value: content,
        quoted: true,
        valueStart,
        start,
        end,
        raw: text.slice(start, end),
      };
    }
    const end = wordEnd(text, valueStart);
    const value = text.slice(valueStart, end);
    return { kind: 'option', key, value, quoted: false, valueStart, start, end, raw: text.slice(start, end) };
  }
  const end = wordEnd(text, start);
  const raw = text.slice(start, end);
  const plain = PLAIN_MENTION.exec(raw);
  // `@here` and its kind address a whole channel, never one owner: they stay words of the text.
  if (plain && !CHANNEL_WIDE.test(plain[1]!))
    return { kind: 'mention', mention: { userId: plain[1]!, name: plain[1]! }, start, end, raw };
  return { kind: 'word', text: raw, quoted: false, start, end, raw };
}

function readQuoted(text: string, open: number, usage: string | undefined): { content: string; end: number } {
  for (let at = open + 1; at < text.length; at += 1) {
    if (CLOSING_QUOTES.includes(text[at]!)) return { content: text.slice(open + 1, at), end: at + 1 };
  }
  const shown = text.length - open > 40 ? `${text.slice(open, open + 40)}…` : text.slice(open);
  throw new CommandSyntaxError(`A quote is not closed: ${shown}`, usage);
}

/**
 * `source:"x "y" z"`: a quote inside a quoted value ends it, and the rest would silently become other
 * words (of a title, say). A closing quote must be followed by a space or the end.
 */
function assertValueEnds(
  text: string,
  start: number,
  end: number,
  key: OptionKey,
  usage: string | undefined,
) {
  if (end >= text.length || /\s/.test(text[end]!)) return;
  const typed = text.slice(start, wordEnd(text, end));
  const shown = typed.length > 60 ? `${typed.slice(0, 60)}…` : typed;
  throw new CommandSyntaxError(
    `The quoted value of ${key}: ends before its text does (${shown}): a quote inside quotes ends them. Write inner quotes as single quotes, such as ${key}:"Joint Statement 'Way Forward', para 4".`,
    usage,
  );
}

function wordEnd(text: string, start: number): number {
  const next = text.slice(start).search(/\s/);
  return next === -1 ? text.length : start + next;
}
