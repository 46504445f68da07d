import type { App, RespondFn } from '@slack/bolt';
import { commandTextFor } from './command-text.js';
import type { Respond } from './replies.js';
import { runAndDeliver, type SlackKit } from './slack-kit.js';
import { SLASH_COMMAND } from './slash-usage.js';

/**
 * `/commit <subcommand> …`: acknowledged at once (Slack shows an error after 3 s), then run; the
 * answer comes privately through the command's response_url.
 */
export function registerSlashCommand(app: App, kit: SlackKit): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const typed = command.text ?? '';
    await runAndDeliver(
      kit,
      {
        audience: { userId: command.user_id, channelId: command.channel_id, respond: asRespond(respond) },
        channelId: command.channel_id,
        commandText: typed,
      },
      async (ctx) => kit.tracker.execute(await commandTextFor(typed, kit.directory), ctx),
      { command: typed.slice(0, 200), channel: command.channel_id },
    );
  });
}

export function asRespond(respond: RespondFn | undefined): Respond | undefined {
  return respond ? (payload) => respond(payload) : undefined;
}
