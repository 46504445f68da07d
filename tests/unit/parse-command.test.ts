import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.js';
import { SUBCOMMANDS, USAGE } from '../../src/commands/usage.js';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { InputTooLongError } from '../../src/errors/input-too-long-error.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { TrackerError } from '../../src/errors/tracker-error.js';
import { command, failure } from '../support/command-parsing.js';

describe('parseCommand: the frame', () => {
  it('reads empty text, or a bare /commit, as help', () => {
    expect(command('')).toEqual({ kind: 'help' });
    expect(command('   ')).toEqual({ kind: 'help' });
    expect(command('/commit')).toEqual({ kind: 'help' });
  });

  it('strips a leading /commit and reads subcommands in any case', () => {
    expect(command('/commit show C-1')).toEqual({ kind: 'show', id: 'C-1' });
    expect(command('  /COMMIT   SHOW c-1')).toEqual({ kind: 'show', id: 'C-1' });
    expect(command('Agency ADD miti "Trade" tz:UTC')).toMatchObject({ kind: 'agency-add', code: 'MITI' });
  });

  it('refuses an unknown subcommand and lists the subcommands', () => {
    const error = failure('frobnicate C-1');
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect(error.message).toContain('"frobnicate"');
    expect(error.message).toContain(SUBCOMMANDS.join(', '));
    expect(error.usage).toBe(USAGE.help);
  });

  it('refuses text longer than 4000 characters', () => {
    const error = failure(`add ${'x'.repeat(4000)}`);
    expect(error).toBeInstanceOf(InputTooLongError);
    expect(error.message).toContain('4000');
  });

  it('refuses a quote that is never closed', () => {
    const error = failure('add "Sign the MoU owner:MITI');
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect(error.message).toContain('not closed');
    expect(error.usage).toBe(USAGE.add);
  });

  it('never throws, and every refusal carries a usage line', () => {
    const prefixes = fc.constantFrom(
      '',
      '/commit ',
      ...SUBCOMMANDS.map((name) => `${name} `),
      'update C-1 ',
      'agency add ',
    );
    fc.assert(
      fc.property(prefixes, fc.string({ maxLength: 60 }), (prefix, rest) => {
        const result = parseCommand(prefix + rest);
        if (!result.ok) {
          expect(result.error).toBeInstanceOf(TrackerError);
          expect(result.error.usage).toBeTruthy();
        }
      }),
    );
  });
});

describe('parseCommand: add', () => {
  it('reads a title with every option', () => {
    expect(
      command(
        'add Launch the supply-chain dialogue owner:miti,MEITY,Miti <@U123|alice> due:2026-12-15 area:Semiconductors source:"Joint Statement, para 12"',
      ),
    ).toEqual({
      kind: 'add',
      title: 'Launch the supply-chain dialogue',
      owners: ['MITI', 'MEITY'],
      person: { userId: 'U123', name: 'alice' },
      dueText: '2026-12-15',
      area: 'semiconductors',
      source: 'Joint Statement, para 12',
    });
  });

  it('keeps colons in a title when the word before is not an option', () => {
    expect(command('add Phase 2: pilot owner:MITI')).toEqual({
      kind: 'add',
      title: 'Phase 2: pilot',
      owners: ['MITI'],
    });
  });

  it('reads a title in straight or typographic quotes', () => {
    expect(command('add "Review: status and owner" owner:MITI')).toMatchObject({
      title: 'Review: status and owner',
    });
    expect(command('add “Sign the MoU” owner:MITI')).toMatchObject({ title: 'Sign the MoU' });
    expect(command('add „Sign the MoU“ owner:MITI')).toMatchObject({ title: 'Sign the MoU' });
  });

  it('reads option values in typographic quotes', () => {
    expect(command('add Sign source:“Joint Statement, para 4” area:trade')).toMatchObject({
      source: 'Joint Statement, para 4',
      area: 'trade',
    });
  });

  it('runs an unquoted due: or source: over the following words up to the next option', () => {
    expect(
      command('add Sign the MoU due:15 Dec 2026 source:Joint Statement para 4 area:trade'),
    ).toMatchObject({
      title: 'Sign the MoU',
      dueText: '15 Dec 2026',
      source: 'Joint Statement para 4',
      area: 'trade',
    });
  });

  it('ends an unquoted due: at a mention', () => {
    expect(command('add Sign due:next friday @alice')).toMatchObject({
      dueText: 'next friday',
      person: { userId: 'alice', name: 'alice' },
    });
  });

  it('takes the value after a bare key:', () => {
    expect(command('add Sign owner: MITI due: 15 Dec area: trade')).toMatchObject({
      title: 'Sign',
      owners: ['MITI'],
      dueText: '15 Dec',
      area: 'trade',
    });
  });

  it('reads the canonical mention forms and a plain @name', () => {
    expect(command('add Sign <@U123>')).toMatchObject({ person: { userId: 'U123' } });
    expect(command('add Sign <@29:1abc|Alice Tan>')).toMatchObject({
      person: { userId: '29:1abc', name: 'Alice Tan' },
    });
    expect(command('add Sign @alice.tan')).toMatchObject({
      person: { userId: 'alice.tan', name: 'alice.tan' },
    });
  });

  it('reads "by <date>" at the end as the deadline', () => {
    expect(command('add Sign the MoU owner:MITI by next friday')).toEqual({
      kind: 'add',
      title: 'Sign the MoU',
      owners: ['MITI'],
      dueText: 'next friday',
    });
  });

  it('reads "by <date>" before an option as the deadline', () => {
    expect(command('add Sign the MoU by 15 Dec owner:MITI')).toMatchObject({
      title: 'Sign the MoU',
      dueText: '15 Dec',
      owners: ['MITI'],
    });
  });

  it('takes the last "by" that is followed by a date and leaves other "by"s in the title', () => {
    expect(command('add Review by the committee by end of january')).toMatchObject({
      title: 'Review by the committee',
      dueText: 'end of january',
    });
  });

  it('leaves "by" in the title when no date follows it', () => {
    expect(command('add Review by the committee owner:MITI')).toEqual({
      kind: 'add',
      title: 'Review by the committee',
      owners: ['MITI'],
    });
    expect(command('add Deliver report by friday by the team')).toEqual({
      kind: 'add',
      title: 'Deliver report by friday by the team',
      owners: [],
    });
  });

  it('reads "by" an impossible date as a deadline, so that it gets an answer', () => {
    expect(command('add Sign by 31 Nov')).toMatchObject({ title: 'Sign', dueText: '31 Nov' });
  });

  it('refuses due: and by together', () => {
    const error = failure('add Sign by friday due:2026-12-15');
    expect(error.message).toContain('either due:<date> or by <date>');
    expect(error.usage).toBe(USAGE.add);
  });

  it('refuses a missing title', () => {
    expect(failure('add').message).toContain('needs a title');
    expect(failure('add owner:MITI due:2026-12-15').message).toContain('needs a title');
    expect(failure('add by next friday').message).toContain('needs a title');
  });

  it('refuses a title over 200 characters', () => {
    const error = failure(`add ${'t'.repeat(201)}`);
    expect(error).toBeInstanceOf(InputTooLongError);
    expect(error.message).toContain('title');
    expect(command(`add ${'t'.repeat(200)}`)).toMatchObject({ title: 't'.repeat(200) });
  });

  it('refuses a source over 500 characters', () => {
    const error = failure(`add Sign source:"${'s'.repeat(501)}"`);
    expect(error).toBeInstanceOf(InputTooLongError);
    expect(error.message).toContain('source');
  });

  it('refuses two people', () => {
    expect(failure('add Sign @alice @bob').message).toContain('one person');
  });

  it('refuses bad agency codes and areas', () => {
    expect(failure('add Sign owner:M')).toBeInstanceOf(InvalidValueError);
    expect(failure('add Sign owner:MI_TI').message).toContain('"MI_TI" is not an agency code');
    expect(failure('add Sign area:trade&industry').message).toContain('is not an area');
    expect(failure(`add Sign area:${'a'.repeat(32)}`)).toBeInstanceOf(InvalidValueError);
  });

  it('refuses an empty option value', () => {
    expect(failure('add Sign owner:').message).toContain('owner: needs an agency code');
    expect(failure('add Sign due:').message).toContain('due: needs a value');
    expect(failure('add Sign area:').message).toContain('area: needs a value');
  });

  it('refuses an option add does not take, and says to quote it', () => {
    const error = failure('add Sign status:open');
    expect(error.message).toContain('`add` does not take status:');
    expect(error.message).toContain('put it in quotes');
  });

  it('refuses an option given twice', () => {
    expect(failure('add Sign due:friday due:monday').message).toContain('due: is given more than once');
  });

  it('merges owner: given twice', () => {
    expect(command('add Sign owner:MITI owner:meity,miti')).toMatchObject({ owners: ['MITI', 'MEITY'] });
  });
});

