import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { HOLIDAY_NAME_LIMIT } from '../model/holiday.js';
import type { Command } from './command.js';
import { groupArguments, type PositionalWord } from './group-arguments.js';
import { limitLength, readAgencyCode } from './read-values.js';
import { tokenize } from './tokenize.js';

/**
 * `agency holidays <CODE>` and `agency holiday add <CODE> <date> "<name>"` / `agency holiday remove
 * <CODE> <date>`. The date stays text, read later in the agency's zone; the name is the quoted phrase
 * (or, without quotes, everything after a one-word date).
 */
export function readAgencyHolidays(action: 'holidays' | 'holiday', body: string, usage: string): Command {
  if (action === 'holidays') {
    const [code, stray] = words(body, 'agency holidays', usage);
    if (!code) throw new CommandSyntaxError('`agency holidays` needs an agency code, such as MEITY.', usage);
    if (stray) throw new CommandSyntaxError('`agency holidays` takes one agency code, such as MEITY.', usage);
    return { kind: 'agency-holidays', code: readAgencyCode(code.text, usage) };
  }
  const head = /^(\S+)\s*/.exec(body);
  const verb = head?.[1]?.toLowerCase();
  if (verb !== 'add' && verb !== 'remove') {
    throw new CommandSyntaxError(
      '`agency holiday` needs an action: `agency holiday add <CODE> <date> "<name>"` or `agency holiday remove <CODE> <date>`.',
      usage,
    );
  }
  const [codeWord, ...rest] = words(body.slice(head![0].length), `agency holiday ${verb}`, usage);
  if (!codeWord)
    throw new CommandSyntaxError(`\`agency holiday ${verb}\` needs an agency code, such as MEITY.`, usage);
  const code = readAgencyCode(codeWord.text, usage);
  if (verb === 'remove') {
    const dateText = joined(rest);
    if (!dateText)
      throw new CommandSyntaxError('`agency holiday remove` needs the date, such as 2026-11-08.', usage);
    return { kind: 'agency-holiday-remove', code, dateText };
  }
  const quoted = rest.findIndex((word) => word.quoted);
  const [dateWords, nameWords] =
    quoted === -1 ? [rest.slice(0, 1), rest.slice(1)] : [rest.slice(0, quoted), rest.slice(quoted)];
  const dateText = joined(dateWords);
  const name = limitLength(joined(nameWords), 'holiday name', HOLIDAY_NAME_LIMIT, usage);
  if (!dateText || !name) {
    throw new CommandSyntaxError(
      '`agency holiday add` needs the date and the name, such as `agency holiday add MEITY 2026-11-08 "Diwali"`.',
      usage,
    );
  }
  return { kind: 'agency-holiday-add', code, dateText, name };
}

function words(text: string, command: string, usage: string): PositionalWord[] {
  return groupArguments(text, tokenize(text, usage), { command, usage, keys: [] }).words;
}

function joined(words: readonly PositionalWord[]): string {
  return words
    .map((word) => word.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
