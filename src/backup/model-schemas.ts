import { z } from 'zod';
import { isValidCron } from '../dates/cron.js';
import { parseDuration } from '../dates/duration.js';
import { isValidTimeZone } from '../dates/time-zone.js';
import { AGENCY_CODE_PATTERN } from '../model/agency.js';
import { DIGEST_OFF } from '../model/channel-settings.js';
import { parseHolidayScope } from '../model/holiday.js';
import { PLATFORMS, parseChannelKey } from '../model/platform.js';
import { STATUSES } from '../model/status.js';
import { VISIBILITIES } from '../model/visibility.js';

/**
 * The model as a backup carries it. The objects are loose: a field this version does not know (one
 * added later) passes through to the store untouched. What is checked is what a restore relies on to
 * write a record whole (a date an index is scored by, a zone, a cron a schedule is made from), so that
 * nothing can fail half-way through writing; business limits (title length, …) are not: the data was
 * accepted once, and a limit tightened since must not make a backup unrestorable.
 */

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = z.string().min(1);
/** An instant that can be read back (`Date.parse`): indexes are scored by these. */
export const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  error: 'is not a date and time',
});
export const day = z.string().regex(DAY, { error: 'is not a day (YYYY-MM-DD)' });
/** As the store writes ids: `C-7`, never `c-7` or `C-007`, which would be other keys. */
export const commitmentId = z.string().regex(/^C-[1-9]\d{0,8}$/, { error: 'is not a commitment id (C-<n>)' });
export const agencyCode = z.string().regex(AGENCY_CODE_PATTERN, { error: 'is not an agency code' });
export const timeZone = z.string().refine(isValidTimeZone, { error: 'is not a time zone this system knows' });
export const channelField = z
  .string()
  .refine((value) => parseChannelKey(value) !== undefined, { error: 'is not a channel (platform:id)' });
export const holidayScopeField = z
  .string()
  .refine((value) => parseHolidayScope(value) !== undefined, { error: 'is not a holiday scope' });
const cron = z.string().refine(isValidCron, { error: 'is not a cron schedule' });
/**
 * Checked, never carried as it comes: a value the store does not read as `restricted` (a typo, a kind
 * this version does not know) would restore a restricted commitment open to every channel. Absent is
 * open, as in the store: a backup written before visibilities existed has no restricted commitment.
 */
const visibility = z.enum(VISIBILITIES, { error: `is not a visibility (${VISIBILITIES.join(' or ')})` });

export const platform = z.enum(PLATFORMS);
export const channelRef = z.looseObject({ platform, id: text });
export const personRef = z.looseObject({ platform, userId: text, name: z.string().optional() });

const deadline = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('date'), date: day }),
  z.looseObject({ kind: z.literal('instant'), at: instant }),
]);

const recurrence = z.looseObject({
  rule: z.looseObject({ unit: z.enum(['day', 'week', 'month', 'year']), interval: z.number().int().min(1) }),
  anchor: day,
  scheduled: day,
});

export const commitmentSchema = z.looseObject({
  id: commitmentId,
  title: z.string(),
  owners: z.array(agencyCode).min(1),
  person: personRef.optional(),
  deadline: deadline.optional(),
  area: z.string().optional(),
  source: z.string().optional(),
  status: z.enum(STATUSES),
  notes: z.array(z.looseObject({ at: z.string(), by: z.string(), text: z.string() })),
  closingNote: z.string().optional(),
  snoozedUntil: instant.optional(),
  createdBy: z.string(),
  createdAt: instant,
  updatedBy: z.string(),
  updatedAt: instant,
  closedBy: z.string().optional(),
  closedAt: instant.optional(),
  recurrence: recurrence.optional(),
  previousOccurrence: commitmentId.optional(),
  nextOccurrence: commitmentId.optional(),
  visibility: visibility.optional(),
  version: z.number().int().min(1),
});

/** A history event as stored (a line of JSON), whatever else a later version adds to it. */
export const historyEventSchema = z.looseObject({
  at: z.string(),
  by: z.string(),
  type: text,
  changes: z.record(z.string(), z.unknown()),
  reason: z.string().optional(),
});

export const agencySchema = z.looseObject({
  code: agencyCode,
  name: z.string(),
  country: z.string().optional(),
  timeZone,
  channels: z.array(channelRef),
  digestCron: cron.optional(),
  /** What its new commitments get when `add` says nothing. */
  visibility: visibility.optional(),
});

export const holidaySchema = z.looseObject({ date: day, name: z.string(), source: z.string() });

export const channelSettingsSchema = z.looseObject({
  digest: z.union([z.literal(DIGEST_OFF), cron]).optional(),
  checkins: z.boolean().optional(),
  reminders: z
    .array(z.string().refine((value) => parseDuration(value) !== undefined, { error: 'is not a duration' }))
    .optional(),
  quiet: z.looseObject({ date: day, at: instant }).optional(),
});
