import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { InputTooLongError } from '../errors/input-too-long-error.js';
import { TrackerError } from '../errors/tracker-error.js';
import { TEXT_LIMITS, unstorableTextReason } from '../model/limits.js';
import { assertNoDateAtTheEnd, takeByDeadline } from './add-deadline.js';
import { readEveryOption, startsRule, takeEveryRule } from './add-recurrence.js';
import type { Command, ListFilter } from './command.js';
import type { Arguments, PositionalWord } from './group-arguments.js';
import { groupArguments } from './group-arguments.js';
import { phraseOf, requireValue, single } from './option-values.js';
import { readAgency } from './read-agency.js';
import { readChannel } from './read-channel.js';
import {
  limitLength,
  readAgencyCode,
  readArea,
  readId,
  readOwners,
  readSnoozeDuration,
  readStatus,
  readVisibility,
  requireVisible,
} from './read-values.js';
import { argumentsOf } from './subcommand-action.js';
import type { OptionKey, Token } from './tokenize.js';
import { tokenize } from './tokenize.js';
import type { Subcommand } from './usage.js';
import { SUBCOMMANDS, toSubcommand, USAGE } from './usage.js';

export type ParseResult = { ok: true; command: Command } | { ok: false; error: TrackerError };

export const MAX_COMMAND_LENGTH = TEXT_LIMITS.command;
export const MAX_TITLE_LENGTH = TEXT_LIMITS.title;
export const MAX_NOTE_LENGTH = TEXT_LIMITS.note;
export const MAX_SOURCE_LENGTH = TEXT_LIMITS.source;
export const MAX_AGENCY_NAME_LENGTH = TEXT_LIMITS.agencyName;

const LEADING_SLASH_COMMAND = /^\s*\/commit(?=\s|$)/i;

/**
 * Reads the text of one command (with or without a leading `/commit`) into a Command. Dates stay
 * text: they can only be read in the lead agency's zone. Never throws: a fault in the text comes
 * back as a TrackerError that carries the usage line of the subcommand.
 */
export function parseCommand(text: string): ParseResult {
  try {
    return { ok: true, command: readCommand(typeof text === 'string' ? text : '') };
  } catch (error) {
    if (error instanceof TrackerError) return { ok: false, error };
    const unexpected = new CommandSyntaxError('I could not read that command.', USAGE.help);
    unexpected.cause = error;
    return { ok: false, error: unexpected };
  }
}

function readCommand(text: string): Command {
  if (text.length > MAX_COMMAND_LENGTH) {
    throw new InputTooLongError('command', MAX_COMMAND_LENGTH, USAGE.help);
  }
  const problem = unstorableTextReason(text);
  if (problem) {
    throw new CommandSyntaxError(
      `The command ${problem === 'contains control characters' ? 'contains control characters (such as escape codes)' : problem}; type it again as plain text.`,
      USAGE.help,
    );
  }
  const body = text.replace(LEADING_SLASH_COMMAND, '').trim();
  const head = /^(\S+)\s*/.exec(body);
  if (!head) return { kind: 'help' };
  const subcommand = toSubcommand(head[1]!);
  if (!subcommand) {
    throw new CommandSyntaxError(
      `I don't know the command "${head[1]}". The commands are: ${SUBCOMMANDS.join(', ')}.`,
      USAGE.help,
    );
  }
  return READERS[subcommand](body.slice(head[0].length), USAGE[subcommand]);
}

const READERS: Readonly<Record<Subcommand, (rest: string, usage: string) => Command>> = {
  add: readAdd,
  list: readList,
  show: (rest, usage) => ({ kind: 'show', id: readOnlyId(rest, 'show', usage) }),
  update: readUpdate,
  done: readDone,
  cancel: readCancel,
  reopen: (rest, usage) => ({ kind: 'reopen', id: readOnlyId(rest, 'reopen', usage) }),
  snooze: readSnooze,
  digest: readDigest,
  report: readReport,
  agency: readAgency,
  channel: readChannel,
  help: readHelp,
};

