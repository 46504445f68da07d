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
}

const SHOWN = 20;

/**
 * The coordination channel's daily list of deliveries that failed for good, so none is lost silently;
 * times in the coordination unit's zone (TRACKER_TZ).
 */
export function deliveryFailureReport(failures: readonly DeliveryFailure[], timeZone: string): Message {
  const count = `${failures.length} message${failures.length === 1 ? '' : 's'} could not be delivered`;
  const blocks: Block[] = [{ type: 'header', text: `📮 ${count}` }];
  for (const failure of failures.slice(0, SHOWN)) {
    blocks.push(
      section(
        code(failure.key),
        text(` to ${failure.channel} at `),
        momentInline(stamp(failure.at, timeZone)),
        text(`: ${failure.reason}`),
      ),
    );
  }
  if (failures.length > SHOWN)
    blocks.push({ type: 'context', text: `…and ${failures.length - SHOWN} more.` });
  blocks.push({
    type: 'context',
    text: 'They stay in the delivery queue’s failed list. Check that the bot is still in those channels.',
  });
  return { text: `${count} (see the delivery queue's failed list)`, blocks };
}
