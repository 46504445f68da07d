/**
 * What one linked channel has changed for itself with `channel settings`; anything unset follows the
 * configuration (DIGEST_CRON, CHECKIN_CRON, REMINDER_OFFSETS) or its agency's own digest schedule.
 */
export interface ChannelSettings {
  /** Its own weekly digest: a cron read in its agency's zone, or `off` for none. */
  digest?: string;
  /** `false`: no weekly check-ins here. */
  checkins?: boolean;
  /** Its own reminder offsets (`7d`, `1d`, `0d`); empty: no reminders here. */
  reminders?: string[];
  /** Nothing is posted here before `at`, the start of `date` in its agency's zone. */
  quiet?: { date: string; at: string };
}

export const DIGEST_OFF = 'off';

/** True while the channel is quiet: whatever would be posted to it now is skipped. */
export function isQuiet(settings: ChannelSettings | undefined, now: Date): boolean {
  return !!settings?.quiet && Date.parse(settings.quiet.at) > now.getTime();
}

export function takesCheckins(settings: ChannelSettings | undefined): boolean {
  return settings?.checkins !== false;
}
