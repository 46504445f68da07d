import type { Command } from '../commands/command.js';
import { USAGE } from '../commands/usage.js';
import { parseDeadline } from '../dates/parse-deadline.js';
import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { InvalidDateError } from '../errors/invalid-date-error.js';
import { InvalidTransitionError } from '../errors/invalid-transition-error.js';
import { PermissionDeniedError } from '../errors/permission-denied-error.js';
import { commitmentLine, dueInlines, dueText, leadTimeZone } from '../messages/commitment-line.js';
import { commitmentCard, notice } from '../messages/commitment-messages.js';
import type { Block, Message } from '../messages/message.js';
import { momentInline, section, text } from '../messages/message.js';
import { moment } from '../messages/moment.js';
import type { Commitment } from '../model/commitment.js';
import { type Deadline, sameDeadline } from '../model/deadline.js';
import type { HistoryEvent, HistoryEventType } from '../model/history-event.js';
import type { Recurrence, RecurrenceRule } from '../model/recurrence.js';
import { canTransition, isClosed } from '../model/status.js';
import { canSee, isRestricted, type Visibility } from '../model/visibility.js';
import { ruleText } from '../recurrence/rule-text.js';
import type { CommandResult } from './command-context.js';
import { assertMayChange } from './permissions.js';
import { movedWords, openNextOccurrence, startRecurrence } from './recurrence-steps.js';
import type { Session } from './session.js';

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

export async function addCommitment(s: Session, command: CommandOf<'add'>): Promise<CommandResult> {
  const owners =
    command.owners.length > 0 ? command.owners : s.channelAgencies.slice(0, 1).map((a) => a.code);
  if (owners.length === 0) {
    throw new CommandSyntaxError(
      'Say which agency leads it, e.g. owner:MITI (or run the command in a channel linked to an agency).',
      USAGE.add,
    );
  }
  for (const code of owners) s.agency(code);
  const visibility = command.visibility ?? s.agency(owners[0]!).visibility ?? 'open';
  assertMayAddHere(s, owners, visibility, command.visibility === undefined);
  const given = command.dueText ? readDeadline(s, command.dueText, owners[0]!, USAGE.add) : undefined;
  const series = command.every && (await startRecurrence(s, command.every, s.agency(owners[0]!), given));
  const deadline = series ? series.deadline : given;
  const at = s.now.toISOString();
  const created = await s.deps.commitments.create(
    {
      title: command.title,
      owners,
      person: command.person ? { platform: s.ctx.actor.platform, ...command.person } : undefined,
      deadline,
      area: command.area,
      source: command.source,
      status: 'open',
      notes: [],
      recurrence: series ? series.recurrence : undefined,
      visibility,
      createdBy: s.by,
      createdAt: at,
      updatedBy: s.by,
      updatedAt: at,
    },
    {
      at,
      by: s.by,
      type: 'created',
      changes: {
        title: { after: command.title },
        owners: { after: owners },
        deadline: { after: deadline },
        ...(series ? { recurrence: { after: ruleText(series.recurrence.rule) } } : {}),
        ...(visibility === 'restricted' ? { visibility: { after: visibility } } : {}),
      },
    },
  );
  await s.deps.planner.commitmentChanged(created);
  const added = `✅ Added ${created.id}: ${created.title} — `;
  const due = created.deadline ? [text('due '), ...dueInlines(created, s.view)] : [text('no deadline')];
  const repeats = series
    ? `, repeating ${ruleText(series.recurrence.rule)}${movedWords(series.first, owners[0]!)}`
    : '';
  const blocks: Block[] = [section(text(added), ...due, text(`${repeats}.`))];
  if (isRestricted(created)) blocks.push({ type: 'context', text: restrictedWords(s, created) });
  return {
    reply: {
      text: `${added}${created.deadline ? `due ${dueText(created, s.view)}` : 'no deadline'}${repeats}.`,
      blocks,
    },
    ...announced(
      s,
      created,
      commitmentCard(created, s.view, `New commitment ${created.id}, led by ${owners[0]}${repeats}:`, {
        callOwner: true,
      }),
    ),
    commitment: created,
  };
}

