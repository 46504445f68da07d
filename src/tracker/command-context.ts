import type { Message } from '../messages/message.js';
import type { CommandMeter } from '../metrics/command-meter.js';
import type { Commitment } from '../model/commitment.js';
import type { ChannelRef, PersonRef } from '../model/platform.js';

/** Who runs a command, and where. */
export interface CommandContext {
  actor: PersonRef;
  /** The conversation the command was typed in; absent for a direct call with no channel. */
  channel?: ChannelRef;
  /**
   * The platform could not vouch for the actor's id (a Teams activity from a Direct Line client or from
   * another tenant): such an actor is never taken for a listed administrator.
   */
  unverifiedActor?: boolean;
  /**
   * The answer is posted where everyone in the conversation reads it (a Teams channel or group chat),
   * not to the actor alone: it shows only what that conversation may see, whoever asked.
   */
  sharedAnswer?: boolean;
  /** Started by the adapter that received the command, which counts it once its answer is delivered. */
  meter?: CommandMeter;
  /**
   * Where a platform that pages long lists (Slack's "Show more") is: the 0-based page and its size. A
   * list then reads that page alone; without it a list reads its first `LIST_LIMIT` lines.
   */
  page?: { index: number; size: number };
}

export interface CommandResult {
  /** The answer for the person who ran the command. */
  reply: Message;
  /** For everyone in the channel: a commitment added, closed or moved. Posted once, by the adapter. */
  announcement?: Message;
  /**
   * The announcement is of a restricted commitment that the channel the command came from may not see:
   * it must not be posted there. An adapter may post it in a channel of the lead agency instead.
   */
  notForThisChannel?: true;
  /** The commitment the command touched, as now stored. */
  commitment?: Commitment;
  /** Extra messages of a digest preview, to show as a thread or after the reply. */
  thread?: Message[];
  /** A file for the person who asked (the stocktake report): uploaded, attached or linked by the adapter. */
  file?: ResultFile;
  /**
   * What the message the click came from should now show (a check-in with this answer marked), for the
   * adapter to put in its place.
   */
  replaces?: Message;
}

export interface ResultFile {
  /** `stocktake-2026-11-30-MITI.html` */
  fileName: string;
  title: string;
  mimeType: 'text/html';
  content: string;
}
