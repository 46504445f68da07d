import { momentText, stampText } from '../dates/time-display.js';
import type { Moment } from './message.js';

/** A moment shown in the lead agency's `timeZone`: `Fri 4 Dec 2026 17:00 Kuala Lumpur time`. */
export function moment(at: number | string, timeZone: string): Moment {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return { at: isoToTheSecond(ms), text: momentText(ms, timeZone) };
}

/** The same, written short for a history or note stamp: `4 Dec 2026 18:30 Kuala Lumpur time`. */
export function stamp(at: number | string, timeZone: string): Moment {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return { at: isoToTheSecond(ms), text: stampText(ms, timeZone) };
}

/** `2026-12-04T09:00:00Z`: the form Adaptive Cards' DATE() and TIME() accept (no fraction). */
function isoToTheSecond(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