function readAdd(rest: string, usage: string): Command {
  const args = argumentsOf(rest, {
    command: 'add',
    usage,
    keys: ['owner', 'due', 'area', 'source', 'every', 'visibility'],
    multiWord: ['due', 'source', 'every'],
    mentions: true,
    endsValue: startsRule,
  });
  const everyOption = single(args, 'every', usage);
  const everyWords = takeEveryRule(args.words, usage);
  if (everyOption !== undefined && everyWords) {
    throw new CommandSyntaxError('Give the rule once: either every <rule> or every:<rule>.', usage);
  }
  const words = everyWords?.titleWords ?? args.words;
  const due = single(args, 'due', usage);
  const by = due === undefined ? takeByDeadline(words, usage) : undefined;
  if (due !== undefined && takeByDeadline(words, usage)) {
    throw new CommandSyntaxError('Give the deadline once: either due:<date> or by <date>.', usage);
  }
  if (due === undefined && !by) assertNoDateAtTheEnd(words, rest, usage);
  const title = requireVisible(
    limitLength(phraseOf(by ? by.titleWords : words), 'title', MAX_TITLE_LENGTH, usage),
    '`add` needs a title: what is to be delivered.',
    usage,
  );
  if (args.mentions.length > 1) {
    throw new CommandSyntaxError('Name one person with @; the agencies go in owner:.', usage);
  }
  const command: Extract<Command, { kind: 'add' }> = {
    kind: 'add',
    title,
    owners: ownersOf(args, usage) ?? [],
  };
  const [person] = args.mentions;
  if (person) command.person = person;
  const dueText = by?.dueText ?? due;
  if (dueText !== undefined) command.dueText = dueText;
  const area = single(args, 'area', usage);
  if (area !== undefined) command.area = readArea(area, usage);
  const source = single(args, 'source', usage);
  if (source !== undefined) command.source = limitLength(source, 'source', MAX_SOURCE_LENGTH, usage);
  const every =
    everyWords?.rule ?? (everyOption === undefined ? undefined : readEveryOption(everyOption, usage));
  if (every) command.every = every;
  const visibility = single(args, 'visibility', usage);
  if (visibility !== undefined) command.visibility = readVisibility(visibility, usage);
  return command;
}

function readList(rest: string, usage: string): Command {
  const args = argumentsOf(rest, { command: 'list', usage, keys: ['owner', 'area', 'status', 'due'] });
  const filters = [
    ...args.words.map((word) => listWordFilter(word, usage)),
    ...args.options.map(({ key, value }) => listOptionFilter(key, requireValue(key, value, usage), usage)),
  ];
  if (filters.length > 1) {
    throw new CommandSyntaxError(
      '`list` takes one filter at a time, such as `list overdue` or `list owner:MITI`.',
      usage,
    );
  }
  return { kind: 'list', filter: filters[0] ?? { kind: 'default' } };
}

const LIST_FILTERS = 'mine, overdue, due:week, owner:<AGENCY>, area:<area>, status:<status>, all';

function listWordFilter(word: PositionalWord, usage: string): ListFilter {
  const lower = word.text.toLowerCase();
  if (lower === 'mine' || lower === 'overdue' || lower === 'all') return { kind: lower };
  throw new CommandSyntaxError(`"${word.text}" is not a list filter. Use one of: ${LIST_FILTERS}.`, usage);
}

function listOptionFilter(key: OptionKey, value: string, usage: string): ListFilter {
  if (key === 'owner') return { kind: 'owner', agency: readAgencyCode(value, usage) };
  if (key === 'area') return { kind: 'area', area: readArea(value, usage) };
  if (key === 'status') return { kind: 'status', status: readStatus(value, usage) };
  if (value.toLowerCase() === 'week') return { kind: 'due-week' };
  throw new CommandSyntaxError(`\`list\` reads due: only as due:week, not due:${value}.`, usage);
}

function readOnlyId(rest: string, command: string, usage: string): string {
  const { words } = argumentsOf(rest, { command, usage, keys: [] });
  const id = readId(words[0]?.text, command, usage);
  if (words.length > 1)
    throw new CommandSyntaxError(`\`${command}\` takes only an id, such as \`${command} C-12\`.`, usage);
  return id;
}

function readUpdate(rest: string, usage: string): Command {
  const [first, ...changes] = tokenize(rest, usage);
  const id = readId(first?.kind === 'word' ? first.text : undefined, 'update', usage);
  const args = groupArguments(rest, changes, {
    command: 'update',
    usage,
    keys: ['due', 'owner', 'status', 'area', 'note', 'reason', 'every', 'visibility'],
    multiWord: ['due', 'note', 'reason', 'every'],
  });
  const [stray] = args.words;
  if (stray) {
    throw new CommandSyntaxError(
      `"${stray.raw}" is not something \`update\` can change. Write changes as key:value, such as status:at-risk or note:"…".`,
      usage,
    );
  }
  const command: Extract<Command, { kind: 'update' }> = { kind: 'update', id };
  const due = single(args, 'due', usage);
  if (due !== undefined) command.dueText = due;
  const owners = ownersOf(args, usage);
  if (owners) command.owners = owners;
  const status = single(args, 'status', usage);
  if (status !== undefined) command.status = readStatus(status, usage);
  const area = single(args, 'area', usage);
  if (area !== undefined) command.area = readArea(area, usage);
  const note = single(args, 'note', usage);
  if (note !== undefined) command.note = limitLength(note, 'note', MAX_NOTE_LENGTH, usage);
  const reason = single(args, 'reason', usage);
  if (reason !== undefined) command.reason = limitLength(reason, 'reason', MAX_NOTE_LENGTH, usage);
  const every = single(args, 'every', usage);
  if (every !== undefined) {
    command.every = /^(none|never|off|stop)$/i.test(every) ? 'none' : readEveryOption(every, usage);
  }
  const visibility = single(args, 'visibility', usage);
  if (visibility !== undefined) command.visibility = readVisibility(visibility, usage);
  if (
    !command.dueText &&
    !command.owners &&
    !command.status &&
    !command.area &&
    !command.note &&
    !command.every &&
    !command.visibility
  ) {
    throw new CommandSyntaxError(
      'Say what to change, such as due:2026-12-15, status:at-risk, note:"…", every:none or visibility:restricted.',
      usage,
    );
  }
  return command;
}

