/** How much text each field takes: the same for a typed command, a form and an import file. */
export const TEXT_LIMITS = {
  command: 4000,
  title: 200,
  note: 2000,
  source: 500,
  agencyName: 200,
} as const;

/** An area is one lower-case word: `trade`, `semiconductors`, `people-to-people`. */
export const AREA_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;

/**
 * Control characters (other than tab and newline) would be stored as typed and replayed into every
 * terminal and chat that shows the text; no one types them on purpose.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
