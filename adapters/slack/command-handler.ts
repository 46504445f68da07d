import type { App, RespondFn } from '@slack/bolt';
import { AnswerInAck } from './answer-in-ack.js';
import { commandTextFor } from './command-text.js';
import type { Respond } from './replies.js';
import { runAndDeliver, type SlackKit } from './slack-kit.js';
import { SLASH_COMMAND } from './slash-usage.js';

/**
 * `/commit <subcommand> …`: run at once, and answered privately in Slack's acknowledgement when the
 * answer is ready within `kit.answerInAckMs`; otherwise acknowledged then (Slack shows an error after
 * 3 s) and answered through the command's response_url.
 */
export function registerSlashCommand(app: App, kit: SlackKit): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const answer = new AnswerInAck(ack, asRespond(respond), kit.answerInAckMs);
    const typed = command.text ?? '';
    try {
      await runAndDeliver(
        kit,
        {
          audience: { userId: command.user_id, channelId: command.channel_id, respond: answer.respond },
          channelId: command.channel_id,
          commandText: typed,
        },
        async (ctx) => kit.tracker.execute(await commandTextFor(typed, kit.directory), ctx),
        { command: typed.slice(0, 200), channel: command.channel_id },
      );
    } finally {
      // A command whose answer went elsewhere (a file shared in the channel) is acknowledged empty.
      await answer.acknowledge();
    }
  });
}

export function asRespond(respond: RespondFn | undefined): Respond | undefined {
  return respond ? (payload) => respond(payload) : undefined;
}
