import { wallClockInstant } from '../calendar/local-time.js';
import type { ChannelSettingsChange, Command } from '../commands/command.js';
import { USAGE } from '../commands/usage.js';
import { calendarDayIn, formatDay, isoDay } from '../dates/calendar-day.js';
import { parseDeadline } from '../dates/parse-deadline.js';
import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { InvalidDateError } from '../errors/invalid-date-error.js';
import { InvalidValueError } from '../errors/invalid-value-error.js';
import { PermissionDeniedError } from '../errors/permission-denied-error.js';
import { channelSettingsMessage } from '../messages/channel-settings-message.js';
import type { Agency } from '../model/agency.js';
import type { ChannelSettings } from '../model/channel-settings.js';
import type { CommandResult } from './command-context.js';
import { isAdmin } from './permissions.js';
import type { Session } from './session.js';

/**
 * Shows, and with changes changes, the settings of the channel it is typed in. Only a channel linked to
 * an agency has any; an administrator elsewhere is told to link it first, anyone else that they may not.
 * A change is announced in the channel and replans its schedules and reminders.
 */
export async function channelSettings(
  s: Session,
  command: Extract<Command, { kind: 'channel-settings' }>,
): Promise<CommandResult> {
  const channel = s.ctx.channel;
  if (!channel) {
    throw new CommandSyntaxError(
      'Run `channel settings` in the channel whose settings you mean.',
      USAGE.channel,
    );
  }
  const agency = s.channelAgencies[0];
  if (!agency) {
    if (!isAdmin(s.ctx, s.deps.settings.trackerAdmins)) {
      throw new PermissionDeniedError(
        "Only administrators, or people in a channel linked to an agency, may change a channel's settings.",
      );
    }
    throw new InvalidValueError(
      'This channel is not linked to an agency, so nothing is posted here to set: link it first with `channel link <AGENCY>`.',
      USAGE.channel,
    );
  }
  const current = await s.deps.channelSettings.get(channel);
  const defaults = s.deps.settings.channelDefaults;
  if (Object.keys(command.change).length === 0) {
    return { reply: channelSettingsMessage(agency, current, defaults, s.now) };
  }
  const next = applyChange(s, agency, current, command.change);
  await s.deps.channelSettings.put(channel, next);
  await s.deps.planner.channelSettingsChanged(s.channelAgencies);
  const message = channelSettingsMessage(agency, next, defaults, s.now, '⚙️ Changed.');
  return { reply: message, announcement: message };
}

function applyChange(
  s: Session,
  agency: Agency,
  current: ChannelSettings,
  change: ChannelSettingsChange,
): ChannelSettings {
  const next: ChannelSettings = { ...current };
  if (change.digest !== undefined) {
    if (change.digest === 'default') delete next.digest;
    else next.digest = change.digest === 'off' ? 'off' : change.digest.cron;
  }
  if (change.checkins !== undefined) {
    if (change.checkins === true || change.checkins === 'default') delete next.checkins;
    else next.checkins = false;
  }
  if (change.reminders !== undefined) {
    if (change.reminders === 'default') delete next.reminders;
    else next.reminders = change.reminders;
  }
  if (change.quiet !== undefined) {
    if (change.quiet === 'off') delete next.quiet;
    else next.quiet = quietUntil(s, agency, change.quiet.dateText);
  }
  return next;
}

/** The day posts start again, read in the agency's zone like a deadline: a whole day after today. */
function quietUntil(s: Session, agency: Agency, text: string): ChannelSettings['quiet'] {
  let date: string;
  try {
    const read = parseDeadline(text, { timeZone: agency.timeZone, now: s.now });
    if (read.kind !== 'date') {
      throw new InvalidDateError(
        text,
        'ambiguous',
        `"${text}" has a time of day; quiet: takes the day posts start again.`,
      );
    }
    date = read.date;
  } catch (error) {
    if (error instanceof InvalidDateError) {
      throw new InvalidDateError(error.input, error.reason, error.message, USAGE.channel);
    }
    throw error;
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const today = calendarDayIn(agency.timeZone, s.now);
  if (date <= isoDay(today)) {
    throw new InvalidDateError(
      text,
      'past',
      `quiet: takes the day posts start again, after today (${formatDay(today)}).`,
      USAGE.channel,
    );
  }
  return { date, at: new Date(wallClockInstant({ year, month, day }, 0, 0, agency.timeZone)).toISOString() };
}
