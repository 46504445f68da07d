import type { Moment } from '../../src/messages/message.js';

/**
 * Adaptive Cards' DATE() and TIME() functions: Teams writes the moment on each reader's own clock and in
 * their language. They take ISO 8601 to the second with a `Z` (Moment.at), and work in TextBlocks and
 * facts; every use is written here.
 */
export function readerTime(moment: Moment): string {
  return `{{DATE(${moment.at}, SHORT)}} {{TIME(${moment.at})}}`;
}

/** `🕓 <date> <time> your time`, for a line of its own under a commitment. */
export function readerTimeLine(moment: Moment): string {
  return `🕓 ${readerTime(moment)} your time`;
}
