import { parseDuration } from '../dates/duration.js';
import { readCron, readWeeklyTime } from '../dates/weekly-time.js';
import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { InvalidValueError } from '../errors/invalid-value-error.js';
import { DIGEST_OFF } from '../model/channel-settings.js';
import type { ChannelSettingsChange, Command } from './command.js';

const SETTING = /(?:^|\s)(digest|check-?ins|reminders|quiet):/gi;
const MAX_OFFSETS = 10;
const MAX_OFFSET_MS = 366 * 86_400_000;

/**
 * `channel settings` alone shows them; `digest:mon 09:00 checkins:off reminders:7d,1d,0d quiet:2026-04-01`
 * changes them. Each value runs to the next setting, so `digest:mon 09:00` needs no quotes (they are
 * allowed). Every value also takes `default`, which goes back to the configuration's.
 */
export function readChannelSettings(body: string, usage: string): Command {
  const change: ChannelSettingsChange = {};
  const starts = [...body.matchAll(SETTING)];
  const stray = body.slice(0, starts[0]?.index ?? body.length).trim();
  if (stray) {
    throw new CommandSyntaxError(
      `"${stray}" is not a setting. Write settings as digest:…, checkins:on|off, reminders:… or quiet:<date>.`,
      usage,
    );
  }
  starts.forEach((start, i) => {
    const key = start[1]!.toLowerCase().replace('-', '');
    const end = starts[i + 1]?.index ?? body.length;
    const value = unquote(body.slice(start.index! + start[0].length, end));
    if (key in change) throw new CommandSyntaxError(`${key}: is given more than once.`, usage);
    if (!value) throw new CommandSyntaxError(`${key}: needs a value, such as ${EXAMPLES[key]}.`, usage);
    READERS[key]!(value.toLowerCase() === 'default' ? 'default' : value, change, usage);
  });
  return { kind: 'channel-settings', change };
}

const EXAMPLES: Record<string, string> = {
  digest: 'digest:mon 09:00',
  checkins: 'checkins:off',
  reminders: 'reminders:7d,1d,0d',
  quiet: 'quiet:2026-04-01',
};

type Reader = (value: string, change: ChannelSettingsChange, usage: string) => void;

const READERS: Record<string, Reader> = {
  digest: (value, change, usage) => {
    if (value === 'default' || value.toLowerCase() === DIGEST_OFF) {
      change.digest = value === 'default' ? 'default' : DIGEST_OFF;
      return;
    }
    const cron = readWeeklyTime(value) ?? readCron(value);
    if (!cron) {
      throw new InvalidValueError(
        `"${value}" is not a digest time. Give a day and a time, such as digest:mon 09:00 or digest:mon,thu 17:30, a cron such as digest:"0 9 * * 1", digest:off, or digest:default.`,
        usage,
      );
    }
    change.digest = { cron };
  },
  checkins: (value, change, usage) => {
    const on = /^(on|yes|true)$/i.test(value);
    if (!on && !/^(off|no|false)$/i.test(value) && value !== 'default') {
      throw new InvalidValueError(`checkins: is on or off, not "${value}".`, usage);
    }
    change.checkins = value === 'default' ? 'default' : on;
  },
  reminders: (value, change, usage) => {
    if (value === 'default' || /^(none|off)$/i.test(value)) {
      change.reminders = value === 'default' ? 'default' : [];
      return;
    }
    const offsets = value.split(/[\s,]+/).filter(Boolean);
    const durations = offsets.map((text) => parseDuration(text));
    const bad = offsets.find((_, i) => !durations[i] || durations[i]!.ms > MAX_OFFSET_MS);
    if (bad !== undefined || offsets.length > MAX_OFFSETS) {
      throw new InvalidValueError(
        bad !== undefined
          ? `"${bad}" is not a reminder offset: write how long before the deadline, such as 7d, 1d, 0d or 2h (at most 366d).`
          : `At most ${MAX_OFFSETS} reminder offsets, please.`,
        usage,
      );
    }
    const unique = new Map(durations.map((d) => [d!.ms, d!.text]));
    change.reminders = [...unique.entries()].sort(([a], [b]) => b - a).map(([, text]) => text);
  },
  quiet: (value, change) => {
    change.quiet = value === 'default' || /^(off|none|no)$/i.test(value) ? 'off' : { dateText: value };
  },
};

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^["“”„](.*)["“”]$/s.exec(trimmed);
  return (quoted ? quoted[1]! : trimmed).trim();
}
