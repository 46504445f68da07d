import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import type { Command } from './command.js';
import { readChannelSettings } from './read-channel-settings.js';
import { readAgencyCode } from './read-values.js';
import { afterAction, argumentsOf } from './subcommand-action.js';

/** `channel link <AGENCY>`, `channel unlink`, `channel settings […]`: always about the channel typed in. */
export function readChannel(rest: string, usage: string): Command {
  const [action, body] = afterAction(rest, 'channel', ['link', 'unlink', 'settings'], usage);
  if (action === 'settings') return readChannelSettings(body, usage);
  if (action === 'unlink') {
    if (body.trim() !== '') {
      throw new CommandSyntaxError(
        '`channel unlink` takes nothing more: run it in the channel to unlink.',
        usage,
      );
    }
    return { kind: 'channel-unlink' };
  }
  const { words } = argumentsOf(body, { command: 'channel link', usage, keys: [] });
  const [agency, stray] = words;
  if (!agency) throw new CommandSyntaxError('`channel link` needs an agency code, such as MITI.', usage);
  if (stray)
    throw new CommandSyntaxError('`channel link` takes one agency code, such as `channel link MITI`.', usage);
  return { kind: 'channel-link', agency: readAgencyCode(agency.text, usage) };
}
