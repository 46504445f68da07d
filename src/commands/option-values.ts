import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import type { Arguments, PositionalWord } from './group-arguments.js';
import type { OptionKey } from './tokenize.js';

/** What an option looks like, for the answer to one typed without a value. */
export const OPTION_EXAMPLES: Readonly<Record<OptionKey, string>> = {
  owner: 'owner:MITI',
  due: 'due:2026-12-15',
  area: 'area:trade',
  source: 'source:"Joint Statement, para 4"',
  status: 'status:at-risk',
  note: 'note:"…"',
  reason: 'reason:"…"',
  tz: 'tz:Asia/Kuala_Lumpur',
  country: 'country:MY',
  every: 'every:"2 weeks"',
  visibility: 'visibility:restricted',
};

/** The value of an option given at most once; undefined when it is not given. */
export function single(args: Arguments, key: OptionKey, usage: string): string | undefined {
  const values = args.options.filter((option) => option.key === key);
  if (values.length > 1) throw new CommandSyntaxError(`${key}: is given more than once.`, usage);
  const [option] = values;
  return option && requireValue(key, option.value, usage);
}

export function requireValue(key: OptionKey, value: string, usage: string): string {
  const trimmed = value.trim();
  if (!trimmed)
    throw new CommandSyntaxError(`${key}: needs a value, such as ${OPTION_EXAMPLES[key]}.`, usage);
  return trimmed;
}

/** Words put back together as typed; a phrase given wholly in quotes loses its quotes. */
export function phraseOf(words: readonly PositionalWord[]): string {
  const [only] = words;
  if (only && words.length === 1 && only.quoted) return only.text.trim();
  return words
    .map((word) => word.raw)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
