import type { Message } from '../src/messages/message.js';
import type { ChannelRef } from '../src/model/platform.js';

export interface ReminderJobData {
  commitmentId: string;
  version: number;
  offset: string;
  agency: string;
  /** Epoch ms it was planned for; a replan that moves the moment replaces the job. */
  at: number;
}

export type RoutineName = 'digest' | 'overdue' | 'scoreboard' | 'coordination' | 'watchdog';

export interface RoutineJobData {
  agency?: string;
}

export type DeliveryKind =
  | 'reminder'
  | 'overdue'
  | 'digest'
  | 'scoreboard'
  | 'escalation'
  | 'failure-report'
  | 'scheduler-problem';

/** One message (with its thread replies) for one channel: the unit that is posted at most once. */
export interface DeliveryJobData {
  /** Unique per message and channel, e.g. `digest:MITI:2026-W50:slack:C123`; names its delivery record. */
  key: string;
  kind: DeliveryKind;
  channel: ChannelRef;
  message: Message;
  replies?: Message[];
  /** Post only while the commitment is still open at this version: a stale reminder never posts. */
  guard?: { commitmentId: string; version: number };
  /** 429s waited out so far. */
  rateLimitDeferrals?: number;
}
