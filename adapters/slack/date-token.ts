import { momentText } from '../../src/dates/time-display.js';
import type { Moment } from '../../src/messages/message.js';
import { bold, type Mrkdwn, md, userText } from './mrkdwn.js';

/**
 * Slack's date token: each reader's client writes the moment on their own clock, "Dec 4th 1:00 PM".
 * The fallback, for clients that cannot, is the moment in UTC. Every date token is written here, as
 * its own mrkdwn text object apart from any text a person typed, which Slack may show as plain text.
 * The token is markup the bot writes (`md`); the values in it go through `userText` like any other, so
 * nothing but the token itself is ever read as markup.
 */
export function dateToken(moment: Moment): Mrkdwn {
  const at = Date.parse(moment.at);
  const epoch = userText(String(Math.floor(at / 1000)));
  return md`<!date^${epoch}^{date_short_pretty} {time}|${userText(momentText(at, 'UTC'))}>`;
}

/** `🕓 <token> your time`: the moment on the reader's clock, shown beside its lead-zone text. */
export function readerTime(moment: Moment): Mrkdwn {
  return md`🕓 ${dateToken(moment)} your time`;
}

/** A field of its own beside a field that names a moment: `*Deadline, your time*` over the token. */
export function readerTimeField(label: string, moment: Moment): Mrkdwn {
  return md`${bold(`${label}, your time`)}\n${dateToken(moment)}`;
}
