import type { BlockAction, RespondFn } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { parseDuration } from '../../src/dates/duration.js';
import { notice } from '../../src/messages/commitment-messages.js';
import { ACTION_IDS, type ActionId } from '../../src/messages/message.js';
import { type Commitment, leadAgency } from '../../src/model/commitment.js';
import { isClosed } from '../../src/model/status.js';
import type { ActionRoutes } from './action-routes.js';
import { LINE_MENU_ACTION_ID } from './block-kit.js';
import { asRespond } from './command-handler.js';
import { commandTextFor } from './command-text.js';
import { decodeMore } from './deliver-result.js';
import { type DeadlineReading, deadlineModal, doneModal, type ModalMetadata, updateModal } from './modals.js';
import type { Audience } from './replies.js';
import { contextFor, runAndDeliver, type SlackKit, tellError } from './slack-kit.js';

type ModalBuilder = (commitment: Commitment, metadata: ModalMetadata, reading: DeadlineReading) => ModalView;

const MODALS: Partial<Record<ActionId, ModalBuilder>> = {
  [ACTION_IDS.markDone]: doneModal,
  [ACTION_IDS.postUpdate]: updateModal,
  [ACTION_IDS.changeDeadline]: deadlineModal,
};

const SNOOZES: Partial<Record<ActionId, string>> = {
  [ACTION_IDS.snoozeDay]: '1d',
  [ACTION_IDS.snoozeWeek]: '1w',
};

/** The buttons on commitment messages, the overflow menu on list lines, and "Show more". */
export function registerActions(routes: ActionRoutes, kit: SlackKit): void {
  const commitmentActions = [
    ACTION_IDS.markDone,
    ACTION_IDS.snoozeDay,
    ACTION_IDS.snoozeWeek,
    ACTION_IDS.postUpdate,
    ACTION_IDS.changeDeadline,
  ];
  routes.on(commitmentActions, async ({ ack, body, action, respond }) => {
    await ack();
    const id = action.type === 'button' ? action.value : undefined;
    await onCommitmentAction(kit, action.action_id as ActionId, id, body, respond);
  });
  routes.on(LINE_MENU_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    if (action.type !== 'overflow') return;
    const [actionId, id] = action.selected_option.value.split('|') as [ActionId, string | undefined];
    await onCommitmentAction(kit, actionId, id, body, respond);
  });
  routes.on(ACTION_IDS.moreResults, async ({ ack, body, action, respond }) => {
    await ack();
    const more = action.type === 'button' && action.value ? decodeMore(action.value) : undefined;
    const channelId = body.channel?.id;
    const audience = audienceOf(kit, body, respond);
    if (!more) {
      await kit.replies
        .tell(audience, notice('That button is out of date; run the command again.'))
        .catch((error) => {
          kit.log.warn({ err: error }, 'could not answer a stale "more" button');
        });
      return;
    }
    await runAndDeliver(
      kit,
      { audience, channelId, commandText: more.c, page: more.p },
      async (ctx) => kit.tracker.execute(await commandTextFor(more.c, kit.directory), ctx),
      { action: ACTION_IDS.moreResults, page: more.p },
    );
  });
}

async function onCommitmentAction(
  kit: SlackKit,
  actionId: ActionId,
  id: string | undefined,
  body: BlockAction,
  respond: RespondFn | undefined,
): Promise<void> {
  const audience = audienceOf(kit, body, respond);
  const channelId = body.channel?.id;
  const logContext = { action: actionId, commitment: id, channel: channelId };
  if (!id) {
    await tellError(kit, audience, new Error(`button ${actionId} without a commitment id`), logContext);
    return;
  }
  const snooze = SNOOZES[actionId];
  if (snooze) {
    const duration = parseDuration(snooze)!;
    await runAndDeliver(
      kit,
      { audience, channelId },
      (ctx) => kit.tracker.run({ kind: 'snooze', id, duration }, ctx),
      logContext,
    );
    return;
  }
  const build = MODALS[actionId];
  if (!build) {
    await tellError(kit, audience, new Error(`unknown commitment action ${actionId}`), logContext);
    return;
  }
  try {
    const ctx = await contextFor(kit, body.user.id, channelId);
    const commitment = await kit.tracker.commitmentToChange(id, ctx);
    if (isClosed(commitment.status)) {
      await kit.replies.tell(
        audience,
        notice(
          `${commitment.id} is already ${commitment.status}. To change it, reopen it first: \`/commit reopen ${commitment.id}\`.`,
        ),
      );
      return;
    }
    const metadata: ModalMetadata = {
      id: commitment.id,
      channelId,
      responseUrl: body.response_url || undefined,
      fromHome: body.view?.type === 'home' || undefined,
    };
    const reading = await deadlineReading(kit, commitment);
    await kit.client.views.open({ trigger_id: body.trigger_id, view: build(commitment, metadata, reading) });
  } catch (error) {
    await tellError(kit, audience, error, logContext);
  }
}

async function deadlineReading(kit: SlackKit, commitment: Commitment): Promise<DeadlineReading> {
  const lead = await kit.agencies.get(leadAgency(commitment));
  // An agency that owns open work cannot be removed, so the fallbacks are for a store changed by hand.
  return { leadTimeZone: lead?.timeZone ?? 'UTC', now: kit.clock.now() };
}

/** A click in a message is answered through its response_url; a click on the Home tab, on the Home tab. */
function audienceOf(kit: SlackKit, body: BlockAction, respond: RespondFn | undefined): Audience {
  const userId = body.user.id;
  if (body.view?.type === 'home') return { userId, show: (message) => kit.publishHome(userId, message) };
  return { userId, channelId: body.channel?.id, respond: asRespond(respond) };
}