/**
 * Where the answer is read by everyone in the conversation (a Teams thread), a restricted commitment
 * that conversation may not see cannot be added there: its title would be shown to all of them.
 */
function assertMayAddHere(
  s: Session,
  owners: readonly string[],
  visibility: Visibility,
  byDefault: boolean,
): void {
  if (visibility !== 'restricted' || !s.ctx.sharedAnswer || s.channelAudience.all) return;
  if (owners.some((code) => s.channelAudience.agencies?.includes(code))) return;
  const why = byDefault
    ? ` (${owners[0]} keeps its commitments restricted unless you add visibility:open)`
    : '';
  throw new PermissionDeniedError(
    `A restricted commitment cannot be added in this conversation${why}: everyone here would see it, and it is not linked to ${owners.join(' or ')}. Add it in a channel linked to ${owners.length === 1 ? 'it' : 'one of them'}, or in a personal chat with followthrough.`,
  );
}

/** Who will see a restricted commitment, said to the person who just made or changed it. */
function restrictedWords(s: Session, commitment: Commitment): string {
  const here = canSee(s.audience, commitment) ? '' : ' You will not see it here once this answer is gone.';
  return `🔒 Restricted: seen only in channels linked to ${commitment.owners.join(' or ')}, by its owner and by administrators.${here}`;
}

/**
 * The announcement for the channel the command came from, unless the commitment is restricted and that
 * channel may not see it: then it is kept from there, and the adapter may post it in its lead agency's
 * own channel instead.
 */
function announced(
  s: Session,
  commitment: Commitment,
  announcement: Message | undefined,
): Pick<CommandResult, 'announcement' | 'notForThisChannel'> {
  if (!announcement) return {};
  return canSee(s.channelAudience, commitment) ? { announcement } : { announcement, notForThisChannel: true };
}

export async function updateCommitment(s: Session, command: CommandOf<'update'>): Promise<CommandResult> {
  const current = await changeable(s, command.id);
  const next: Commitment = { ...current };
  const changes: HistoryEvent['changes'] = {};
  if (command.owners) {
    for (const code of command.owners) s.agency(code);
    if (command.owners.join() !== current.owners.join()) {
      next.owners = command.owners;
      changes.owners = { before: current.owners, after: command.owners };
    }
  }
  if (command.dueText) {
    const deadline = readDeadline(s, command.dueText, next.owners[0]!, USAGE.update);
    if (!sameDeadline(deadline, current.deadline)) {
      next.deadline = deadline;
      changes.deadline = { before: current.deadline, after: deadline };
    }
  }
  if (command.status && command.status !== current.status) {
    if (isClosed(command.status)) {
      const verb = command.status === 'done' ? 'done' : 'cancel';
      throw new InvalidTransitionError(
        `To close ${current.id}, use \`${verb} ${current.id}\` so the closing note is kept.`,
        USAGE[verb],
      );
    }
    next.status = command.status;
    changes.status = { before: current.status, after: command.status };
  }
  if (command.area && command.area !== current.area) {
    next.area = command.area;
    changes.area = { before: current.area, after: command.area };
  }
  if (command.note) {
    next.notes = [...current.notes, { at: s.now.toISOString(), by: s.by, text: command.note }];
    changes.note = { after: command.note };
  }
  if (command.every) await changeRecurrence(s, current, next, changes, command.every);
  const visibilityBefore = current.visibility ?? 'open';
  if (command.visibility && command.visibility !== visibilityBefore) {
    next.visibility = command.visibility;
    changes.visibility = { before: visibilityBefore, after: command.visibility };
  }
  if (Object.keys(changes).length === 0) {
    return {
      reply: notice(`Nothing to change: ${current.id} already has those values.`),
      commitment: current,
    };
  }
  const type: HistoryEventType = changes.deadline
    ? 'deadline-moved'
    : changes.status
      ? 'status-changed'
      : Object.keys(changes).length === 1 && changes.note
        ? 'note-added'
        : 'updated';
  const saved = await save(s, current, next, type, changes, command.reason);
  const moved = changes.deadline
    ? commitmentCard(
        saved,
        s.view,
        `📅 Deadline of ${saved.id} moved${command.reason ? ` (${command.reason})` : ''}:`,
      )
    : undefined;
  const reply = notice(`Updated ${saved.id}: ${summarize(changes)}.`);
  if (changes.visibility && isRestricted(saved)) {
    reply.blocks.push({ type: 'context', text: restrictedWords(s, saved) });
  }
  return { reply, ...announced(s, saved, moved), commitment: saved };
}

