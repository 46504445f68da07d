import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Message } from '../../src/messages/message.js';
import { CommandMeter, outcomeOf } from '../../src/metrics/command-meter.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import type { Announcer } from '../../src/ports/announcer.js';
import type { Clock } from '../../src/ports/clock.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import type { CommandContext, CommandResult } from '../../src/tracker/command-context.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { type Delivery, deliverResult } from './deliver-result.js';
import { answerForError } from './error-answers.js';
import type { Audience, SlackReplies } from './replies.js';
import type { SlackUserDirectory } from './user-directory.js';

/** What every listener works with: the core, the Web API client and the adapter's helpers on it. */
export interface SlackKit {
  tracker: Tracker;
  agencies: AgencyStore;
  announcer: Announcer;
  metrics?: Metrics;
  client: WebClient;
  directory: SlackUserDirectory;
  replies: SlackReplies;
  log: Logger;
  /** For what the adapter shows by itself, such as the deadline in a modal ("in 5 days"). */
  clock: Clock;
  pageSize: number;
  /** How long a slash command's answer may take and still go in Slack's acknowledgement. */
  answerInAckMs: number;
  /** Re-renders a person's Home tab, with a note at the top when given. */
  publishHome(userId: string, banner?: Message): Promise<void>;
}

/**
 * The person (by Slack user id, with their name) and place a command comes from. `cachedOnly` is for answers Slack waits for (a modal submission must be acknowledged within
 * 3 s): the profile is taken only if an earlier lookup has it.
 */
export async function contextFor(
  kit: SlackKit,
  userId: string,
  channelId?: string,
  options: { cachedOnly?: boolean } = {},
): Promise<CommandContext> {
  const user = options.cachedOnly ? kit.directory.known(userId) : await kit.directory.user(userId);
  const ctx: CommandContext = { actor: { platform: 'slack', userId, ...(user ? { name: user.name } : {}) } };
  if (channelId) ctx.channel = { platform: 'slack', id: channelId };
  return ctx;
}

/**
 * Runs one thing a person asked for and gives them the outcome; every failure, theirs or Slack's or
 * ours, ends as a private answer (and a log line), never as an unhandled rejection. The command counts
 * as done once its answer reached the person.
 */
export async function runAndDeliver(
  kit: SlackKit,
  delivery: Delivery,
  run: (ctx: CommandContext) => Promise<CommandResult>,
  logContext: Record<string, unknown>,
): Promise<void> {
  const meter = new CommandMeter(kit.metrics, 'slack');
  let result: CommandResult;
  try {
    const ctx = await contextFor(kit, delivery.audience.userId, delivery.channelId);
    ctx.meter = meter;
    // A typed command can be run again for its next page, so a list reads only the page it shows.
    if (delivery.commandText !== undefined) ctx.page = { index: delivery.page ?? 0, size: kit.pageSize };
    result = await run(ctx);
  } catch (error) {
    return tellError(kit, delivery.audience, error, logContext, meter);
  }
  try {
    await deliverResult(result, delivery, kit);
    meter.answered('ok');
  } catch (error) {
    meter.lost();
    await tellError(kit, delivery.audience, error, { ...logContext, stage: 'delivery' });
  }
}

/**
 * Tells the person what went wrong; if even that fails, the log is all that is left. With the command's
 * meter, the explanation is counted as its answer.
 */
export async function tellError(
  kit: SlackKit,
  audience: Audience,
  error: unknown,
  logContext: Record<string, unknown>,
  meter?: CommandMeter,
): Promise<void> {
  const message = answerForError(error, kit.log, { user: audience.userId, ...logContext });
  try {
    await kit.replies.tell(audience, message);
    meter?.answered(outcomeOf(error));
  } catch (failure) {
    meter?.lost();
    kit.log.error(
      { err: failure, user: audience.userId, ...logContext },
      'could not tell the user about a failure',
    );
  }
}
