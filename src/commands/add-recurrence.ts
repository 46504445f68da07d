import { InvalidValueError } from '../errors/invalid-value-error.js';
import type { RecurrenceRule } from '../model/recurrence.js';
import { looksLikeRuleAttempt, parseRule, RULE_EXAMPLES } from '../recurrence/parse-rule.js';
import type { PositionalWord } from './group-arguments.js';
import type { Token } from './tokenize.js';

/**
 * "Quarterly report to the joint committee every quarter by 31 Mar": the last `every` of the title words,
 * with the words after it up to a `by` or the next option, gives the rule when they read as one; words
 * that were meant as a rule but are not one ("every 2 weaks") are refused with the reason, and any other
 * `every` ("Review every contract") stays in the title.
 */
export function takeEveryRule(
  words: readonly PositionalWord[],
  usage: string,
): { rule: RecurrenceRule; titleWords: PositionalWord[] } | undefined {
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const every = words[index]!;
    if (!isWord(every, 'every')) continue;
    const ruleWords: PositionalWord[] = [];
    for (const word of words.slice(index + 1)) {
      if (word.segment !== every.segment || isWord(word, 'by') || isWord(word, 'every')) break;
      ruleWords.push(word);
    }
    if (ruleWords.length === 0) continue;
    const text = ruleWords.map((word) => word.text).join(' ');
    const reading = parseRule(text);
    if (reading.ok) {
      const taken = new Set([every, ...ruleWords]);
      return { rule: reading.rule, titleWords: words.filter((word) => !taken.has(word)) };
    }
    if (looksLikeRuleAttempt(text)) throw unreadableRule(reading.message, usage);
  }
  return undefined;
}

/**
 * `due:2026-03-31 every quarter`, `source:JS para 9 every quarter`: a multi-word value ends where an
 * `every` starts a rule (or what was meant as one), so that the rule is not read as part of the date.
 */
export function startsRule(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]!;
  if (word.kind !== 'word' || word.quoted || word.text.toLowerCase() !== 'every') return false;
  const following: string[] = [];
  for (const token of tokens.slice(index + 1)) {
    if (token.kind !== 'word' || token.text.toLowerCase() === 'by') break;
    following.push(token.text);
  }
  const text = following.join(' ');
  return text !== '' && (parseRule(text).ok || looksLikeRuleAttempt(text));
}

/** `every:"2 weeks"`, `every:quarter`: a rule given as an option must read as one. */
export function readEveryOption(value: string, usage: string): RecurrenceRule {
  const reading = parseRule(value);
  if (!reading.ok) throw unreadableRule(reading.message, usage);
  return reading.rule;
}

export function unreadableRule(message: string, usage: string): InvalidValueError {
  return new InvalidValueError(`${message} Write a rule like: ${RULE_EXAMPLES}. Nothing was saved.`, usage);
}

function isWord(word: PositionalWord, text: string): boolean {
  return !word.quoted && word.text.toLowerCase() === text;
}
