declare const MRKDWN: unique symbol;

/**
 * Text that Slack may read as mrkdwn. Only the functions of this file make one: `md` for markup the bot
 * writes itself, `userText` (and `bold`, `inlineCode`) for text someone typed, `slackMention` for a
 * person called on. A plain string does not type-check where mrkdwn goes, so user text cannot reach
 * Slack's parser without passing through `userText`.
 */
export type Mrkdwn = string & { readonly [MRKDWN]: true };

/**
 * Slack reads `&`, `<` and `>` as control characters in every text object: `<!channel>` pings a
 * channel, `<@U1>` a person, `<https://x|y>` is a link. Escaped, they can only show as typed. This alone
 * is what a plain_text object needs; mrkdwn needs `userText`.
 */
export function escapeText(raw: string): string {
  // Most text has none of the three: one test instead of three replacements, for every line drawn.
  if (!SPECIAL.test(raw)) return raw;
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SPECIAL = /[&<>]/;

/**
 * mrkdwn has no escape for its formatting characters, so in user text they are swapped for look-alikes
 * that Slack does not read as markup (as jsx-slack's `<Escape>` does): `*bold*`, `_italic_`,
 * `~strike~` and `` `code` `` typed in a title show as typed instead of formatting it.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '*': '∗', _: 'ˍ', '~': '∼', '`': 'ˋ' };

/** An invisible soft hyphen before a `>` that starts a line keeps it from opening a block quote. */
const QUOTE_AT_LINE_START = /(^|\n)([ \t]*)&gt;/g;

/** Every character `userText` changes: Slack's three control characters and the formatting marks. */
const MARKUP = /[&<>*_~`]/;

/** Text someone typed, as mrkdwn that shows it as typed: no ping, no link, no formatting. */
export function userText(raw: string): Mrkdwn {
  // Most titles and names have nothing to escape or swap: one test instead of four passes, every line.
  if (!MARKUP.test(raw)) return raw as Mrkdwn;
  return escapeText(raw)
    .replace(/[*_~`]/g, (char) => LOOK_ALIKES[char]!)
    .replace(QUOTE_AT_LINE_START, '$1$2\u00ad&gt;') as Mrkdwn;
}

/**
 * Markup the bot writes itself: the template's literal parts are mrkdwn as written, and every value put
 * into it must already be mrkdwn (user text through `userText`), e.g. md`*${userText(id)}* ${title}`.
 */
export function md(literals: TemplateStringsArray, ...values: readonly Mrkdwn[]): Mrkdwn {
  return literals.reduce((out, literal, index) => out + literal + (values[index] ?? ''), '') as Mrkdwn;
}

export function joinMrkdwn(parts: readonly Mrkdwn[], separator: Mrkdwn): Mrkdwn {
  return parts.join(separator) as Mrkdwn;
}

/** A Slack user called on (notified): only a real Slack user id becomes one. */
export function slackMention(userId: string): Mrkdwn | undefined {
  return /^[UW][A-Z0-9]+$/.test(userId) ? (`<@${userId}>` as Mrkdwn) : undefined;
}

/** User text in a `*bold*` span: the markers must hug the words, so surrounding spaces go outside. */
export function bold(raw: string): Mrkdwn {
  return wrap(userText(raw), '*');
}

/** Text for a `` `code` `` span, inside which Slack formats nothing; a backtick would end it early. */
export function inlineCode(raw: string): Mrkdwn {
  return wrap(escapeText(raw.replace(/`/g, 'ˋ')) as Mrkdwn, '`');
}

function wrap(text: Mrkdwn, marker: string): Mrkdwn {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
  const [, before, core, after] = match;
  return (core ? `${before}${marker}${core}${marker}${after}` : text) as Mrkdwn;
}

/**
 * Cuts already-rendered text to Slack's limit for a field, ending with an ellipsis, without
 * splitting an `&amp;`-style entity or a `<@U1>` mention in two.
 */
export function clip<T extends string>(rendered: T, limit: number): T {
  if (rendered.length <= limit) return rendered;
  let cut = rendered.slice(0, limit - 1);
  const openEntity = cut.lastIndexOf('&');
  if (openEntity !== -1 && !cut.slice(openEntity).includes(';')) cut = cut.slice(0, openEntity);
  const openToken = cut.lastIndexOf('<');
  if (openToken !== -1 && !cut.slice(openToken).includes('>')) cut = cut.slice(0, openToken);
  return `${cut}…` as T;
}

/** Plain text made safe and short enough for a plain_text field that holds at most `limit` characters. */
export function plain(raw: string, limit: number): string {
  return clip(escapeText(raw), limit);
}
