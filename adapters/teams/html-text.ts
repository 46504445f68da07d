const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Teams escapes message text as HTML; this reads the entities back (never into the private-use area). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !isPrivateUse(code)
        ? String.fromCodePoint(code)
        : match;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** An HTML message body (what Teams gives a message action) as one line of plain text. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<(br|\/p|\/div|\/li)\b[^>]*>/gi, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Placeholders used while rewriting mentions live in the private-use area; an entity must not forge one. */
function isPrivateUse(code: number): boolean {
  return code >= 0xe000 && code <= 0xf8ff;
}
