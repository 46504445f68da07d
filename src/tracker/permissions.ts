import { PermissionDeniedError } from '../errors/permission-denied-error.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import type { PersonRef } from '../model/platform.js';
import { personKey, samePerson } from '../model/platform.js';

/**
 * With no TRACKER_ADMINS everyone is an admin (a pilot with no set-up). The console is the operator's
 * own terminal on the server, so it is always trusted.
 */
export function isAdmin(actor: PersonRef, admins: readonly string[]): boolean {
  if (actor.platform === 'console' || admins.length === 0) return true;
  return admins.includes(actor.userId) || admins.includes(personKey(actor));
}

export function assertAdmin(actor: PersonRef, admins: readonly string[], what: string): void {
  if (!isAdmin(actor, admins)) {
    throw new PermissionDeniedError(`Only the tracker's administrators may ${what}. Ask one of them.`);
  }
}

/** The owner person, anyone in a channel linked to an owning agency, or an admin may change it. */
export function assertMayChange(
  commitment: Commitment,
  actor: PersonRef,
  channelAgencies: readonly Agency[],
  admins: readonly string[],
): void {
  if (isAdmin(actor, admins) || samePerson(commitment.person, actor)) return;
  if (channelAgencies.some((agency) => commitment.owners.includes(agency.code))) return;
  throw new PermissionDeniedError(
    `You may not change ${commitment.id}: only its owner, a channel linked to ${commitment.owners.join(' or ')}, or an administrator may.`,
  );
}
