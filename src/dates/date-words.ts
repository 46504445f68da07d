/**
 * Words people write dates with. After `by`, words like these mean a deadline was meant, even when it
 * could not be read ("by tomorow", "by fridya 5pm", "by 31/31"): that deserves an answer saying why,
 * where "by the committee" is just part of a title.
 */
const FULL_WORDS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'today',
  'tomorrow',
  'tonight',
  'yesterday',
  'midnight',
  'noon',
];
/** Abbreviations and shorthands; words that also have an everyday meaning (sat, sun, mar, may, end, next) are left out. */
const SHORT_WORDS = [
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'jan',
  'feb',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'eod',
  'eow',
  'eom',
  'eoy',
  'am',
  'pm',
];
const DATE_WORDS = new Set([...FULL_WORDS, ...SHORT_WORDS]);

/** True when the words are written like a date (a digit, a date word, or a date word mistyped). */
export function looksLikeDateAttempt(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[\s,.]+/)
    .some(
      (word) => /\d/.test(word) || DATE_WORDS.has(word) || FULL_WORDS.some((full) => isTypoOf(word, full)),
    );
}

/** One slip (a letter wrong, missing, extra or two swapped) in a word of 6 letters or more; two from 8. */
function isTypoOf(word: string, target: string): boolean {
  if (word.length < 6 || Math.abs(word.length - target.length) > 2) return false;
  return editDistance(word, target) <= (word.length >= 8 ? 2 : 1);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
