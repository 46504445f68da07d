import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/commands/usage.js';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';
import { command, failure } from '../support/command-parsing.js';

describe('a title that ends with a date, and no due: or by', () => {
  it('is refused with the command written with `by`, and nothing is read as a deadline', () => {
    const error = failure('add Friday five owner:MEITY friday 5pm');
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect(error.message).toContain('The title ends with "friday 5pm", which reads as a date');
    expect(error.message).toContain('nothing was saved');
    expect(error.message).toContain('add Friday five owner:MEITY by friday 5pm');
    expect(error.message).toContain('put the whole title in quotes');
    expect(error.usage).toBe(USAGE.add);
  });

  it.each([
    ['add Sign the MoU owner:MITI 15 Dec', 'add Sign the MoU owner:MITI by 15 Dec'],
    ['add Sign the MoU tomorrow owner:MITI', 'add Sign the MoU by tomorrow owner:MITI'],
    ['add Report on fisheries 2027-03-31', 'add Report on fisheries by 2027-03-31'],
    ['add Sign the MoU end of january area:trade', 'add Sign the MoU by end of january area:trade'],
  ])('%s is answered with "%s"', (typed, suggested) => {
    expect(failure(typed).message).toContain(suggested);
  });

  it('keeps a date in a title given in quotes, or with a deadline given', () => {
    expect(command('add "Review of 15 Dec" owner:MITI')).toMatchObject({ title: 'Review of 15 Dec' });
    expect(command('add Review of 15 Dec owner:MITI due:2027-01-10')).toMatchObject({
      title: 'Review of 15 Dec',
      dueText: '2027-01-10',
    });
  });

  it.each([
    'add Maritime exercise owner:MITI',
    'add Phase 2 owner:MITI',
    'add Budget for 2027 owner:MITI',
    'add Plan for March owner:MITI',
    'add Solar power from the sun owner:MITI',
    'add Plan for the weekend owner:MITI',
    'add Phase 1.5 owner:MITI',
    'add Friday prayers arrangements owner:MITI',
    'add Tomorrow',
  ])('leaves %s alone: its last words are not a date', (typed) => {
    expect(command(typed)).toMatchObject({ kind: 'add' });
  });
});

describe('`by` followed by a date that cannot be read', () => {
  it.each([
    ['add Sign the MoU owner:MITI by tomorow', 'tomorow'],
    ['add Sign the MoU by fridya 5pm owner:MITI', 'fridya 5pm'],
    ['add Sign the MoU by wendesday', 'wendesday'],
  ])('%s is refused with the reason, never folded into the title', (typed, words) => {
    const error = failure(typed);
    expect(error).toBeInstanceOf(InvalidDateError);
    expect(error.message).toContain(`"${words}"`);
    expect(error.message).toContain(`If "by ${words}" belongs in the title, put the title in quotes.`);
    expect(error.usage).toBe(USAGE.add);
  });

  it('takes a date that is written but impossible as the deadline, for the tracker to say why', () => {
    expect(command('add Sign by 31 Nov')).toMatchObject({ title: 'Sign', dueText: '31 Nov' });
    expect(command('add Sign by 31/31 owner:MITI')).toMatchObject({ title: 'Sign', dueText: '31/31' });
  });

  it.each([
    'add Review by the committee owner:MITI',
    'add Report approved by cabinet owner:MITI',
    'add Deliver report by friday by the team',
    'add Reviewed by Marc owner:MITI',
  ])('leaves %s in the title: the words after by are not written as a date', (typed) => {
    expect(command(typed)).toMatchObject({ kind: 'add', title: expect.stringContaining('by') });
  });
});