describe('parseCommand: list', () => {
  it.each<[string, unknown]>([
    ['list', { kind: 'default' }],
    ['list mine', { kind: 'mine' }],
    ['list OVERDUE', { kind: 'overdue' }],
    ['list due:week', { kind: 'due-week' }],
    ['list owner:miti', { kind: 'owner', agency: 'MITI' }],
    ['list area:Trade', { kind: 'area', area: 'trade' }],
    ['list status:at-risk', { kind: 'status', status: 'at-risk' }],
    ['list status:in_progress', { kind: 'status', status: 'in-progress' }],
    ['list all', { kind: 'all' }],
  ])('reads "%s"', (text, filter) => {
    expect(command(text)).toEqual({ kind: 'list', filter });
  });

  it('refuses an unknown filter and lists the filters', () => {
    const error = failure('list banana');
    expect(error.message).toContain('"banana" is not a list filter');
    expect(error.message).toContain('mine, overdue, due:week');
    expect(error.usage).toBe(USAGE.list);
  });

  it('refuses a bad status and lists the statuses', () => {
    const error = failure('list status:finished');
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toContain('open, in-progress, at-risk, blocked, done, cancelled');
  });

  it('refuses due: other than week, and two filters', () => {
    expect(failure('list due:month').message).toContain('due:week');
    expect(failure('list mine overdue').message).toContain('one filter at a time');
  });
});

describe('parseCommand: ids', () => {
  it.each(['show c-7', 'show C-7', 'show 7', 'show C-007'])('reads "%s" as C-7', (text) => {
    expect(command(text)).toEqual({ kind: 'show', id: 'C-7' });
  });

  it('refuses something that is not an id', () => {
    const error = failure('show X-12');
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect(error.message).toBe('"X-12" is not a commitment id, such as C-12.');
    expect(error.usage).toBe(USAGE.show);
  });

  it.each(['show', 'update', 'done', 'close', 'cancel', 'reopen', 'snooze'])(
    'refuses "%s" without an id',
    (text) => {
      expect(failure(text).message).toContain('needs a commitment id, such as C-12');
    },
  );

  it('refuses more than an id for show and reopen', () => {
    expect(failure('show C-1 C-2').message).toContain('takes only an id');
    expect(failure('reopen C-1 please').message).toContain('takes only an id');
  });

  it('reads reopen', () => {
    expect(command('reopen c-3')).toEqual({ kind: 'reopen', id: 'C-3' });
  });
});
