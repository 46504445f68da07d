import { looksLikeDateAttempt } from '../dates/date-words.js';
import { looksLikeDate, readsAsDate, whyNotADate } from '../dates/parse-deadline.js';
import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { InvalidDateError } from '../errors/invalid-date-error.js';
import type { PositionalWord } from './group-arguments.js';

/** No deadline phrase is longer than this many words ("next friday at 5 pm" is five). */
const MAX_DATE_WORDS = 6;
/** Words that end titles in their everyday sense more often than they name a day. */
const EVERYDAY_WORDS = new Set(['sat', 'sun', 'mon', 'wed', 'weekend', 'weekday']);

/**
 * "Review by the committee by next friday": the last `by` followed by words that read as a date (up to
 * the next option or mention) gives the deadline; any other `by` stays in the title. The last `by` of
 * a stretch followed by words written like a date that cannot be read ("by tomorow") is refused with
 * the reason, rather than folded into the title.
 */
export function takeByDeadline(
  words: readonly PositionalWord[],
  usage: string,
): { dueText: string; titleWords: PositionalWord[] } | undefined {
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const by = words[index]!;
    if (!isBy(by)) continue;
    const dateWords = words.slice(index + 1).filter((word) => word.segment === by.segment);
    const dueText = dateWords.map((word) => word.text).join(' ');
    if (dateWords.length === 0) continue;
    if (looksLikeDate(dueText)) {
      return { dueText, titleWords: words.filter((word) => word !== by && !dateWords.includes(word)) };
    }
    if (!dateWords.some(isBy) && looksLikeDateAttempt(dueText)) throw unreadableBy(dueText, usage);
  }
  return undefined;
}

/**
 * With no `due:` or `by`, a title that ends in words that read as a date ("Friday five friday 5pm")
 * was most likely meant to have a deadline: the answer says so, and how to write it, rather than saving
 * a commitment with no deadline and the date in its title.
 */
export function assertNoDateAtTheEnd(words: readonly PositionalWord[], rest: string, usage: string): void {
  const longest = Math.min(MAX_DATE_WORDS, words.length - 1);
  for (let count = longest; count >= 1; count -= 1) {
    const tail = words.slice(-count);
    if (tail.some((word) => word.quoted)) continue;
    const text = tail.map((word) => word.text).join(' ');
    if (EVERYDAY_WORDS.has(text.toLowerCase()) || !readsAsDate(text)) continue;
    const start = tail[0]!.start;
    throw new CommandSyntaxError(
      `The title ends with "${text}", which reads as a date, but no deadline was given, so nothing was saved. ` +
        `For a deadline, write: add ${rest.slice(0, start)}by ${rest.slice(start).trim()} — ` +
        'or, to keep those words in the title, put the whole title in quotes.',
      usage,
    );
  }
}

function isBy(word: PositionalWord): boolean {
  return !word.quoted && word.text.toLowerCase() === 'by';
}

function unreadableBy(dueText: string, usage: string): InvalidDateError {
  const why = whyNotADate(dueText);
  const hint = `If "by ${dueText}" belongs in the title, put the title in quotes.`;
  return new InvalidDateError(
    dueText,
    why?.reason ?? 'unreadable',
    `${why?.message ?? ''} ${hint}`.trim(),
    usage,
  );
}
