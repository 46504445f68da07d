import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/commands/usage.js';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { command, failure } from '../support/command-parsing.js';

describe('add … every <rule>', () => {
  it('takes the rule out of the title wherever it stands among the words', () => {
    expect(command('add Joint Commission meeting owner:MITI every year on 15 Mar')).toMatchObject({
      title: 'Joint Commission meeting',
      owners: ['MITI'],
      every: { unit: 'year', interval: 1, month: 3, day: 15 },
    });
    expect(command('add Monthly returns every month on the last working day owner:MITI')).toMatchObject({
      title: 'Monthly returns',
      every: { unit: 'month', interval: 1, day: 'last-working' },
    });
  });

  it('ends a deadline or a source written over several words where the rule starts', () => {
    expect(command('add Report owner:MITI due:31 Mar every quarter')).toMatchObject({
      title: 'Report',
      dueText: '31 Mar',
      every: { unit: 'month', interval: 3 },
    });
    expect(command('add Report owner:MITI source:JS para 9 every 2 weeks')).toMatchObject({
      source: 'JS para 9',
      every: { unit: 'week', interval: 2 },
    });
    expect(command('add Quarterly report every quarter by 31 Mar owner:MITI')).toMatchObject({
      title: 'Quarterly report',
      dueText: '31 Mar',
      every: { unit: 'month', interval: 3 },
    });
  });

  it('takes every:<rule> as an option too, but not both ways at once', () => {
    expect(command('add Sync owner:MITI every:"2 weeks"')).toMatchObject({
      every: { unit: 'week', interval: 2 },
    });
    expect(failure('add Sync owner:MITI every:quarter every 2 weeks')).toBeInstanceOf(CommandSyntaxError);
  });

  it('leaves an every that starts no rule in the title', () => {
    const added = command('add Review every contract owner:MITI');
    expect(added).toMatchObject({ title: 'Review every contract' });
    expect(added).not.toHaveProperty('every');
    expect(command('add "Meet every quarter" owner:MITI')).not.toHaveProperty('every');
  });

  it('refuses what was meant as a rule but is not one, with the usage line', () => {
    const error = failure('add Report owner:MITI every 2 weaks');
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toContain('"every 2 weaks" is not a rule I can read');
    expect(error.usage).toBe(USAGE.add);
  });
});

describe('update … every:', () => {
  it('reads every:none as stopping the series, and a rule as a new one', () => {
    expect(command('update C-3 every:none')).toEqual({ kind: 'update', id: 'C-3', every: 'none' });
    expect(command('update C-3 every:month on the 15th')).toEqual({
      kind: 'update',
      id: 'C-3',
      every: { unit: 'month', interval: 1, day: 15 },
    });
    expect(failure('update C-3 every:whenever')).toBeInstanceOf(InvalidValueError);
  });
});
