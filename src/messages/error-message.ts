import type { TrackerError } from '../errors/tracker-error.js';
import type { Block, Message } from './message.js';
import { code, section, text } from './message.js';

/** A user's mistake as one short message: what was wrong, then how to write it. */
export function errorMessage(error: TrackerError): Message {
  const blocks: Block[] = [section(text(`⚠️ ${error.message}`))];
  if (error.usage) blocks.push(section(text('Usage: '), code(error.usage)));
  return { text: error.message, blocks };
}

/** For faults that are ours, not the user's: says so without leaking internals. */
export function internalErrorMessage(reference: string): Message {
  const message = `Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, give your administrator this reference: ${reference}.`;
  return { text: message, blocks: [section(text(message))] };
}
