import type { App } from '@slack/bolt';
import type { HomeView, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Message } from '../../src/messages/message.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { LIMITS, plainText, renderPage, renderWhole } from './block-kit.js';
import { answerForError } from './error-answers.js';
import type { SlackUserDirectory } from './user-directory.js';

/** The Home tab's own button: opens the add modal, like the "New commitment" shortcut. */
export const HOME_ADD_ACTION_ID = 'home.add';

export interface HomeTabDeps {
  tracker: Tracker;
  agencies: AgencyStore;
  directory: SlackUserDirectory;
  client: WebClient;
  log: Logger;
}

/**
 * The App Home: the person's own open commitments, then those of their agencies, grouped by RAG.
 * "Their agencies" are the agencies linked to a Slack channel the person is a member of: membership
 * is what Slack knows about where someone works, and it follows them as they join and leave.
 */
export class HomeTab {
  constructor(private readonly deps: HomeTabDeps) {}

  async agencyCodesFor(userId: string): Promise<string[]> {
    const agencies = await this.deps.agencies.list();
    const codes: string[] = [];
    for (const agency of agencies) {
      const channels = agency.channels.filter((channel) => channel.platform === 'slack');
      for (const channel of channels) {
        if (await this.deps.directory.isMember(channel.id, userId)) {
          codes.push(agency.code);
          break;
        }
      }
    }
    return codes.sort();
  }

  /** Renders and publishes; failures are logged (there is nobody to answer on a tab that failed to load). */
  async publish(userId: string, banner?: Message): Promise<void> {
    try {
      const user = await this.deps.directory.user(userId);
      const ctx = { actor: { platform: 'slack' as const, userId, ...(user ? { name: user.name } : {}) } };
      const overview = await this.deps.tracker.overview(ctx, await this.agencyCodesFor(userId));
      await this.deps.client.views.publish({ user_id: userId, view: homeView(overview, banner) });
    } catch (error) {
      const answer = answerForError(error, this.deps.log, { user: userId, surface: 'home' });
      await this.deps.client.views
        .publish({ user_id: userId, view: homeView(undefined, answer) })
        .catch((failure: unknown) =>
          this.deps.log.error({ err: failure, user: userId }, 'could not publish the Home tab'),
        );
    }
  }
}

/** The Home tab's view: an optional note (the answer to the last click), a button, the overview. Pure. */
export function homeView(overview: Message | undefined, banner?: Message): HomeView {
  const blocks: KnownBlock[] = [];
  if (banner) blocks.push(...renderPage(banner, { blockLimit: 10 }).blocks, { type: 'divider' });
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: HOME_ADD_ACTION_ID,
        text: plainText('New commitment', LIMITS.buttonText),
        style: 'primary',
      },
    ],
  });
  if (overview) blocks.push(...renderWhole(overview, LIMITS.viewBlocks - blocks.length).blocks);
  return { type: 'home', blocks };
}

/**
 * Publishes the tab whenever it is opened. Slack's redelivery of an event that already arrived never
 * gets here (slackReplayGuard); one whose first delivery was lost does, and is published.
 */
export function registerHome(app: App, home: HomeTab): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await home.publish(event.user);
  });
}
