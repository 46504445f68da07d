import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/commands/usage.js';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { InputTooLongError } from '../../src/errors/input-too-long-error.js';
import { command, failure } from '../support/command-parsing.js';

describe('agency holidays and agency holiday add/remove', () => {
  it('reads the listing of an agency’s non-working days', () => {
    expect(command('agency holidays meity')).toEqual({ kind: 'agency-holidays', code: 'MEITY' });
  });

  it('reads a day and a quoted name, the day in any form a deadline takes', () => {
    expect(command('agency holiday add MEITY 2026-11-09 "Diwali (Govardhan Puja)"')).toEqual({
      kind: 'agency-holiday-add',
      code: 'MEITY',
      dateText: '2026-11-09',
      name: 'Diwali (Govardhan Puja)',
    });
    expect(command('agency holiday add MEITY 24 Nov "Guru Nanak Jayanti"')).toMatchObject({
      dateText: '24 Nov',
      name: 'Guru Nanak Jayanti',
    });
  });

  it('takes an unquoted name after a one-word date', () => {
    expect(command('agency holiday add MITI 2026-12-11 Sultan of Kedah birthday')).toMatchObject({
      dateText: '2026-12-11',
      name: 'Sultan of Kedah birthday',
    });
  });

  it('reads a removal', () => {
    expect(command('agency holiday remove meity 2026-11-09')).toEqual({
      kind: 'agency-holiday-remove',
      code: 'MEITY',
      dateText: '2026-11-09',
    });
  });

  it.each([
    ['agency holidays', /needs an agency code/],
    ['agency holidays MEITY MITI', /takes one agency code/],
    ['agency holiday MEITY', /needs an action/],
    ['agency holiday add MEITY 2026-11-09', /needs the date and the name/],
    ['agency holiday add MEITY "Diwali"', /needs the date and the name/],
    ['agency holiday remove MEITY', /needs the date/],
  ])('refuses %s with the usage', (typed, message) => {
    const error = failure(typed);
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect(error.message).toMatch(message);
    expect(error.usage).toBe(USAGE.agency);
  });

  it('refuses a name over 100 characters', () => {
    expect(failure(`agency holiday add MEITY 2026-11-09 "${'x'.repeat(101)}"`)).toBeInstanceOf(
      InputTooLongError,
    );
  });
});
