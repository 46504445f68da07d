import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import type { PersonMention } from './command.js';
import type { OptionKey, Token, WordToken } from './tokenize.js';

export interface PositionalWord extends WordToken {
  /** Which stretch of words between options and mentions the word is in, counted from 0. */
  segment: number;
}

export interface OptionValue {
  key: OptionKey;
  value: string;
}

export interface Arguments {
  words: PositionalWord[];
  options: OptionValue[];
  mentions: PersonMention[];
}

export interface ArgumentRules {
  /** The subcommand, as named in error messages. */
  command: string;
  usage: string;
  /** The options this subcommand takes; any other is an error. */
  keys: readonly OptionKey[];
  /** Options whose unquoted value runs over the following words up to the next option or mention. */
  multiWord?: readonly OptionKey[];
  /** Whether `@person` is an argument here; where it is not, it is an ordinary word. */
  mentions?: boolean;
  /** Whether the word at `index` ends a multi-word value (`due:15 Dec every quarter` ends before `every`). */
  endsValue?: (tokens: readonly Token[], index: number) => boolean;
}

/**
 * Sorts tokens into positional words, options with their values and mentions. An option typed
 * as `key:` with nothing after the colon takes the next word (or, for a multi-word key, the next
 * words) as its value, so `owner: MITI` and `due: 15 Dec` read as people mean them.
 */
export function groupArguments(text: string, tokens: readonly Token[], rules: ArgumentRules): Arguments {
  const result: Arguments = { words: [], options: [], mentions: [] };
  const isBreak = (token: Token): boolean =>
    token.kind === 'option' || (token.kind === 'mention' && rules.mentions === true);
  let segment = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.kind === 'mention' && rules.mentions) {
      segment += 1;
      result.mentions.push(token.mention);
      continue;
    }
    if (token.kind !== 'option') {
      result.words.push({ ...asWord(token), segment });
      continue;
    }
    segment += 1;
    if (!rules.keys.includes(token.key)) throw unexpectedOption(token.key, rules);
    const multiWord = rules.multiWord?.includes(token.key) ?? false;
    if (token.quoted || (token.value !== '' && !multiWord)) {
      result.options.push({ key: token.key, value: token.value });
      continue;
    }
    const taken: WordToken[] = [];
    while (
      index + 1 < tokens.length &&
      (multiWord || taken.length === 0) &&
      !isBreak(tokens[index + 1]!) &&
      !((taken.length > 0 || token.value !== '') && rules.endsValue?.(tokens, index + 1))
    ) {
      taken.push(asWord(tokens[index + 1]!));
      index += 1;
    }
    result.options.push({ key: token.key, value: optionValue(text, token.valueStart, token.value, taken) });
  }
  return result;
}

/** A token that is not an option or a mention argument, read as the word it was typed as. */
function asWord(token: Token): WordToken {
  if (token.kind === 'word') return token;
  return { kind: 'word', text: token.raw, quoted: false, start: token.start, end: token.end, raw: token.raw };
}

function optionValue(text: string, valueStart: number, inline: string, taken: readonly WordToken[]): string {
  const last = taken.at(-1);
  if (!last) return inline;
  if (inline === '' && taken.length === 1 && last.quoted) return last.text;
  return text.slice(valueStart, last.end).trim();
}

function unexpectedOption(key: OptionKey, rules: ArgumentRules): CommandSyntaxError {
  const takes =
    rules.keys.length > 0 ? `It takes ${rules.keys.map((k) => `${k}:`).join(', ')}.` : 'It takes no options.';
  return new CommandSyntaxError(
    `\`${rules.command}\` does not take ${key}:. ${takes} To use "${key}:" as text, put it in quotes.`,
    rules.usage,
  );
}
