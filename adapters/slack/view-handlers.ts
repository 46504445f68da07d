import type { App } from '@slack/bolt';
import { TrackerError } from '../../src/errors/tracker-error.js';
import { CommandMeter, outcomeOf } from '../../src/metrics/command-meter.js';
import type { CommandResult } from '../../src/tracker/command-context.js';
import { anyOf } from './any-of.js';
import { deliverResult } from './deliver-result.js';
import {
  asCheckinAnswer,
  type CallbackId,
  fieldOfError,
  type ModalValues,
  readModal,
} from './modal-input.js';
import { CALLBACK_IDS, decodeMetadata } from './modals.js';
import { type Audience, respondVia } from './replies.js';
import { contextFor, type SlackKit, tellError } from './slack-kit.js';

/**
 * Submitted modals. The command runs before the acknowledgement, so that whatever is wrong with a
 * field (a date in the past, a missing reason) is shown under that field and the modal stays open;
 * only a successful submission closes it, and then the answer and announcement follow.
 */
export function registerViewSubmissions(app: App, kit: SlackKit): void {
  app.view(anyOf(Object.values(CALLBACK_IDS)), async ({ ack, body, view }) => {
    const callbackId = view.callback_id as CallbackId;
    const metadata = decodeMetadata(view.private_metadata);
    const userId = body.user.id;
    const reading = readModal(callbackId, view.state.values as ModalValues, metadata.id);
    if (!reading.ok) {
      await ack({ response_action: 'errors', errors: reading.errors as Record<string, string> });
      return;
    }
    const command = metadata.checkin
      ? asCheckinAnswer(reading.command, metadata.checkin, callbackId)
      : reading.command;
    const channelId = reading.announceIn ?? metadata.channelId;
    const audience: Audience = metadata.fromHome
      ? { userId, show: (message) => kit.publishHome(userId, message) }
      : { userId, channelId, respond: metadata.responseUrl ? respondVia(metadata.responseUrl) : undefined };
    const source =
      metadata.channelId && metadata.messageTs
        ? { channelId: metadata.channelId, ts: metadata.messageTs }
        : undefined;
    const logContext = { view: callbackId, commitment: metadata.id, channel: channelId };
    const meter = new CommandMeter(kit.metrics, 'slack');
    let result: CommandResult;
    try {
      const ctx = await contextFor(kit, userId, channelId, { cachedOnly: true });
      ctx.meter = meter;
      result = await kit.tracker.run(command, ctx);
    } catch (error) {
      if (error instanceof TrackerError) {
        await ack({
          response_action: 'errors',
          errors: { [fieldOfError(error, callbackId)]: error.message },
        });
        meter.answered(outcomeOf(error));
        return;
      }
      await ack();
      await tellError(kit, audience, error, logContext, meter);
      return;
    }
    await ack();
    try {
      await deliverResult(result, { audience, channelId, source }, kit);
      meter.answered('ok');
    } catch (error) {
      meter.lost();
      await tellError(kit, audience, error, { ...logContext, stage: 'delivery' });
    }
  });
}
