import { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Message } from '../../src/messages/message.js';
import { code, section, text } from '../../src/messages/message.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import { commandPrefix } from './card-overflow.js';
import { baseConversationId } from './conversation-ids.js';
import type { ConversationStore } from './conversation-store.js';
import { teamIdOf, turnDetails } from './teams-context.js';
import { sendAnswers, type TurnAnswerDeps } from './turn-answers.js';

export interface MembershipDeps extends TurnAnswerDeps {
  conversations: ConversationStore;
  agencies: AgencyStore;
  log: Logger;
}

interface TeamsChannelData {
  eventType?: string;
  team?: { id?: string };
  channel?: { id?: string };
}

/**
 * `conversationUpdate`: the bot joining a team, group chat or personal chat stores where to post there
 * and says hello; the bot leaving, or a channel or team being deleted, forgets those references.
 */
export async function onConversationUpdate(context: TurnContext, deps: MembershipDeps): Promise<void> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const teamId = teamIdOf(activity);
  if (activity.membersAdded?.some((member) => member.id === botId)) {
    await remember(context, deps);
    await sendAnswers(context, [welcomeMessage(activity.conversation?.conversationType)], deps);
  }
  if (activity.membersRemoved?.some((member) => member.id === botId)) {
    await forget(context, deps, teamId);
    return;
  }
  if (channelData.eventType === 'channelDeleted' && channelData.channel?.id) {
    await forgetConversations(context, deps, [channelData.channel.id]);
  }
  if ((channelData.eventType === 'teamDeleted' || channelData.eventType === 'teamHardDeleted') && teamId) {
    await forget(context, deps, teamId);
  }
}

/** `installationUpdate`: the app added to or removed from a team or chat. */
export async function onInstallationUpdate(
  context: TurnContext,
  deps: MembershipDeps,
  added: boolean,
): Promise<void> {
  if (added) await remember(context, deps);
  else await forget(context, deps, teamIdOf(context.activity));
}

async function remember(context: TurnContext, deps: MembershipDeps): Promise<void> {
  const id = await deps.conversations.save(
    TurnContext.getConversationReference(context.activity),
    teamIdOf(context.activity),
  );
  deps.log.info(
    { ...turnDetails(context), conversationId: id },
    'bot added to a Teams conversation; reference stored',
  );
}

async function forget(context: TurnContext, deps: MembershipDeps, teamId: string | undefined): Promise<void> {
  if (teamId) {
    const ids = await deps.conversations.forgetTeam(teamId);
    await warnAboutLinks(context, deps, ids);
    deps.log.info(
      { ...turnDetails(context), teamId, forgotten: ids },
      'bot removed from a Teams team; references forgotten',
    );
    return;
  }
  await forgetConversations(context, deps, [context.activity.conversation.id]);
}

async function forgetConversations(context: TurnContext, deps: MembershipDeps, ids: string[]): Promise<void> {
  for (const id of ids) await deps.conversations.forget(id);
  await warnAboutLinks(context, deps, ids);
  deps.log.info(
    { ...turnDetails(context), forgotten: ids.map(baseConversationId) },
    'Teams conversation references forgotten',
  );
}

/** Agencies still linked to a forgotten conversation would have every post there fail: say so once. */
async function warnAboutLinks(context: TurnContext, deps: MembershipDeps, ids: string[]): Promise<void> {
  for (const id of ids) {
    const linked = await deps.agencies.agenciesForChannel({ platform: 'teams', id: baseConversationId(id) });
    if (linked.length === 0) continue;
    deps.log.warn(
      {
        ...turnDetails(context),
        channelId: baseConversationId(id),
        agencies: linked.map((agency) => agency.code),
      },
      `the bot left a Teams conversation linked to ${linked.map((agency) => agency.code).join(', ')}; their posts there will fail until the bot is added back or another channel is linked`,
    );
  }
}

/** The hello when the bot joins, with commands written as they must be typed there. */
export function welcomeMessage(conversationType: string | undefined): Message {
  const prefix = commandPrefix(conversationType);
  const greeting =
    '👋 I keep track of commitments: who owns them, when they are due, and whether they were delivered.';
  return {
    text: greeting,
    blocks: [
      section(text(greeting)),
      section(
        text('Start with '),
        code(`${prefix}help`),
        text(', or link this conversation to an agency with '),
        code(`${prefix}channel link <AGENCY>`),
        text('.'),
      ),
    ],
  };
}
