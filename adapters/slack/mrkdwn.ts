/**
 * Slack reads `&`, `<` and `>` as control characters in every text object: `<!channel>` pings a
 * channel, `<@U1>` a person, `<https://x|y>` is a link. User text is escaped so it can only ever
 * show as what was typed.
 */
export function escapeText(raw: string): string {
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text for a `*bold*` span: the markers must hug the words, so surrounding spaces go outside. */
export function bold(raw: string): string {
  return wrap(escapeText(raw), '*');
}

/** Text for a `` `code` `` span; a backtick inside would end the span early, so it is swapped for a look-alike. */
export function inlineCode(raw: string): string {
  return wrap(escapeText(raw.replace(/`/g, 'ˋ')), '`');
}

function wrap(text: string, marker: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
  const [, before, core, after] = match;
  return core ? `${before}${marker}${core}${marker}${after}` : text;
}

/**
 * Cuts already-rendered text to Slack's limit for a field, ending with an ellipsis, without
 * splitting an `&amp;`-style entity or a `<@U1>` mention in two.
 */
export function clip(rendered: string, limit: number): string {
  if (rendered.length <= limit) return rendered;
  let cut = rendered.slice(0, limit - 1);
  const openEntity = cut.lastIndexOf('&');
  if (openEntity !== -1 && !cut.slice(openEntity).includes(';')) cut = cut.slice(0, openEntity);
  const openToken = cut.lastIndexOf('<');
  if (openToken !== -1 && !cut.slice(openToken).includes('>')) cut = cut.slice(0, openToken);
  return `${cut}…`;
}

/** Plain text made safe and short enough for a field that holds at most `limit` characters. */
export function plain(raw: string, limit: number): string {
  return clip(escapeText(raw), limit);
}
