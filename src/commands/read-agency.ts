import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { TEXT_LIMITS } from '../model/limits.js';
import type { Command } from './command.js';
import { phraseOf, single } from './option-values.js';
import { readAgencyHolidays } from './read-agency-holidays.js';
import {
  limitLength,
  readAgencyCode,
  readCountry,
  readTimeZone,
  readVisibility,
  requireVisible,
} from './read-values.js';
import { afterAction, argumentsOf } from './subcommand-action.js';

/** `agency add …`, `agency remove …`, `agency holidays …`, `agency holiday add|remove …`. */
export function readAgency(rest: string, usage: string): Command {
  const [action, body] = afterAction(rest, 'agency', ['add', 'remove', 'holidays', 'holiday'], usage);
  if (action === 'remove') return readAgencyRemoval(body, usage);
  if (action === 'holidays' || action === 'holiday') return readAgencyHolidays(action, body, usage);
  const args = argumentsOf(body, {
    command: 'agency add',
    usage,
    keys: ['tz', 'country', 'visibility'],
  });
  const [codeWord, ...nameWords] = args.words;
  if (!codeWord) throw new CommandSyntaxError('`agency add` needs an agency code, such as MITI.', usage);
  const code = readAgencyCode(codeWord.text, usage);
  const name = requireVisible(
    limitLength(phraseOf(nameWords), 'agency name', TEXT_LIMITS.agencyName, usage),
    `\`agency add\` needs the agency's name in quotes after ${code}.`,
    usage,
  );
  const zone = single(args, 'tz', usage);
  if (zone === undefined) {
    throw new CommandSyntaxError('`agency add` needs the time zone, such as tz:Asia/Kuala_Lumpur.', usage);
  }
  const command: Extract<Command, { kind: 'agency-add' }> = {
    kind: 'agency-add',
    code,
    name,
    timeZone: readTimeZone(zone, usage),
  };
  const country = single(args, 'country', usage);
  if (country !== undefined) command.country = readCountry(country, usage);
  const visibility = single(args, 'visibility', usage);
  if (visibility !== undefined) command.visibility = readVisibility(visibility, usage);
  return command;
}

function readAgencyRemoval(body: string, usage: string): Command {
  const { words } = argumentsOf(body, { command: 'agency remove', usage, keys: [] });
  const [code, stray] = words;
  if (!code) throw new CommandSyntaxError('`agency remove` needs an agency code, such as MITI.', usage);
  if (stray) throw new CommandSyntaxError('`agency remove` takes one agency code, such as MITI.', usage);
  return { kind: 'agency-remove', code: readAgencyCode(code.text, usage) };
}
