import type { Agency } from '../model/agency.js';
import { type Audience, SEES_EVERYTHING } from '../model/visibility.js';
import type { CommandContext } from './command-context.js';
import { isAdmin } from './permissions.js';

/**
 * Everyone in the channel a command came from: they see the restricted commitments of the agencies
 * linked to it. The console is the operator's own terminal on the server, read by no one else.
 */
export function channelAudienceOf(ctx: CommandContext, channelAgencies: readonly Agency[]): Audience {
  if (ctx.actor.platform === 'console') return SEES_EVERYTHING;
  return { agencies: channelAgencies.map((agency) => agency.code) };
}

/**
 * Who reads the answer to a command. Posted for the whole conversation (a Teams thread): the channel,
 * whoever asked, so that an administrator or an owner asking among others shows nothing restricted to
 * them. For the actor alone (Slack's private answers, a personal chat): an administrator sees everything;
 * anyone else what the channel sees and the restricted commitments they own, when the platform vouches
 * for who they are.
 */
export function answerAudienceOf(
  ctx: CommandContext,
  channel: Audience,
  admins: readonly string[],
): Audience {
  if (ctx.sharedAnswer) return channel;
  if (isAdmin(ctx, admins)) return SEES_EVERYTHING;
  return ctx.unverifiedActor ? channel : { ...channel, person: ctx.actor };
}
