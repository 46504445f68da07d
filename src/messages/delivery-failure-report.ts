import type { Block, Message } from './message.js';
import { code, momentInline, section, text } from './message.js';
import { stamp } from './moment.js';

/** A message that could not be delivered, for good. */
export interface DeliveryFailure {
  /** What was being delivered, e.g. `reminder:C-7:v3:1d:slack:C123`. */
  key: string;
  /** `slack:C123` */
  channel: string;
  reason: string;
  /** ISO instant it was given up. */
  at: string;
  /** The commitment the message was about (a reminder, an announcement), when it was about one. */
  about?: string;
}

/** Failures listed one by one; the rest are counted. */
export const FAILURES_SHOWN = 20;

/**
 * The coordination channel's daily list of deliveries that failed for good, so none is lost silently;
 * times in the coordination unit's zone (TRACKER_TZ). A failure about a commitment in `unseen` (one the
 * channel may not see) is named by its kind alone: its key would tell the commitment's id and deadline.
 */
export function deliveryFailureReport(
  failures: readonly DeliveryFailure[],
  timeZone: string,
  unseen: ReadonlySet<string> = new Set(),
): Message {
  const count = `${failures.length} message${failures.length === 1 ? '' : 's'} could not be delivered`;
  const blocks: Block[] = [{ type: 'header', text: `📮 ${count}` }];
  for (const failure of failures.slice(0, FAILURES_SHOWN)) {
    blocks.push(
      section(
        code(failure.about && unseen.has(failure.about) ? kindOf(failure.key) : failure.key),
        text(` to ${failure.channel} at `),
        momentInline(stamp(failure.at, timeZone)),
        text(`: ${failure.reason}`),
      ),
    );
  }
  if (failures.length > FAILURES_SHOWN)
    blocks.push({ type: 'context', text: `…and ${failures.length - FAILURES_SHOWN} more.` });
  blocks.push({
    type: 'context',
    text: 'They stay in the delivery queue’s failed list. Check that the bot is still in those channels.',
  });
  return { text: `${count} (see the delivery queue's failed list)`, blocks };
}

/** `reminder` of `reminder:C-7:2026-12-15:1d:slack:C123`. */
function kindOf(key: string): string {
  return key.split(':')[0] ?? key;
}
