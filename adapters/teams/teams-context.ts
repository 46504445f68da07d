import type { Activity, TurnContext } from 'botbuilder';
import type { ChannelRef, PersonRef } from '../../src/model/platform.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { baseConversationId } from './conversation-ids.js';

/**
 * A person is known by their Microsoft Entra (AAD) object id when Teams gives it: it is the same for
 * every bot and is what administrators list in TRACKER_ADMINS. The Emulator has none, so there the
 * channel account id stands in.
 */
export function actorOf(activity: Partial<Activity>): PersonRef {
  const from = activity.from;
  const userId = from?.aadObjectId || from?.id || 'unknown';
  return from?.name ? { platform: 'teams', userId, name: from.name } : { platform: 'teams', userId };
}

/** The channel, group chat or personal chat, without the thread the activity came from. */
export function channelOf(activity: Partial<Activity>): ChannelRef | undefined {
  const id = activity.conversation?.id;
  return id ? { platform: 'teams', id: baseConversationId(id) } : undefined;
}

/**
 * Only Teams itself vouches for the Entra object id in `from`: a Direct Line client (the Emulator's Web
 * Chat, a custom page) writes `from` as it likes, and another tenant's ids are not this organisation's
 * people. Such an actor still runs commands, but never as a listed administrator.
 */
export function isVouchedFor(activity: Partial<Activity>, tenantId: string | undefined): boolean {
  if (activity.channelId !== 'msteams') return false;
  return tenantId === undefined || tenantOf(activity) === tenantId;
}

function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return (
    activity.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined)
  );
}

/**
 * Who runs a command and where; `tenantId` is the bot's own (MicrosoftAppTenantId), when set. Only a
 * personal chat is read by the actor alone: an answer anywhere else (a channel's thread, a group chat,
 * a conversation that does not say what it is) is read by everyone in it.
 */
export function commandContextOf(activity: Partial<Activity>, tenantId: string | undefined): CommandContext {
  const ctx: CommandContext = { actor: actorOf(activity) };
  if (!isVouchedFor(activity, tenantId)) ctx.unverifiedActor = true;
  if (activity.conversation?.conversationType !== 'personal') ctx.sharedAnswer = true;
  const channel = channelOf(activity);
  if (channel) ctx.channel = channel;
  return ctx;
}

/** The team a channel activity belongs to (Teams puts it in channelData). */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team;
  return typeof team?.id === 'string' ? team.id : undefined;
}

/** Fields for log lines about a turn, without message text. */
export function turnDetails(context: TurnContext): Record<string, unknown> {
  const activity = context.activity;
  return {
    activityType: activity.type,
    activityName: activity.name,
    conversationId: activity.conversation?.id,
    userId: activity.from?.aadObjectId ?? activity.from?.id,
  };
}
