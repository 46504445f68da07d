/**
 * Every string in the neutral model is plain text typed by someone. Teams turns `<at>name</at>` into a
 * mention when the card lists a matching entity, and reads a subset of Markdown in TextBlocks and facts,
 * so user text is defused before it goes into a card.
 */

/** U+2060 WORD JOINER: invisible, and enough to stop `<at>` from matching a mention entity. */
const JOINER = '\u2060';

// Control characters other than tab and newline break rendering on some clients.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * For TextRuns, which Teams renders without Markdown: mentions need defusing, and so do `{{`, which
 * would let a typed `{{DATE(…)}}` be rewritten as a date (the bot's own are added after this).
 */
export function plainText(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/<(\s*\/?\s*at)/gi, `<${JOINER}$1`)
    .replace(/\{\{/g, `{${JOINER}{`);
}

/** Characters that start Markdown emphasis, links, code, strike-through, entities or raw HTML. */
const MARKDOWN_SPECIAL = /[\\`*_~[\]<>&]/g;

/** For TextBlocks and facts: Markdown is read there, so its syntax is backslash-escaped. */
export function markdownText(value: string): string {
  return plainText(value)
    .replace(MARKDOWN_SPECIAL, (char) => `\\${char}`)
    .replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, (_match, indent: string, marker: string) =>
      marker.endsWith('.') ? `${indent}${marker.slice(0, -1)}\\.` : `${indent}\\${marker}`,
    );
}

/**
 * A display name inside `<at>…</at>`. Teams shows it as the mention's label, so Markdown and tag
 * characters are dropped rather than escaped (an escape would show as a backslash in the label).
 */
export function mentionName(value: string | undefined): string {
  const cleaned = (value ?? '')
    .replace(/[\\`*_~[\]<>&|]/g, '')
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? 'Teams user' : cleaned;
}
