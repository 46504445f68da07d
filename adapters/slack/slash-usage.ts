import { USAGE } from '../../src/commands/usage.js';
import type { Message } from '../../src/messages/message.js';
/** The slash command, as declared in manifest.yml. */
export const SLASH_COMMAND = '/commit';

const USAGE_LINES: ReadonlySet<string> = new Set(Object.values(USAGE));

/**
 * The core writes usage lines without a prefix so each platform can put its own in front: in Slack
 * they read `/commit add <title> …`, ready to be typed as shown.
 */
export function withSlashCommand(message: Message): Message {
  return {
    ...message,
    blocks: message.blocks.map((block) =>
      block.type === 'section'
        ? {
            ...block,
            content: block.content.map((part) =>
              part.kind === 'code' && USAGE_LINES.has(part.text)
                ? { ...part, text: `${SLASH_COMMAND} ${part.text}` }
                : part,
            ),
          }
        : block,
    ),
  };
}
