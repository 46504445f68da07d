import type { App, GlobalShortcut, MessageShortcut } from '@slack/bolt';
import { USAGE } from '../../src/commands/usage.js';
import { notice } from '../../src/messages/commitment-messages.js';
import type { ActionRoutes } from './action-routes.js';
import { asRespond } from './command-handler.js';
import { HOME_ADD_ACTION_ID } from './home-tab.js';
import { type AddPrefill, addModal, type ModalMetadata, messageModal } from './modals.js';
import { type Audience, isDirect } from './replies.js';
import { type SlackKit, tellError } from './slack-kit.js';
import { fromSlackText, mentionedUsers } from './slack-text.js';

/** Callback ids of the shortcuts, as declared in manifest.yml. */
export const SHORTCUT_IDS = {
  /** On a message: "Track as commitment". */
  message: 'track_as_commitment',
  /** From the lightning menu / search bar: "New commitment". */
  global: 'new_commitment',
} as const;

/**
 * "Track as commitment" on a message opens the add modal prefilled from it (its text, and a link back
 * to it); "New commitment" (global shortcut, or the Home tab's button) opens it empty.
 */
export function registerShortcuts(app: App, routes: ActionRoutes, kit: SlackKit): void {
  app.shortcut<MessageShortcut>(SHORTCUT_IDS.message, async ({ ack, shortcut, respond }) => {
    await ack();
    const audience: Audience = {
      userId: shortcut.user.id,
      channelId: shortcut.channel.id,
      respond: asRespond(respond),
    };
    try {
      const prefill: AddPrefill = {
        title: await plainMessageText(kit, shortcut.message.text ?? ''),
        source: await permalink(kit, shortcut.channel.id, shortcut.message.ts),
        // A conversation picker cannot start on a direct message the bot is not part of.
        channelId: isDirect(shortcut.channel.id) ? undefined : shortcut.channel.id,
      };
      const metadata: ModalMetadata = { channelId: shortcut.channel.id, responseUrl: shortcut.response_url };
      await openAddModal(kit, shortcut.trigger_id, prefill, metadata);
    } catch (error) {
      await tellError(kit, audience, error, { shortcut: SHORTCUT_IDS.message, channel: shortcut.channel.id });
    }
  });
  app.shortcut<GlobalShortcut>(SHORTCUT_IDS.global, async ({ ack, shortcut }) => {
    await ack();
    try {
      await openAddModal(kit, shortcut.trigger_id, {}, {});
    } catch (error) {
      await tellError(kit, { userId: shortcut.user.id }, error, { shortcut: SHORTCUT_IDS.global });
    }
  });
  routes.on(HOME_ADD_ACTION_ID, async ({ ack, body }) => {
    await ack();
    const userId = body.user.id;
    try {
      await openAddModal(kit, body.trigger_id, {}, { fromHome: true });
    } catch (error) {
      await tellError(kit, { userId, show: (message) => kit.publishHome(userId, message) }, error, {
        action: HOME_ADD_ACTION_ID,
      });
    }
  });
}

async function openAddModal(
  kit: SlackKit,
  triggerId: string,
  prefill: AddPrefill,
  metadata: ModalMetadata,
): Promise<void> {
  const agencies = await kit.agencies.list();
  const view =
    agencies.length > 0
      ? addModal(prefill, agencies, metadata)
      : messageModal(
          'Track a commitment',
          notice(
            'No agency has been added yet, and every commitment needs a lead agency. An administrator can add one with:',
            `/commit ${USAGE.agency}`,
          ),
        );
  await kit.client.views.open({ trigger_id: triggerId, view });
}

/** The message as the person reads it: mentions by name, links as their text, no markup. */
async function plainMessageText(kit: SlackKit, slackText: string): Promise<string> {
  await Promise.all(mentionedUsers(slackText).map((mention) => kit.directory.user(mention.userId)));
  return fromSlackText(slackText, {
    keepMentions: false,
    nameOf: (id) => kit.directory.knownName(id),
  }).trim();
}

/** A link back to the message for the source field; without one the modal still opens. */
async function permalink(kit: SlackKit, channelId: string, messageTs: string): Promise<string | undefined> {
  try {
    const result = await kit.client.chat.getPermalink({ channel: channelId, message_ts: messageTs });
    return result.permalink;
  } catch (error) {
    kit.log.warn(
      { err: error, channel: channelId },
      'chat.getPermalink failed; opening the modal without a link',
    );
    return undefined;
  }
}
