import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import type { ArgumentRules, Arguments } from './group-arguments.js';
import { groupArguments } from './group-arguments.js';
import { tokenize } from './tokenize.js';

/** `agency add …`, `channel link …`: the second word names the action; returns it and what follows. */
export function afterAction(
  rest: string,
  command: string,
  actions: string[],
  usage: string,
): [string, string] {
  const head = /^(\S+)\s*/.exec(rest);
  const known = actions.map((action) => `\`${command} ${action}\``).join(' or ');
  if (!head) throw new CommandSyntaxError(`\`${command}\` needs an action: ${known}.`, usage);
  const action = head[1]!.toLowerCase();
  if (!actions.includes(action)) {
    throw new CommandSyntaxError(`There is no "${command} ${head[1]}" command; try ${known}.`, usage);
  }
  return [action, rest.slice(head[0].length)];
}

export function argumentsOf(text: string, rules: ArgumentRules): Arguments {
  return groupArguments(text, tokenize(text, rules.usage), rules);
}