export async function closeCommitment(s: Session, command: CommandOf<'done'>): Promise<CommandResult> {
  return close(s, command.id, 'done', command.note);
}

export async function cancelCommitment(s: Session, command: CommandOf<'cancel'>): Promise<CommandResult> {
  return close(s, command.id, 'cancelled', command.reason);
}

async function close(
  s: Session,
  id: string,
  status: 'done' | 'cancelled',
  note?: string,
): Promise<CommandResult> {
  const current = await s.commitment(id);
  assertMayChange(current, s.ctx, s.channelAgencies, s.deps.settings.trackerAdmins);
  if (isClosed(current.status)) {
    throw new InvalidTransitionError(`${current.id} is already ${current.status}.`, USAGE.reopen);
  }
  // The next occurrence is made first, keyed by this one: should the close below fail (a conflict, an
  // outage), closing again finds it rather than making a second.
  const following = current.recurrence
    ? await openNextOccurrence(s, current as Commitment & { recurrence: Recurrence })
    : undefined;
  const at = s.now.toISOString();
  const next: Commitment = { ...current, status, closingNote: note, closedAt: at, closedBy: s.by };
  const changes: HistoryEvent['changes'] = {
    status: { before: current.status, after: status },
    closingNote: { after: note },
  };
  if (following) {
    next.nextOccurrence = following.commitment.id;
    changes.nextOccurrence = { after: following.commitment.id };
  }
  const saved = await save(s, current, next, status, changes, status === 'cancelled' ? note : undefined);
  const headline = status === 'done' ? `✅ ${saved.id} is done` : `✖️ ${saved.id} was cancelled`;
  const card = commitmentCard(saved, s.view, `${headline}${note ? `: ${note}` : '.'}`);
  if (!following) return { reply: notice(`${headline}.`), ...announced(s, saved, card), commitment: saved };
  await s.deps.planner.commitmentChanged(following.commitment);
  const opened = following.commitment;
  const nextWords = `🔁 Next occurrence: ${opened.id}, due ${dueText(opened, s.view)}${movedWords(following.day, saved.owners[0]!)}.`;
  const nextBlocks: Block[] = [
    section(text(nextWords)),
    { type: 'commitments', items: [commitmentLine(opened, s.view)] },
  ];
  // Closed again after a reopen, the occurrence is the one the first close made, which may since have
  // been made restricted or given to another agency: it is named only where it may be seen.
  const announcedIn = canSee(s.channelAudience, saved) ? s.channelAudience : { agencies: [saved.owners[0]!] };
  return {
    reply: canSee(s.audience, opened)
      ? { text: `${headline}. ${nextWords}`, blocks: [section(text(`${headline}.`)), ...nextBlocks] }
      : notice(`${headline}.`),
    ...announced(
      s,
      saved,
      canSee(announcedIn, opened)
        ? { text: `${card.text} ${nextWords}`, blocks: [...card.blocks, ...nextBlocks] }
        : card,
    ),
    commitment: saved,
  };
}

