import { HELP_LINES, topicHelp, toSubcommand, USAGE } from '../commands/usage.js';
import type { Block } from '../messages/message.js';
import { code, section, text } from '../messages/message.js';
import type { CommandResult } from './command-context.js';

export function helpResult(topic?: string): CommandResult {
  const subcommand = topic ? toSubcommand(topic) : undefined;
  if (subcommand) {
    const [, summary, , ...examples] = topicHelp(subcommand).split('\n');
    const blocks: Block[] = [
      section(code(USAGE[subcommand])),
      section(text(`${summary}.`)),
      section(text('Examples:')),
      ...examples.map((example) => section(code(example))),
    ];
    return { reply: { text: USAGE[subcommand], blocks } };
  }
  const blocks: Block[] = [
    { type: 'header', text: 'followthrough: commitments, owners, deadlines' },
    ...HELP_LINES.map((line) => {
      const [usage, summary] = line.split(' — ');
      return section(code(usage!), text(` — ${summary}`));
    }),
    {
      type: 'context',
      text: 'Dates: 2026-12-15, 2026-12-15T17:00+08:00, "15 Dec", "next friday", "in 2 weeks", "end of january". Ids: C-12 or c-12. `help <subcommand>` shows examples.',
    },
  ];
  return { reply: { text: 'followthrough commands', blocks } };
}
