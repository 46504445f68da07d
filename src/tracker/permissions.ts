import { PermissionDeniedError } from '../errors/permission-denied-error.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { personKey, samePerson } from '../model/platform.js';
import type { CommandContext } from './command-context.js';

/** The TRACKER_ADMINS entry that makes everyone an administrator (an explicit open pilot). */
export const EVERYONE = '*';

/**
 * Admins are listed by platform-qualified id (`slack:U…`, `teams:<Entra object id>`), so an id only
 * matches on its own platform, and only for an actor the platform vouched for. With no list (development
 * only: production refuses to start without one) or `*`, everyone is an admin. The console is the
 * operator's own terminal on the server, so it is always trusted.
 */
export function isAdmin(ctx: CommandContext, admins: readonly string[]): boolean {
  if (ctx.actor.platform === 'console' || admins.length === 0 || admins.includes(EVERYONE)) return true;
  return !ctx.unverifiedActor && admins.includes(personKey(ctx.actor));
}

export function assertAdmin(ctx: CommandContext, admins: readonly string[], what: string): void {
  if (!isAdmin(ctx, admins)) {
    throw new PermissionDeniedError(`Only the tracker's administrators may ${what}. Ask one of them.`);
  }
}

/** The owner person, anyone in a channel linked to an owning agency, or an admin may change it. */
export function assertMayChange(
  commitment: Commitment,
  ctx: CommandContext,
  channelAgencies: readonly Agency[],
  admins: readonly string[],
): void {
  if (isAdmin(ctx, admins) || samePerson(commitment.person, ctx.actor)) return;
  if (channelAgencies.some((agency) => commitment.owners.includes(agency.code))) return;
  throw new PermissionDeniedError(
    `You may not change ${commitment.id}: only its owner, a channel linked to ${commitment.owners.join(' or ')}, or an administrator may.`,
  );
}
