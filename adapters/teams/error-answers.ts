import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { TrackerError } from '../../src/errors/tracker-error.js';
import { errorMessage, internalErrorMessage } from '../../src/messages/error-message.js';
import type { Message } from '../../src/messages/message.js';
import { section, text } from '../../src/messages/message.js';
import { describeFailure, readConnectorFailure } from './connector-failure.js';

/**
 * The one place in the Teams adapter where an error becomes words: a user's mistake is explained, a
 * refusal from Teams is described, and anything else is logged with a reference the user can quote.
 */
export function answerFor(error: unknown, log: Logger, details: Record<string, unknown>, now: Date): Message {
  if (error instanceof TrackerError) return errorMessage(error);
  const failure = readConnectorFailure(error, now);
  if (failure) {
    const said = describeFailure(failure);
    log.warn(
      { ...details, status: failure.status, code: failure.code, retryAfterMs: failure.retryAfterMs },
      `Teams connector call failed: ${said}`,
    );
    const message = `⚠️ Teams did not accept a message from the bot: ${said}.`;
    return { text: message, blocks: [section(text(message))] };
  }
  const reference = randomUUID().slice(0, 8);
  log.error({ ...details, err: error, reference }, 'Teams activity failed');
  return internalErrorMessage(reference);
}
