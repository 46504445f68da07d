import type { ModalView } from '@slack/types';
import { decodeCheckinRef } from '../../src/messages/checkin-message.js';
import { notice } from '../../src/messages/commitment-messages.js';
import { ACTION_IDS, type ActionId } from '../../src/messages/message.js';
import type { CheckinAnswerKind } from '../../src/model/checkin.js';
import { type Commitment, leadAgency } from '../../src/model/commitment.js';
import { isClosed } from '../../src/model/status.js';
import type { ActionRoutes } from './action-routes.js';
import { asRespond } from './command-handler.js';
import { blockedModal, type DeadlineReading, doneModal, type ModalMetadata, updateModal } from './modals.js';
import type { Audience } from './replies.js';
import { contextFor, runAndDeliver, type SlackKit, tellError } from './slack-kit.js';

type ModalBuilder = (commitment: Commitment, metadata: ModalMetadata, reading: DeadlineReading) => ModalView;

/** Answers that need nothing more than the click. */
const AT_ONCE: Partial<Record<ActionId, CheckinAnswerKind>> = {
  [ACTION_IDS.checkinOnTrack]: 'on-track',
  [ACTION_IDS.checkinAtRisk]: 'at-risk',
};

/** Answers that ask for something first: why it is blocked, the evidence, the update. */
const WITH_FORM: Partial<Record<ActionId, ModalBuilder>> = {
  [ACTION_IDS.checkinBlocked]: blockedModal,
  [ACTION_IDS.checkinDone]: doneModal,
  [ACTION_IDS.checkinUpdate]: updateModal,
};

/**
 * The buttons of a weekly check-in. On track and At risk answer at once; Blocked, Done and Post update
 * open a modal (after the permission check, so nobody fills in a form that would be refused). Each
 * answer is told privately to the person, and the check-in message is redrawn in place with it marked.
 */
export function registerCheckinActions(routes: ActionRoutes, kit: SlackKit): void {
  const actionIds = [...Object.keys(AT_ONCE), ...Object.keys(WITH_FORM)];
  routes.on(actionIds, async ({ ack, body, action, respond }) => {
    await ack();
    const actionId = action.action_id as ActionId;
    const value = action.type === 'button' ? action.value : undefined;
    const ref = value ? decodeCheckinRef(value) : undefined;
    const channelId = body.channel?.id;
    const audience: Audience = { userId: body.user.id, channelId, respond: asRespond(respond) };
    const logContext = { action: actionId, checkin: value, channel: channelId };
    if (!ref || !value) {
      await tellError(
        kit,
        audience,
        new Error(`check-in button ${actionId} without its check-in`),
        logContext,
      );
      return;
    }
    const messageTs = body.message?.ts ?? body.container?.message_ts;
    const source = channelId && messageTs ? { channelId, ts: messageTs } : undefined;
    const answer = AT_ONCE[actionId];
    if (answer) {
      await runAndDeliver(
        kit,
        { audience, channelId, source },
        (ctx) => kit.tracker.run({ kind: 'checkin-answer', ...ref, answer }, ctx),
        logContext,
      );
      return;
    }
    try {
      const ctx = await contextFor(kit, body.user.id, channelId);
      const commitment = await kit.tracker.commitmentToChange(ref.id, ctx);
      if (isClosed(commitment.status)) {
        await kit.replies.tell(audience, notice(`${commitment.id} is already ${commitment.status}.`));
        return;
      }
      const metadata: ModalMetadata = {
        id: commitment.id,
        channelId,
        responseUrl: body.response_url || undefined,
        checkin: value,
        messageTs,
      };
      const lead = await kit.agencies.get(leadAgency(commitment));
      const reading = { leadTimeZone: lead?.timeZone ?? 'UTC', now: kit.clock.now() };
      const view = WITH_FORM[actionId]!(commitment, metadata, reading);
      await kit.client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await tellError(kit, audience, error, logContext);
    }
  });
}
