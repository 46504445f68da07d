import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.js';
import { HELP_LINES, SUBCOMMANDS, topicHelp, USAGE } from '../../src/commands/usage.js';
import { InputTooLongError } from '../../src/errors/input-too-long-error.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { command, failure } from '../support/command-parsing.js';

describe('parseCommand: update', () => {
  it('reads every change', () => {
    expect(
      command(
        'update c-3 due:next friday owner:meity,MITI status:At-Risk area:trade note:vendor is late reason:"cabinet moved"',
      ),
    ).toEqual({
      kind: 'update',
      id: 'C-3',
      dueText: 'next friday',
      owners: ['MEITY', 'MITI'],
      status: 'at-risk',
      area: 'trade',
      note: 'vendor is late',
      reason: 'cabinet moved',
    });
  });

  it('keeps the line breaks of a note', () => {
    expect(command('update C-3 note:first line\nsecond line')).toMatchObject({
      note: 'first line\nsecond line',
    });
  });

  it('reads a mention inside a note as part of the note', () => {
    expect(command('update C-3 note:asked @alice for the draft')).toMatchObject({
      note: 'asked @alice for the draft',
    });
  });

  it('refuses an update that changes nothing, even with a reason', () => {
    expect(failure('update C-3').message).toContain('Say what to change');
    expect(failure('update C-3 reason:"because"').message).toContain('Say what to change');
  });

  it('refuses words that are not changes', () => {
    const error = failure('update C-3 tomorrow');
    expect(error.message).toContain('"tomorrow" is not something `update` can change');
    expect(error.usage).toBe(USAGE.update);
  });

  it('refuses a bad status, and a note over 2000 characters', () => {
    expect(failure('update C-3 status:finished')).toBeInstanceOf(InvalidValueError);
    const error = failure(`update C-3 note:"${'n'.repeat(2001)}"`);
    expect(error).toBeInstanceOf(InputTooLongError);
    expect(error.message).toContain('note');
  });

  it('refuses options update does not take', () => {
    expect(failure('update C-3 source:"x"').message).toContain('`update` does not take source:');
  });
});

describe('parseCommand: done, close and cancel', () => {
  it('reads done with and without evidence', () => {
    expect(command('done C-7')).toEqual({ kind: 'done', id: 'C-7' });
    expect(command('done c-7 MoU signed, see "the press release"')).toEqual({
      kind: 'done',
      id: 'C-7',
      note: 'MoU signed, see "the press release"',
    });
  });

  it('reads close as done, and a quoted or note: evidence without its quotes', () => {
    expect(command('close C-7 "signed on 3 Dec"')).toEqual({
      kind: 'done',
      id: 'C-7',
      note: 'signed on 3 Dec',
    });
    expect(command('done C-7 note:"signed"')).toEqual({ kind: 'done', id: 'C-7', note: 'signed' });
    expect(command('done C-7 note: signed today')).toEqual({ kind: 'done', id: 'C-7', note: 'signed today' });
  });

  it('refuses a closing note over 2000 characters', () => {
    expect(failure(`done C-7 ${'e'.repeat(2001)}`)).toBeInstanceOf(InputTooLongError);
  });

  it('reads cancel with its reason', () => {
    expect(command('cancel C-7 merged into C-9')).toEqual({
      kind: 'cancel',
      id: 'C-7',
      reason: 'merged into C-9',
    });
    expect(command('cancel C-7 reason:"merged into C-9"')).toEqual({
      kind: 'cancel',
      id: 'C-7',
      reason: 'merged into C-9',
    });
  });

  it('refuses cancel without a reason', () => {
    const error = failure('cancel C-7');
    expect(error.message).toContain('needs a reason');
    expect(error.usage).toBe(USAGE.cancel);
  });
});

