import type { ReminderOccasion } from '../src/calendar/reminder-occasion.js';
import type { Message } from '../src/messages/message.js';
import type { ChannelRef } from '../src/model/platform.js';

/** The reminder a job posts; a replan that moves its moment (`at`) replaces the job. */
export type ReminderJobData = ReminderOccasion;

/** A changed commitment whose reminders a worker plans: the version the change saved. */
export interface PlanJobData {
  commitmentId: string;
  version: number;
}

export type RoutineName = 'digest' | 'overdue' | 'checkin' | 'scoreboard' | 'coordination' | 'watchdog';

export interface RoutineJobData {
  agency?: string;
  /** A digest scheduled for one channel of its own (`channel settings digest:…`), by channel key. */
  channel?: string;
}

export type DeliveryKind =
  | 'announcement'
  | 'reminder'
  | 'overdue'
  | 'digest'
  | 'checkin'
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
  /** Post only while this reminder is still due: one for a moved deadline or a closed commitment never posts. */
  guard?: ReminderOccasion;
  /**
   * The commitment the message shows (an announcement; a reminder's is its guard's): posted only while
   * the channel may still see it, so that one made restricted, moved to another agency or whose channel
   * was unlinked while the post waited (pacing, a 429, workers down) is never shown there.
   */
  about?: string;
  /** 429s waited out so far. */
  rateLimitDeferrals?: number;
  /** The slot in its channel's timeline that the post of this step reserved before it went to wait. */
  slot?: { step: number; at: number };
}
