import { tokenize } from '../../src/commands/tokenize.js';
import { USAGE } from '../../src/commands/usage.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { fromSlackText, mentionedUsers, subcommandOf } from './slack-text.js';
import type { SlackUserDirectory } from './user-directory.js';

/**
 * The text of `/commit …` as the core reads it. In `add`, where `@person` names the owner, every
 * mention must be a real Slack user: Slack's own `<@U1|alice>` is kept, and a bare `@alice` (sent when
 * the app's "escape" option is off, or typed without picking from the menu) is looked up by name.
 * Everywhere else a mention is just words in a note or reason, and becomes `@alice` text.
 */
export async function commandTextFor(slackText: string, directory: SlackUserDirectory): Promise<string> {
  const subcommand = subcommandOf(fromSlackText(slackText, { keepMentions: false }));
  if (subcommand !== 'add') {
    const unnamed = mentionedUsers(slackText).filter((m) => !m.name);
    await Promise.all(unnamed.map((m) => directory.user(m.userId)));
    return fromSlackText(slackText, { keepMentions: false, nameOf: (id) => directory.knownName(id) });
  }
  return resolvePlainMentions(fromSlackText(slackText, { keepMentions: true }), directory);
}

async function resolvePlainMentions(text: string, directory: SlackUserDirectory): Promise<string> {
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(text, USAGE.add);
  } catch {
    // An unclosed quote: the parser will say so, with the usage line.
    return text;
  }
  const plain = tokens.filter((token) => token.kind === 'mention' && token.raw.startsWith('@'));
  let resolved = text;
  for (const token of [...plain].reverse()) {
    const name = token.raw.slice(1);
    resolved = `${resolved.slice(0, token.start)}${await canonicalMention(name, directory)}${resolved.slice(token.end)}`;
  }
  return resolved;
}

async function canonicalMention(name: string, directory: SlackUserDirectory): Promise<string> {
  const matches = (await directory.findByName(name)).filter((user) => !user.bot);
  if (matches.length === 0) {
    throw new InvalidValueError(
      `I can't find anyone called @${name} in this Slack workspace. Pick the person from Slack's @ suggestions so the mention is sent as a link.`,
      USAGE.add,
    );
  }
  if (matches.length > 1) {
    throw new InvalidValueError(
      `More than one person here is called @${name}. Pick the right one from Slack's @ suggestions.`,
      USAGE.add,
    );
  }
  const [user] = matches;
  return `<@${user!.id}|${user!.name.replace(/[|>]/g, '')}>`;
}