describe('parseCommand: snooze', () => {
  it.each([
    ['2d', '2d', 172_800_000],
    ['1w', '1w', 604_800_000],
    ['1 week', '1w', 604_800_000],
    ['2 days', '2d', 172_800_000],
    ['3 hours', '3h', 10_800_000],
    ['a week', '1w', 604_800_000],
  ])('reads "%s"', (text, normalized, ms) => {
    expect(command(`snooze C-7 ${text}`)).toEqual({
      kind: 'snooze',
      id: 'C-7',
      duration: { text: normalized, ms },
    });
  });

  it('refuses a missing, unreadable or zero duration', () => {
    expect(failure('snooze C-7').message).toContain('needs a duration');
    const error = failure('snooze C-7 soon');
    expect(error.message).toContain('"soon" is not a duration');
    expect(error.usage).toBe(USAGE.snooze);
    expect(failure('snooze C-7 2 fortnights').message).toContain('is not a duration');
    expect(failure('snooze C-7 0d').message).toContain('longer than zero');
  });

  it('refuses a snooze of more than a year, pointing at moving the deadline', () => {
    expect(failure('snooze C-7 999999w').message).toContain('longer than a year');
    expect(command('snooze C-7 52w')).toMatchObject({ kind: 'snooze' });
  });
});

describe('parseCommand: digest', () => {
  it('reads report with an agency and an area, each optional, and refuses anything else', () => {
    expect(parseCommand('report')).toEqual({ ok: true, command: { kind: 'report' } });
    expect(parseCommand('/commit report owner:miti area:Semiconductors')).toEqual({
      ok: true,
      command: { kind: 'report', agency: 'MITI', area: 'semiconductors' },
    });
    const stray = parseCommand('report everything');
    expect(stray.ok).toBe(false);
    if (!stray.ok) expect(stray.error.message).toContain('narrow the report with owner:MITI or area:trade');
    const twice = parseCommand('report area:trade area:digital');
    expect(twice.ok).toBe(false);
  });

  it('reads digest with and without an agency', () => {
    expect(command('digest')).toEqual({ kind: 'digest' });
    expect(command('digest owner:miti')).toEqual({ kind: 'digest', agency: 'MITI' });
  });

  it('refuses other words and a bad agency code', () => {
    expect(failure('digest MITI').message).toContain('digest owner:MITI');
    expect(failure('digest owner:MITI,MEITY')).toBeInstanceOf(InvalidValueError);
  });
});

describe('parseCommand: agency add', () => {
  it('reads code, quoted name, zone and country', () => {
    expect(
      command('agency add miti "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:my'),
    ).toEqual({
      kind: 'agency-add',
      code: 'MITI',
      name: 'Ministry of Investment, Trade and Industry',
      timeZone: 'Asia/Kuala_Lumpur',
      country: 'MY',
    });
  });

  it('reads a state subdivision, an unquoted name and the usual spelling of a zone typed in lower case', () => {
    expect(command('agency add KEDAH-EDU Kedah Education tz:asia/kuala_lumpur country:my-02')).toEqual({
      kind: 'agency-add',
      code: 'KEDAH-EDU',
      name: 'Kedah Education',
      timeZone: 'Asia/Kuala_Lumpur',
      country: 'MY-02',
    });
  });

  it('keeps Asia/Kolkata as written rather than the runtime alias', () => {
    expect(command('agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata')).toMatchObject({
      timeZone: 'Asia/Kolkata',
    });
  });

  it('refuses a missing code, name or zone', () => {
    expect(failure('agency add').message).toContain('needs an agency code');
    expect(failure('agency add MITI tz:UTC').message).toContain("needs the agency's name");
    const error = failure('agency add MITI "Trade"');
    expect(error.message).toContain('needs the time zone');
    expect(error.usage).toBe(USAGE.agency);
  });

  it('refuses a country or state whose holidays are unknown', () => {
    expect(failure('agency add MITI "Trade" tz:UTC country:ZZ').message).toContain(
      'not a country code we know',
    );
    expect(failure('agency add MITI "Trade" tz:UTC country:MY-99')).toBeInstanceOf(InvalidValueError);
    expect(command('agency add KEDAH "Kedah" tz:Asia/Kuala_Lumpur country:my-02')).toMatchObject({
      country: 'MY-02',
    });
  });

  it('refuses a bad code, zone or country', () => {
    expect(failure('agency add 1MITI "Trade" tz:UTC')).toBeInstanceOf(InvalidValueError);
    const zone = failure('agency add MITI "Trade" tz:Asia/Atlantis');
    expect(zone).toBeInstanceOf(InvalidValueError);
    expect(zone.message).toContain('"Asia/Atlantis" is not a time zone');
    expect(failure('agency add MITI "Trade" tz:UTC country:Malaysia').message).toContain(
      'is not a country code',
    );
  });

  it('reads agency remove with one code', () => {
    expect(command('agency remove miti')).toEqual({ kind: 'agency-remove', code: 'MITI' });
    expect(failure('agency remove').message).toContain('needs an agency code');
    expect(failure('agency remove MITI MEITY').message).toContain('takes one agency code');
  });

  it('refuses an agency action other than add or remove', () => {
    expect(failure('agency list').message).toContain('`agency add`');
    expect(failure('agency').message).toContain('needs an action');
  });
});

