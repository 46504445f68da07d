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

/**
 * Bidirectional controls (overrides such as U+202E, embeddings, isolates, and the directional marks)
 * make text show in another order than it is stored, so a title could seem to say what it does not.
 */
export const BIDI_CONTROLS = /\p{Bidi_Control}/u;

/** Half of a UTF-16 surrogate pair without its other half: no character at all. */
export const LONE_SURROGATES = /\p{Cs}/u;

/** Spaces, zero-width and other format characters, and the fillers that render as nothing. */
const INVISIBLE_ONLY = /^[\s\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** True when the text shows nothing at all, such as a title of zero-width spaces only. */
export function isInvisible(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}

/** Why free text cannot be stored as typed ("contains …"), or undefined when it can. */
export function unstorableTextReason(text: string): string | undefined {
  if (CONTROL_CHARACTERS.test(text)) return 'contains control characters';
  if (BIDI_CONTROLS.test(text)) {
    return 'contains a bidirectional control character (such as the right-to-left override U+202E), which makes text show in another order than it is written';
  }
  if (LONE_SURROGATES.test(text)) return 'contains a broken character (half of a UTF-16 surrogate pair)';
  return undefined;
}
