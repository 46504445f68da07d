import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/commands/usage.js';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { command, failure } from '../support/command-parsing.js';

describe('channel settings', () => {
  it('alone, asks to see them', () => {
    expect(command('channel settings')).toEqual({ kind: 'channel-settings', change: {} });
  });

  it('reads each setting, a value running to the next one, quotes allowed', () => {
    expect(
      command('channel settings digest:mon 09:00 checkins:off reminders:7d, 1d,0d quiet:15 Apr 2026'),
    ).toEqual({
      kind: 'channel-settings',
      change: {
        digest: { cron: '0 9 * * 1' },
        checkins: false,
        reminders: ['7d', '1d', '0d'],
        quiet: { dateText: '15 Apr 2026' },
      },
    });
    expect(command('channel settings digest:"30 16 * * 5" check-ins:on')).toMatchObject({
      change: { digest: { cron: '30 16 * * 5' }, checkins: true },
    });
  });

  it('takes default and off', () => {
    expect(command('channel settings digest:default reminders:default quiet:off checkins:default')).toEqual({
      kind: 'channel-settings',
      change: { digest: 'default', reminders: 'default', quiet: 'off', checkins: 'default' },
    });
    expect(command('channel settings digest:off reminders:none')).toMatchObject({
      change: { digest: 'off', reminders: [] },
    });
  });

  it('refuses what it cannot read, with the usage line', () => {
    const cases: [string, typeof CommandSyntaxError | typeof InvalidValueError, string][] = [
      ['channel settings digest:someday', InvalidValueError, 'is not a digest time'],
      ['channel settings checkins:maybe', InvalidValueError, 'checkins: is on or off'],
      ['channel settings reminders:7d,soon', InvalidValueError, '"soon" is not a reminder offset'],
      ['channel settings reminders:400d', InvalidValueError, '"400d" is not a reminder offset'],
      ['channel settings loud', CommandSyntaxError, '"loud" is not a setting'],
      ['channel settings quiet:', CommandSyntaxError, 'quiet: needs a value'],
      ['channel settings checkins:on checkins:off', CommandSyntaxError, 'more than once'],
    ];
    for (const [text, type, message] of cases) {
      const error = failure(text);
      expect(error, text).toBeInstanceOf(type);
      expect(error.message, text).toContain(message);
      expect(error.usage, text).toBe(USAGE.channel);
    }
  });
});
