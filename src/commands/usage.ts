/**
 * Usage lines of the command language, written without the platform's prefix (`/commit` in Slack
 * and the console, `@followthrough` in Teams) so every adapter can put its own in front.
 */
export const SUBCOMMANDS = [
  'add',
  'list',
  'show',
  'update',
  'done',
  'cancel',
  'reopen',
  'snooze',
  'digest',
  'report',
  'agency',
  'channel',
  'help',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Other words people type for a subcommand. */
export const SUBCOMMAND_ALIASES: Readonly<Record<string, Subcommand>> = { close: 'done' };

/** Keyed by subcommand; any string may be looked up, so that a topic a person typed can be tried. */
export const USAGE: Readonly<Record<Subcommand, string> & Record<string, string>> = {
  add: 'add <title> [owner:<AGENCY>[,<AGENCY>…]] [@person] [due:<date> | by <date>] [area:<area>] [source:"…"] [every <rule>] [visibility:open|restricted]',
  list: 'list [mine | overdue | due:week | owner:<AGENCY> | area:<area> | status:<status> | all]',
  show: 'show <id>',
  update:
    'update <id> [due:<date>] [owner:<AGENCY>] [status:<status>] [area:<area>] [note:"…"] [reason:"…"] [every:<rule> | every:none] [visibility:open|restricted]',
  done: 'done <id> [evidence or note]',
  cancel: 'cancel <id> <reason>',
  reopen: 'reopen <id>',
  snooze: 'snooze <id> <duration>',
  digest: 'digest [owner:<AGENCY>]',
  report: 'report [owner:<AGENCY>] [area:<area>]',
  agency:
    'agency add <CODE> "<name>" tz:<IANA zone> [country:<CC>] [visibility:open|restricted] | agency remove <CODE> | agency holidays <CODE> | agency holiday add <CODE> <date> "<name>" | agency holiday remove <CODE> <date>',
  channel:
    'channel link <AGENCY> | channel unlink | channel settings [digest:<day> <HH:MM>] [checkins:on|off] [reminders:<offsets>] [quiet:<date>]',
  help: 'help [subcommand]',
};

const SUMMARY: Readonly<Record<Subcommand, string>> = {
  add: 'record a commitment; with every <rule>, a recurring one; visibility:restricted keeps it to its agencies',
  list: 'list commitments (open ones unless you say otherwise)',
  show: 'show one commitment and its history',
  update: 'change a deadline, owner, status, area, repeat rule or visibility, or add a progress note',
  done: 'close a commitment as delivered (alias: close)',
  cancel: 'close a commitment that will not be delivered',
  reopen: 'open a closed commitment again',
  snooze: 'hold back the next reminder, e.g. 2d or 1w',
  digest: "preview this week's digest now",
  report: 'the stocktake report, as a file: figures, charts, overdue items and deadline moves',
  agency:
    'add or change an agency with its time zone and the visibility its new commitments get, or remove one that owns nothing open; list, add or remove its non-working days',
  channel:
    "make this channel receive an agency's reminders and digests, or stop receiving them; show or change this channel's digest time, check-ins, reminder offsets and quiet days",
  help: 'show this help, or the help of one subcommand',
};

const EXAMPLES: Readonly<Record<Subcommand, readonly string[]>> = {
  add: [
    'add Launch the semiconductor supply-chain dialogue owner:MITI,MEITY due:2026-12-15 area:semiconductors',
    'add "Phase 2: pilot" owner:MITI @alice by next friday source:"Joint Statement, para 12"',
    'add Joint Commission meeting owner:MITI,MEITY every year on 15 Mar',
    'add Working group report owner:MEITY every quarter on the last working day',
    'add Maritime patrol protocol owner:MINDEF due:2027-03-31 area:defence visibility:restricted',
  ],
  list: ['list', 'list overdue', 'list owner:MITI', 'list status:at-risk'],
  show: ['show C-12'],
  update: [
    'update C-12 due:15 Jan reason:"awaiting cabinet approval"',
    'update C-12 status:at-risk note:"vendor late"',
    'update C-12 every:none',
    'update C-12 visibility:restricted',
  ],
  done: ['done C-12 MoU signed, see the press release'],
  cancel: ['cancel C-12 merged into C-9'],
  reopen: ['reopen C-12'],
  snooze: ['snooze C-12 2d', 'snooze C-12 1 week'],
  digest: ['digest', 'digest owner:MITI'],
  report: ['report', 'report owner:MITI', 'report area:semiconductors'],
  agency: [
    'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
    'agency add MINDEF "Ministry of Defence" tz:Asia/Kuala_Lumpur country:MY visibility:restricted',
    'agency remove MITI',
    'agency holidays MEITY',
    'agency holiday add MEITY 2026-11-09 "Diwali (Deepavali)"',
    'agency holiday remove MEITY 2026-11-09',
  ],
  channel: [
    'channel link MITI',
    'channel unlink',
    'channel settings',
    'channel settings digest:fri 16:30 reminders:3d,0d',
    'channel settings checkins:off quiet:2026-04-06',
  ],
  help: ['help', 'help add'],
};

/** One line per subcommand: its usage and what it does. */
export const HELP_LINES: readonly string[] = SUBCOMMANDS.map((name) => `${USAGE[name]} — ${SUMMARY[name]}`);

/** The help of one subcommand: usage, what it does and examples. */
export function topicHelp(topic: Subcommand): string {
  return [USAGE[topic], SUMMARY[topic], 'Examples:', ...EXAMPLES[topic]].join('\n');
}

export function toSubcommand(word: string): Subcommand | undefined {
  const lower = word.toLowerCase();
  if (Object.hasOwn(SUBCOMMAND_ALIASES, lower)) return SUBCOMMAND_ALIASES[lower];
  return (SUBCOMMANDS as readonly string[]).includes(lower) ? (lower as Subcommand) : undefined;
}
