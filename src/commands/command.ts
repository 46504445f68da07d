import type { Duration } from '../dates/duration.js';
import type { CheckinAnswerKind } from '../model/checkin.js';
import type { RecurrenceRule } from '../model/recurrence.js';
import type { Status } from '../model/status.js';
import type { Visibility } from '../model/visibility.js';

/** A `@person` in the text: the platform's user id (adapters write platform mentions as `<@ID>`). */
export interface PersonMention {
  userId: string;
  name?: string;
}

export type ListFilter =
  | { kind: 'default' }
  | { kind: 'mine' }
  | { kind: 'overdue' }
  | { kind: 'due-week' }
  | { kind: 'owner'; agency: string }
  | { kind: 'area'; area: string }
  | { kind: 'status'; status: Status }
  | { kind: 'all' };

/** What `channel settings` changes; `default` goes back to the configuration's. */
export interface ChannelSettingsChange {
  digest?: { cron: string } | 'off' | 'default';
  checkins?: boolean | 'default';
  /** Offsets as typed, longest first; empty for none. */
  reminders?: string[] | 'default';
  /** The day posts start again, read in the channel's agency's zone. */
  quiet?: { dateText: string } | 'off';
}

/**
 * A command as typed, parsed but not yet checked against the store. Dates stay as text (`dueText`)
 * because they can only be read in the lead agency's time zone, which the store knows.
 */
export type Command =
  | {
      kind: 'add';
      title: string;
      owners: string[];
      person?: PersonMention;
      dueText?: string;
      area?: string;
      source?: string;
      /** `every <rule>`: closing or cancelling it opens the next occurrence. */
      every?: RecurrenceRule;
      /** Unset: the lead agency's default visibility. */
      visibility?: Visibility;
    }
  | { kind: 'list'; filter: ListFilter }
  | { kind: 'show'; id: string }
  | {
      kind: 'update';
      id: string;
      dueText?: string;
      owners?: string[];
      status?: Status;
      area?: string;
      note?: string;
      reason?: string;
      /** A new rule, or `none` to stop the series. */
      every?: RecurrenceRule | 'none';
      visibility?: Visibility;
    }
  | { kind: 'done'; id: string; note?: string }
  | { kind: 'cancel'; id: string; reason: string }
  | { kind: 'reopen'; id: string }
  | { kind: 'snooze'; id: string; duration: Duration }
  | { kind: 'digest'; agency?: string }
  | { kind: 'report'; agency?: string; area?: string }
  | {
      kind: 'agency-add';
      code: string;
      name: string;
      timeZone: string;
      country?: string;
      /** What its new commitments get when `add` says nothing; unset keeps the agency's. */
      visibility?: Visibility;
    }
  | { kind: 'agency-remove'; code: string }
  | { kind: 'agency-holidays'; code: string }
  /** A day the agency does not work; `dateText` is read in the agency's zone. */
  | { kind: 'agency-holiday-add'; code: string; dateText: string; name: string }
  | { kind: 'agency-holiday-remove'; code: string; dateText: string }
  | { kind: 'channel-link'; agency: string }
  | { kind: 'channel-unlink' }
  /** Shows the channel's settings; with changes, changes them first. */
  | { kind: 'channel-settings'; change: ChannelSettingsChange }
  | { kind: 'help'; topic?: string }
  /**
   * A button of a weekly check-in: runs as the matching command (`update`, `done`) and marks the
   * commitment as checked that week. Never typed: adapters build it from the button and its form.
   */
  | {
      kind: 'checkin-answer';
      id: string;
      agency: string;
      week: string;
      answer: CheckinAnswerKind;
      /** Why it is blocked, the evidence it is done, or the update's progress note. */
      note?: string;
      /** The update's new status. */
      status?: Status;
    };
