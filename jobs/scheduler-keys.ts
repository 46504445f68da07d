import { createHash } from 'node:crypto';

export const QUEUE_NAMES = {
  reminders: 'reminders',
  routines: 'routines',
  deliveries: 'deliveries',
} as const;

/** The Redis keys of the jobs floor, under the tracker's prefix (which keeps its `{hash tag}`). */
export interface SchedulerKeys {
  /** BullMQ's own prefix: `{ft}:bull`, so its keys share the tracker's cluster slot. */
  bullPrefix: string;
  /** Hash: commitment id → highest version planned, so an older plan never overwrites a newer one. */
  plannedVersions: string;
  /** Hash: reminder job id → the commitment version it was planned for. */
  reminderJobs(commitmentId: string): string;
  /** Hash: agency code → its zone and country as last planned for. */
  agencyCalendars: string;
  delivery(deliveryKey: string): string;
  /** Zset of delivery keys that failed for good, scored by when. */
  failures: string;
  failure(deliveryKey: string): string;
  /** Next instant (ms) a post to that channel may be made. */
  pace(channelKey: string): string;
  /** Set of commitment ids escalated in that ISO week. */
  escalated(week: string): string;
  /** The ids chosen for that day's escalation, fixed at its first run. */
  escalation(day: string): string;
  failureReportCursor: string;
  failureReport(day: string): string;
  reconcileLock: string;
}

export function schedulerKeys(prefix: string): SchedulerKeys {
  const p = `${prefix}jobs:`;
  return {
    bullPrefix: `${prefix}bull`,
    plannedVersions: `${p}planned-versions`,
    reminderJobs: (id) => `${p}reminder-jobs:${id}`,
    agencyCalendars: `${p}agency-calendars`,
    delivery: (key) => `${p}delivery:${key}`,
    failures: `${p}delivery-failures`,
    failure: (key) => `${p}delivery-failure:${key}`,
    pace: (channel) => `${p}pace:${channel}`,
    escalated: (week) => `${p}escalated:${week}`,
    escalation: (day) => `${p}escalation:${day}`,
    failureReportCursor: `${p}failure-report:cursor`,
    failureReport: (day) => `${p}failure-report:${day}`,
    reconcileLock: `${p}reconcile-lock`,
  };
}

/** BullMQ job ids may not contain `:` and may not look like integers; channel ids (Teams) contain both. */
export function deliveryJobId(deliveryKey: string): string {
  return `dlv-${createHash('sha1').update(deliveryKey).digest('hex').slice(0, 24)}`;
}

/** `rem-C-7-v3-1d-MITI`: one per commitment version, offset and recipient agency. */
export function reminderJobId(commitmentId: string, version: number, offset: string, agency: string): string {
  return `rem-${commitmentId}-v${version}-${offset}-${agency}`;
}

export const SCHEDULER_IDS = {
  digest: (agency: string) => `digest-${agency}`,
  overdue: (agency: string) => `overdue-${agency}`,
  scoreboard: 'scoreboard',
  coordination: 'coordination-daily',
  watchdog: 'watchdog',
} as const;