/** `every:none` stops the series; a rule starts or replaces one, counted from its deadline. */
async function changeRecurrence(
  s: Session,
  current: Commitment,
  next: Commitment,
  changes: HistoryEvent['changes'],
  every: RecurrenceRule | 'none',
): Promise<void> {
  const before = current.recurrence && ruleText(current.recurrence.rule);
  if (every === 'none') {
    if (!current.recurrence) return;
    next.recurrence = undefined;
    changes.recurrence = { before, after: undefined };
    return;
  }
  const series = await startRecurrence(s, every, s.agency(next.owners[0]!), next.deadline);
  const after = ruleText(every);
  if (before === after && !changes.deadline) return;
  next.recurrence = series.recurrence;
  changes.recurrence = { before, after };
  if (!next.deadline) {
    next.deadline = series.deadline;
    changes.deadline = { before: undefined, after: series.deadline };
  }
}

export async function reopenCommitment(s: Session, command: CommandOf<'reopen'>): Promise<CommandResult> {
  const current = await s.commitment(command.id);
  assertMayChange(current, s.ctx, s.channelAgencies, s.deps.settings.trackerAdmins);
  if (!canTransition(current.status, 'open') || !isClosed(current.status)) {
    throw new InvalidTransitionError(
      `${current.id} is ${current.status}, not closed: there is nothing to reopen.`,
    );
  }
  const next: Commitment = {
    ...current,
    status: 'open',
    closingNote: undefined,
    closedAt: undefined,
    closedBy: undefined,
  };
  const saved = await save(s, current, next, 'reopened', {
    status: { before: current.status, after: 'open' },
  });
  return { reply: notice(`↩️ ${saved.id} is open again.`), commitment: saved };
}

export async function snoozeCommitment(s: Session, command: CommandOf<'snooze'>): Promise<CommandResult> {
  const current = await changeable(s, command.id);
  const until = new Date(s.now.getTime() + command.duration.ms).toISOString();
  const next: Commitment = { ...current, snoozedUntil: until };
  const saved = await save(s, current, next, 'snoozed', {
    snoozedUntil: { before: current.snoozedUntil, after: until },
  });
  const held = `😴 Reminders for ${saved.id} are held for ${command.duration.text}, until `;
  const end = moment(until, leadTimeZone(saved, s.view));
  return {
    reply: { text: `${held}${end.text}.`, blocks: [section(text(held), momentInline(end), text('.'))] },
    commitment: saved,
  };
}

async function changeable(s: Session, id: string): Promise<Commitment> {
  const current = await s.commitment(id);
  assertMayChange(current, s.ctx, s.channelAgencies, s.deps.settings.trackerAdmins);
  if (isClosed(current.status)) {
    throw new InvalidTransitionError(
      `${current.id} is ${current.status}; \`reopen ${current.id}\` first to change it.`,
    );
  }
  return current;
}

async function save(
  s: Session,
  current: Commitment,
  next: Commitment,
  type: HistoryEventType,
  changes: HistoryEvent['changes'],
  reason?: string,
): Promise<Commitment> {
  const at = s.now.toISOString();
  const saved = await s.deps.commitments.save(
    current,
    { ...next, updatedAt: at, updatedBy: s.by, version: current.version + 1 },
    { at, by: s.by, type, changes, reason },
  );
  await s.deps.planner.commitmentChanged(saved);
  return saved;
}

function readDeadline(s: Session, input: string, leadCode: string, usage: string): Deadline {
  try {
    return parseDeadline(input, { timeZone: s.agency(leadCode).timeZone, now: s.now });
  } catch (error) {
    if (error instanceof InvalidDateError && !error.usage) {
      throw new InvalidDateError(error.input, error.reason, error.message, usage);
    }
    throw error;
  }
}

function summarize(changes: HistoryEvent['changes']): string {
  return Object.entries(changes)
    .map(([field, change]) => {
      if (field === 'note') return 'note added';
      if (field === 'recurrence') return change.after ? `repeats ${String(change.after)}` : 'series stopped';
      if (field === 'visibility') return `now ${String(change.after)}`;
      return `${field} changed`;
    })
    .join(', ');
}
