import { createHash } from 'node:crypto';
import type { ReminderOccasion } from '../src/calendar/reminder-occasion.js';
import { SNOOZE_OFFSET } from '../src/calendar/reminder-times.js';
import type { Deadline } from '../src/model/deadline.js';
import { type ChannelRef, channelKey } from '../src/model/platform.js';

export const QUEUE_NAMES = {
  reminders: 'reminders',
  plans: 'plans',
  routines: 'routines',
  deliveries: 'deliveries',
} as const;

/** The Redis keys of the jobs floor, under the tracker's prefix (which keeps its `{hash tag}`). */
export interface SchedulerKeys {
  /** BullMQ's own prefix: `{ft}:bull`, so its keys share the tracker's cluster slot. */
  bullPrefix: string;
  /** Hash: commitment id → highest version planned, so an older plan never overwrites a newer one. */
  plannedVersions: string;
  /** Hash: commitment id → the reminder plan basis last planned, so an edit that keeps it replans nothing. */
  plannedBases: string;
  /** Hash: reminder job id → the commitment version that last planned it. */
  reminderJobs(commitmentId: string): string;
  /** Hash: agency code → its zone and country as last planned for. */
  agencyCalendars: string;
  delivery(deliveryKey: string): string;
  /** Zset of delivery keys that failed for good, scored by when. */
  failures: string;
  failure(deliveryKey: string): string;
  /** The end of that channel's timeline: the first instant (ms) no post has reserved yet. */
  pace(channelKey: string): string;
  /** The instant (ms) a 429 holds that channel until. */
  paceHold(channelKey: string): string;
  /** The instant (ms) the last post to that channel went. */
  paceLast(channelKey: string): string;
  /** Set of commitment ids escalated in that ISO week. */
  escalated(week: string): string;
  /** The ids chosen for that day's escalation, fixed at its first run. */
  escalation(day: string): string;
  failureReportCursor: string;
  failureReport(day: string): string;
  reconcileLock: string;
  /** JSON of the scoreboard's figures of that ISO week, per agency, for the next week's changes. */
  scoreboardFigures(week: string): string;
  /** Held by the worker re-creating lost schedules, so that two do not do it at once. */
  repairLock: string;
}

export function schedulerKeys(prefix: string): SchedulerKeys {
  const p = `${prefix}jobs:`;
  return {
    bullPrefix: `${prefix}bull`,
    plannedVersions: `${p}planned-versions`,
    plannedBases: `${p}planned-bases`,
    reminderJobs: (id) => `${p}reminder-jobs:${id}`,
    agencyCalendars: `${p}agency-calendars`,
    delivery: (key) => `${p}delivery:${key}`,
    failures: `${p}delivery-failures`,
    failure: (key) => `${p}delivery-failure:${key}`,
    pace: (channel) => `${p}pace:${channel}`,
    paceHold: (channel) => `${p}pace-hold:${channel}`,
    paceLast: (channel) => `${p}pace-last:${channel}`,
    escalated: (week) => `${p}escalated:${week}`,
    escalation: (day) => `${p}escalation:${day}`,
    failureReportCursor: `${p}failure-report:cursor`,
    failureReport: (day) => `${p}failure-report:${day}`,
    reconcileLock: `${p}reconcile-lock`,
    scoreboardFigures: (week) => `${p}scoreboard-figures:${week}`,
    repairLock: `${p}repair-lock`,
  };
}

/** BullMQ job ids may not contain `:` and may not look like integers; channel ids (Teams) contain both. */
export function deliveryJobId(deliveryKey: string): string {
  return `dlv-${createHash('sha1').update(deliveryKey).digest('hex').slice(0, 24)}`;
}

/** `plan-C-7-v3`: one job per saved version, so that a repeated notice of one change plans it once. */
export function planJobId(commitmentId: string, version: number): string {
  return `plan-${commitmentId}-v${version}`;
}

/**
 * `rem-C-7-2026-12-15-1d-MITI`: one job per commitment, deadline, offset and recipient agency, so that an
 * edit which keeps the deadline (a note, a status) leaves the job as it is, while a moved deadline makes new ones.
 */
export function reminderJobId(occasion: ReminderOccasion): string {
  return `rem-${occasion.commitmentId}-${occasionToken(occasion, '-')}-${occasion.agency}`;
}

/**
 * `reminder:C-7:2026-12-15:1d:slack:C123`: one post per channel of each reminder of a deadline. It leaves
 * out the agency, so a channel linked to two owning agencies gets one reminder.
 */
export function reminderDeliveryKey(occasion: ReminderOccasion, channel: ChannelRef): string {
  return `reminder:${occasion.commitmentId}:${occasionToken(occasion, ':')}:${channelKey(channel)}`;
}

/** The deadline and offset; the reminder a snooze moved is told apart by the snooze's end. */
function occasionToken(occasion: ReminderOccasion, separator: string): string {
  const offset =
    occasion.offset === SNOOZE_OFFSET && occasion.snoozedUntil
      ? `${SNOOZE_OFFSET}-${instantToken(occasion.snoozedUntil)}`
      : occasion.offset;
  return `${deadlineToken(occasion.deadline)}${separator}${offset}`;
}

function deadlineToken(deadline: Deadline): string {
  return deadline.kind === 'date' ? deadline.date : instantToken(deadline.at);
}

/** `2026-12-15T090000Z`: readable, the same for every spelling of the instant, and without a colon. */
function instantToken(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replaceAll(':', '');
}

export const SCHEDULER_IDS = {
  digest: (agency: string) => `digest-${agency}`,
  /** A channel's own digest schedule; scheduler ids may not hold the `:` of a channel key, so it is hashed. */
  channelDigest: (agency: string, channel: string) =>
    `${SCHEDULER_IDS.channelDigestPrefix(agency)}${createHash('sha1').update(channel).digest('hex').slice(0, 12)}`,
  channelDigestPrefix: (agency: string) => `digest-${agency}-ch-`,
  overdue: (agency: string) => `overdue-${agency}`,
  checkin: (agency: string) => `checkin-${agency}`,
  scoreboard: 'scoreboard',
  coordination: 'coordination-daily',
  watchdog: 'watchdog',
} as const;
