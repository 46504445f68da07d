import type { Command } from '../commands/command.js';
import { USAGE } from '../commands/usage.js';
import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { InvalidValueError } from '../errors/invalid-value-error.js';
import { notice } from '../messages/commitment-messages.js';
import type { Agency } from '../model/agency.js';
import { SEES_EVERYTHING } from '../model/visibility.js';
import type { CommandResult } from './command-context.js';
import { assertAdmin } from './permissions.js';
import type { Session } from './session.js';

export async function addAgency(
  s: Session,
  command: Extract<Command, { kind: 'agency-add' }>,
): Promise<CommandResult> {
  assertAdmin(s.ctx, s.deps.settings.trackerAdmins, 'add or change agencies');
  const existing = s.directory.get(command.code);
  const agency: Agency = {
    code: command.code,
    name: command.name,
    country: command.country ?? existing?.country,
    timeZone: command.timeZone,
    channels: existing?.channels ?? [],
    digestCron: existing?.digestCron,
    visibility: command.visibility ?? existing?.visibility,
  };
  await s.deps.agencies.put(agency);
  await s.deps.planner.agencyChanged(agency);
  const where = [agency.timeZone, agency.country].filter(Boolean).join(', ');
  const restricted =
    agency.visibility === 'restricted'
      ? ' Its new commitments are restricted unless added with visibility:open.'
      : '';
  return {
    reply: notice(
      `${existing ? 'Updated' : 'Added'} agency ${agency.code}: ${agency.name} (${where}).${restricted}`,
    ),
  };
}

/** An agency goes only when it owns nothing open, so that no commitment is left without its lead. */
export async function removeAgency(s: Session, code: string): Promise<CommandResult> {
  assertAdmin(s.ctx, s.deps.settings.trackerAdmins, 'remove agencies');
  const agency = s.agency(code);
  const query = { kind: 'open-for-agency', agency: code } as const;
  const first = { offset: 0, limit: 10 };
  const open = await s.deps.commitments.pageIds(query, first, SEES_EVERYTHING);
  const count = open.total ?? open.items.length;
  if (count > 0) {
    // The answer names only what its readers may see; restricted ones are "others", never counted.
    const shown = s.audience.all ? open : await s.deps.commitments.pageIds(query, first, s.audience);
    const all = (shown.total ?? shown.items.length) === count;
    const ids = [...shown.items, ...(shown.more ? ['…'] : []), ...(all ? [] : ['and others'])].join(', ');
    const owns = all ? `${count} open commitment${count === 1 ? '' : 's'}` : 'open commitments';
    throw new InvalidValueError(
      `${code} still owns ${owns} (${ids}): close them or give them to another agency first.`,
      USAGE.agency,
    );
  }
  await s.deps.agencies.remove(code);
  await s.deps.holidays.clear({ kind: 'agency', code });
  await s.deps.planner.agencyRemoved(code);
  return {
    reply: notice(`Removed agency ${code} (${agency.name}); its channels no longer receive its posts.`),
  };
}

export async function unlinkChannel(s: Session): Promise<CommandResult> {
  assertAdmin(s.ctx, s.deps.settings.trackerAdmins, 'unlink channels');
  const channel = s.ctx.channel;
  if (!channel) {
    throw new CommandSyntaxError(
      'Run `channel unlink` in the channel that should stop receiving posts.',
      USAGE.channel,
    );
  }
  if (s.channelAgencies.length === 0) {
    return { reply: notice('This channel is not linked to any agency; there is nothing to unlink.') };
  }
  await s.deps.agencies.unlinkChannel(channel);
  // Settings are for the channel as an agency's: linked again later, it starts from the defaults.
  await s.deps.channelSettings.put(channel, {});
  for (const code of s.channelAgencies.map((agency) => agency.code)) {
    const agency = await s.deps.agencies.get(code);
    if (agency) await s.deps.planner.agencyChanged(agency);
  }
  const codes = s.channelAgencies.map((agency) => agency.code).join(', ');
  const message = notice(`🔕 This channel no longer receives ${codes}'s reminders, roll-ups and digests.`);
  return { reply: message, announcement: message };
}

export async function linkChannel(s: Session, code: string): Promise<CommandResult> {
  assertAdmin(s.ctx, s.deps.settings.trackerAdmins, 'link channels');
  const channel = s.ctx.channel;
  if (!channel) {
    throw new CommandSyntaxError(
      'Run `channel link` in the channel that should receive the reminders.',
      USAGE.channel,
    );
  }
  s.agency(code);
  const agency = await s.deps.agencies.linkChannel(code, channel);
  await s.deps.planner.agencyChanged(agency);
  const message = notice(
    `🔗 This channel now receives ${agency.code}'s reminders, overdue roll-ups and weekly digest.`,
    `${agency.name} · ${agency.timeZone}`,
  );
  return { reply: message, announcement: message };
}
