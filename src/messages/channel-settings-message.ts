import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { zonePlace } from '../dates/time-display.js';
import { weeklyTimeWords } from '../dates/weekly-time.js';
import type { Agency } from '../model/agency.js';
import { type ChannelSettings, DIGEST_OFF, isQuiet, takesCheckins } from '../model/channel-settings.js';
import type { Field, Message } from './message.js';

/** What a channel that changed nothing gets: the configuration's schedules and offsets. */
export interface ChannelDefaults {
  digestCron: string;
  checkinCron: string;
  reminderOffsets: readonly string[];
}

/**
 * A channel's settings as a person reads them: each with its time in the agency's zone and whether it is
 * the channel's own or the default, then how to change them.
 */
export function channelSettingsMessage(
  agency: Agency,
  settings: ChannelSettings,
  defaults: ChannelDefaults,
  now: Date,
  headline?: string,
): Message {
  const place = `${zonePlace(agency.timeZone, now.getTime())} time`;
  const ownDigest = settings.digest !== undefined;
  const digestCron = settings.digest ?? agency.digestCron ?? defaults.digestCron;
  const digest =
    digestCron === DIGEST_OFF
      ? 'off: no weekly digest here'
      : `${weeklyTimeWords(digestCron)} ${place}${ownDigest ? '' : ' (the default)'}`;
  const checkins = takesCheckins(settings)
    ? `on: ${weeklyTimeWords(defaults.checkinCron)} ${place}, on the working day before when that is not a working day`
    : 'off: no weekly check-ins here';
  const offsets = settings.reminders ?? defaults.reminderOffsets;
  const reminders =
    offsets.length === 0
      ? 'none here'
      : `${offsets.join(', ')} before each deadline${settings.reminders ? '' : ' (the default)'}`;
  const quiet =
    settings.quiet && isQuiet(settings, now)
      ? `until ${format(new TZDate(Date.parse(settings.quiet.at), agency.timeZone), 'EEE d MMM yyyy')}: nothing is posted here before then, and what falls due meanwhile is skipped, not saved for later`
      : 'no: posts go out';
  const fields: Field[] = [
    { label: 'Weekly digest', value: digest },
    { label: 'Check-ins', value: checkins },
    { label: 'Reminders', value: reminders },
    { label: 'Quiet', value: quiet },
  ];
  const title = `Settings of this channel for ${agency.code}`;
  return {
    text: headline ? `${headline} ${title}` : title,
    blocks: [
      ...(headline
        ? [{ type: 'section' as const, content: [{ kind: 'text' as const, text: headline }] }]
        : []),
      { type: 'header', text: title },
      { type: 'fields', fields },
      {
        type: 'context',
        text: 'Change them here with: channel settings digest:fri 16:30 · checkins:on|off · reminders:7d,1d,0d · quiet:<date> (each also takes default, and digest:, reminders: and quiet: take off).',
      },
    ],
  };
}
