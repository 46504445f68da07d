import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Block, Message } from '../../src/messages/message.js';
import type { Announcer } from '../../src/ports/announcer.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import type { CommandResult, ResultFile } from '../../src/tracker/command-context.js';
import { LIMITS, renderWhole } from './block-kit.js';
import { announcementProblem } from './error-answers.js';
import { type Audience, isDirect, type SlackReplies } from './replies.js';

export interface DeliveryDeps {
  replies: SlackReplies;
  client: WebClient;
  agencies: AgencyStore;
  announcer: Announcer;
  log: Logger;
  pageSize: number;
}

export interface Delivery {
  audience: Audience;
  /** The conversation the command came from; absent from the Home tab and global shortcuts. */
  channelId?: string;
  /** The command's text, so that "Show more" can run it again for the next page. */
  commandText?: string;
  page?: number;
  /** The message a button was clicked in, for a result that redraws it (a check-in answered). */
  source?: { channelId: string; ts: string };
}

/** The "Show more" button's value: the command to run again and the page to show. */
export interface MoreValue {
  c: string;
  p: number;
}

export function encodeMore(commandText: string, page: number): string | undefined {
  const value = JSON.stringify({ c: commandText, p: page } satisfies MoreValue);
  return value.length <= LIMITS.buttonValue ? value : undefined;
}

export function decodeMore(value: string): MoreValue | undefined {
  try {
    const parsed = JSON.parse(value) as Partial<MoreValue>;
    return typeof parsed.c === 'string' && Number.isInteger(parsed.p) && parsed.p! > 0
      ? { c: parsed.c, p: parsed.p! }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives a command's result to the people it is for: the answer privately to the person who ran it,
 * the announcement once to the channel the commitment belongs to (the one it was run in, or else its
 * lead agency's linked Slack channel; always the latter for a restricted commitment the channel it was
 * run in may not see), through the delivery queue like every other post: retried, paced and recorded by
 * the workers. When the queue cannot take it the command still stands; the person is told.
 */
export async function deliverResult(
  result: CommandResult,
  delivery: Delivery,
  deps: DeliveryDeps,
): Promise<void> {
  if (result.file) return deliverFile(result.reply, result.file, delivery, deps);
  if (result.replaces && delivery.source) await redraw(result.replaces, delivery.source, deps);
  const reply = withThread(result);
  const tell = (message: Message) =>
    deps.replies.tell(delivery.audience, message, {
      page: delivery.page,
      pageSize: deps.pageSize,
      moreValue: delivery.commandText ? (next) => encodeMore(delivery.commandText!, next) : undefined,
    });
  if (!result.announcement) return tell(reply);
  const announcement = result.announcement;
  const channel = await announcementChannel(result, delivery.channelId, deps);
  const announce = async (): Promise<void> => {
    if (!channel) return;
    try {
      await deps.announcer.announce({
        key: announcementKey(result, channel),
        channel: { platform: 'slack', id: channel },
        message: announcement,
        ...(result.commitment ? { about: result.commitment.id } : {}),
      });
    } catch (error) {
      await tell(announcementProblem(error, deps.log, { channel, commitment: result.commitment?.id }));
    }
  };
  // The post comes a moment later from a worker, so the person also gets the answer at once.
  await Promise.all([tell(reply), announce()]);
}

/**
 * A file (the stocktake report) is shared with files.uploadV2 where the command was typed, or in the
 * person's direct messages with the bot when there is no channel (the Home tab) or the bot may not post
 * there; the person is told where it went.
 */
async function deliverFile(
  reply: Message,
  file: ResultFile,
  delivery: Delivery,
  deps: DeliveryDeps,
): Promise<void> {
  const upload = (channelId: string) =>
    deps.client.filesUploadV2({
      channel_id: channelId,
      file: Buffer.from(file.content, 'utf8'),
      filename: file.fileName,
      title: file.title,
      initial_comment: `📄 ${file.title}, for <@${delivery.audience.userId}>`,
    });
  const here = delivery.channelId && !isDirect(delivery.channelId) ? delivery.channelId : undefined;
  if (here) {
    try {
      await upload(here);
      return deps.replies.tell(delivery.audience, reply);
    } catch (error) {
      deps.log.warn(
        { err: error, channel: here },
        'could not share the report in the channel; sending it directly',
      );
    }
  }
  const opened = await deps.client.conversations.open({ users: delivery.audience.userId });
  const direct = opened.channel?.id;
  if (!direct) throw new Error('Slack opened no direct conversation for the report');
  await upload(direct);
  await deps.replies.tell(delivery.audience, {
    text: reply.text,
    blocks: [
      ...reply.blocks,
      { type: 'context', text: 'The file is in your direct messages with followthrough.' },
    ],
  });
}

/**
 * The clicked message drawn again as it now stands (a check-in with this answer marked), so that
 * everyone in the channel sees it answered. The answer is saved whatever happens here: a message Slack
 * will not update is only logged.
 */
async function redraw(
  message: Message,
  source: NonNullable<Delivery['source']>,
  deps: DeliveryDeps,
): Promise<void> {
  const { text, blocks } = renderWhole(message);
  try {
    await deps.client.chat.update({ channel: source.channelId, ts: source.ts, text, blocks });
  } catch (error) {
    deps.log.warn({ err: error, channel: source.channelId, ts: source.ts }, 'could not redraw the check-in');
  }
}

/**
 * One announcement per version of a commitment and channel: however often the queue is asked, it is
 * posted once. A channel link has no commitment: each one is its own announcement.
 */
function announcementKey(result: CommandResult, channelId: string): string {
  const subject = result.commitment ? `${result.commitment.id}:v${result.commitment.version}` : randomUUID();
  return `announcement:${subject}:slack:${channelId}`;
}

/** A digest preview's thread replies cannot be threaded under an ephemeral answer, so they follow it. */
function withThread(result: CommandResult): Message {
  if (!result.thread?.length) return result.reply;
  const blocks: Block[] = [...result.reply.blocks];
  for (const message of result.thread) blocks.push({ type: 'divider' }, ...message.blocks);
  return { text: result.reply.text, blocks };
}

async function announcementChannel(
  result: CommandResult,
  channelId: string | undefined,
  deps: DeliveryDeps,
): Promise<string | undefined> {
  if (channelId && !isDirect(channelId) && !result.notForThisChannel) return channelId;
  const lead = result.commitment?.owners[0];
  if (!lead) return undefined;
  try {
    const agency = await deps.agencies.get(lead);
    return agency?.channels.find((linked) => linked.platform === 'slack')?.id;
  } catch (error) {
    deps.log.warn({ err: error, agency: lead }, 'could not read the lead agency to announce');
    return undefined;
  }
}