describe('parseCommand: channel link', () => {
  it('reads channel link', () => {
    expect(command('channel link miti')).toEqual({ kind: 'channel-link', agency: 'MITI' });
  });

  it('reads channel unlink, which takes nothing more', () => {
    expect(command('channel unlink')).toEqual({ kind: 'channel-unlink' });
    expect(failure('channel unlink MITI').message).toContain('takes nothing more');
  });

  it('refuses a missing or extra agency and other actions', () => {
    expect(failure('channel link').message).toContain('needs an agency code');
    expect(failure('channel link MITI MEITY').message).toContain('one agency code');
    expect(failure('channel list').message).toContain('`channel link` or `channel unlink`');
  });
});

describe('parseCommand: help', () => {
  it('reads help with and without a topic', () => {
    expect(command('help')).toEqual({ kind: 'help' });
    expect(command('help Add')).toEqual({ kind: 'help', topic: 'add' });
    expect(command('help close')).toEqual({ kind: 'help', topic: 'done' });
  });

  it('refuses an unknown topic and lists the topics', () => {
    const error = failure('help frobnicate');
    expect(error.message).toContain('"frobnicate"');
    expect(error.message).toContain(SUBCOMMANDS.join(', '));
  });
});

describe('usage', () => {
  it('has a usage line for every subcommand, in the help lines', () => {
    for (const [index, name] of SUBCOMMANDS.entries()) {
      expect(USAGE[name]).toMatch(new RegExp(`^${name}\\b`));
      expect(HELP_LINES[index]).toContain(USAGE[name]);
    }
    expect(HELP_LINES).toHaveLength(SUBCOMMANDS.length);
  });

  it.each(SUBCOMMANDS)('gives examples of %s that parse as that subcommand', (name) => {
    const examples = topicHelp(name).split('\n').slice(3);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(command(example).kind).toMatch(new RegExp(`^${name}`));
  });
});

describe('parseCommand: text no one types on purpose', () => {
  it('refuses control characters such as terminal escape codes', () => {
    const error = failure('add Review \u001b]0;pwned\u0007 the agreement owner:MITI');
    expect(error.message).toContain('control characters');
    expect(command('add Review\tthe agreement owner:MITI')).toMatchObject({ kind: 'add' });
  });
});

describe('parseCommand: channel-wide words', () => {
  it('keeps @here, @channel and @everyone as words of the title, never as the owner', () => {
    const parsed = command('add Brief @here on the @channel plan owner:MITI');
    expect(parsed).toMatchObject({ kind: 'add', title: 'Brief @here on the @channel plan' });
    expect(parsed).not.toHaveProperty('person');
  });
});