function readDone(rest: string, usage: string): Command {
  const { id, text } = idAndFreeText(rest, 'done', 'note', usage);
  if (!text) return { kind: 'done', id };
  return { kind: 'done', id, note: limitLength(text, 'closing note', MAX_NOTE_LENGTH, usage) };
}

function readCancel(rest: string, usage: string): Command {
  const { id, text } = idAndFreeText(rest, 'cancel', 'reason', usage);
  if (!text)
    throw new CommandSyntaxError('`cancel` needs a reason, such as `cancel C-12 merged into C-9`.', usage);
  return { kind: 'cancel', id, reason: limitLength(text, 'reason', MAX_NOTE_LENGTH, usage) };
}

/** `done C-7 signed, see "the press release"`: everything after the id, as typed; `note:` in front is allowed. */
function idAndFreeText(
  rest: string,
  command: string,
  key: OptionKey,
  usage: string,
): { id: string; text: string } {
  const tokens = tokenize(rest, usage);
  const [first, second] = tokens;
  const id = readId(first?.kind === 'word' ? first.text : undefined, command, usage);
  return { id, text: second ? freeText(rest, second, tokens.length === 2, key) : '' };
}

function freeText(rest: string, start: Token, alone: boolean, key: OptionKey): string {
  if (start.kind === 'option' && start.key === key) {
    return (start.quoted && alone ? start.value : rest.slice(start.valueStart)).trim();
  }
  if (start.kind === 'word' && start.quoted && alone) return start.text.trim();
  return rest.slice(start.start).trim();
}

function readSnooze(rest: string, usage: string): Command {
  const [first, second] = tokenize(rest, usage);
  const id = readId(first?.kind === 'word' ? first.text : undefined, 'snooze', usage);
  if (!second) throw new CommandSyntaxError('`snooze` needs a duration, such as `snooze C-12 2d`.', usage);
  return { kind: 'snooze', id, duration: readSnoozeDuration(rest.slice(second.start), usage) };
}

function readDigest(rest: string, usage: string): Command {
  const args = argumentsOf(rest, { command: 'digest', usage, keys: ['owner'] });
  const [stray] = args.words;
  if (stray) {
    throw new CommandSyntaxError(
      `"${stray.raw}" is not understood here; name an agency as \`digest owner:MITI\`.`,
      usage,
    );
  }
  const owner = single(args, 'owner', usage);
  return owner === undefined ? { kind: 'digest' } : { kind: 'digest', agency: readAgencyCode(owner, usage) };
}

function readReport(rest: string, usage: string): Command {
  const args = argumentsOf(rest, { command: 'report', usage, keys: ['owner', 'area'] });
  const [stray] = args.words;
  if (stray) {
    throw new CommandSyntaxError(
      `"${stray.raw}" is not understood here; narrow the report with owner:MITI or area:trade.`,
      usage,
    );
  }
  const owner = single(args, 'owner', usage);
  const area = single(args, 'area', usage);
  return {
    kind: 'report',
    ...(owner === undefined ? {} : { agency: readAgencyCode(owner, usage) }),
    ...(area === undefined ? {} : { area: readArea(area, usage) }),
  };
}

function readHelp(rest: string, usage: string): Command {
  const { words } = argumentsOf(rest, { command: 'help', usage, keys: [] });
  const [word, stray] = words;
  if (!word) return { kind: 'help' };
  const topic = toSubcommand(word.text);
  if (!topic || stray) {
    throw new CommandSyntaxError(
      `There is no help on "${phraseOf(words)}". Ask for one of: ${SUBCOMMANDS.join(', ')}.`,
      usage,
    );
  }
  return { kind: 'help', topic };
}

/** Every `owner:` given, merged; undefined when there is none. */
function ownersOf(args: Arguments, usage: string): string[] | undefined {
  const values = args.options.filter((option) => option.key === 'owner').map((option) => option.value);
  return values.length > 0 ? readOwners(values, usage) : undefined;
}
