import { describe, expect, it } from 'vitest';
import { anyOf } from '../../adapters/slack/any-of.js';

describe('anyOf', () => {
  it('matches each of its ids whole, and nothing longer, shorter or with a dot standing for anything', () => {
    const pattern = anyOf(['commitment.done', 'commitment.snooze-1d']);
    expect(pattern.test('commitment.done')).toBe(true);
    expect(pattern.test('commitment.snooze-1d')).toBe(true);
    expect(pattern.test('commitmentXdone')).toBe(false);
    expect(pattern.test('commitment.done.more')).toBe(false);
    expect(pattern.test('xcommitment.done')).toBe(false);
    expect(pattern.test('commitment.snooze-1')).toBe(false);
  });

  it('refuses an empty list, which would match nothing meaningful', () => {
    expect(() => anyOf([])).toThrow();
  });
});
