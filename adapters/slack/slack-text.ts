/**
 * Slack sends what people type with its own markup: `<@U1|alice>` for a mention, `<#C1|general>` for
 * a channel, `<https://x|x>` for a link, `<!here>`, and `&amp;`/`&lt;`/`&gt;` for the three
 * characters it reserves. These pure functions turn that back into what the person typed.
 */

const SLACK_TOKEN = /<([^<>]*)>/g;
const USER_TOKEN = /^@([UW][A-Z0-9]+)(?:\|([^>]*))?$/;

export interface SlackUserMention {
  userId: string;
  name?: string;
}

/**
 * Command text as the core's parser reads it. User mentions stay `<@U1|alice>` (the parser's form)
 * when `keepMentions`; otherwise they become `@alice` text, for commands where a mention is just words.
 * Links, channels and special mentions become the text they were typed as; entities are decoded last,
 * so a literal `&lt;!channel&gt;` typed by a person stays the text `<!channel>`.
 */
export function fromSlackText(
  text: string,
  options: { keepMentions: boolean; nameOf?: (userId: string) => string | undefined } = {
    keepMentions: true,
  },
): string {
  const replaced = text.replace(SLACK_TOKEN, (whole, inner: string) => {
    const user = USER_TOKEN.exec(inner);
    if (user) {
      if (options.keepMentions) return whole;
      return `@${user[2] || options.nameOf?.(user[1]!) || user[1]}`;
    }
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('#')) return `#${label || target.slice(1)}`;
    if (target.startsWith('!')) return specialMention(target.slice(1), label);
    return label || target.replace(/^mailto:/, '');
  });
  return decodeEntities(replaced);
}

/** Every user mentioned in Slack markup, in order, once each. */
export function mentionedUsers(text: string): SlackUserMention[] {
  const seen = new Map<string, SlackUserMention>();
  for (const match of text.matchAll(SLACK_TOKEN)) {
    const user = USER_TOKEN.exec(match[1]!);
    if (user && !seen.has(user[1]!))
      seen.set(user[1]!, user[2] ? { userId: user[1]!, name: user[2] } : { userId: user[1]! });
  }
  return [...seen.values()];
}

function specialMention(target: string, label: string | undefined): string {
  if (target.startsWith('subteam^')) return label || '@group';
  if (target.startsWith('date^')) return label ?? '';
  return `@${target}`;
}

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The first subcommand word of a command's text, lower-cased. */
export function subcommandOf(text: string): string {
  return (/^\s*(\S+)/.exec(text)?.[1] ?? '').toLowerCase();
}
