import { z } from 'zod';
import { isKnownRegion } from '../calendar/known-regions.js';
import { isValidCron } from '../dates/cron.js';
import { isValidTimeZone } from '../dates/time-zone.js';
import type { Agency } from '../model/agency.js';
import { AGENCY_CODE_PATTERN } from '../model/agency.js';
import type { Deadline } from '../model/deadline.js';
import { HOLIDAY_NAME_LIMIT, type HolidayScope } from '../model/holiday.js';
import { AREA_PATTERN, isInvisible, TEXT_LIMITS, unstorableTextReason } from '../model/limits.js';
import type { RecurrenceRule } from '../model/recurrence.js';
import type { Status } from '../model/status.js';
import { STATUSES } from '../model/status.js';
import { VISIBILITIES, type Visibility } from '../model/visibility.js';
import { parseRule, RULE_EXAMPLES } from '../recurrence/parse-rule.js';
import { parseIsoDeadline } from './iso-deadline.js';

/** An agency as an import file describes it; channels are linked in chat, never from a file. */
export type ImportAgency = Pick<
  Agency,
  'code' | 'name' | 'country' | 'timeZone' | 'digestCron' | 'visibility'
>;

export interface ImportCommitment {
  /** Stable key chosen by the file's author, so that importing the same file twice adds nothing. */
  ref: string;
  title: string;
  /** Agency codes; the first is the lead. */
  owners: string[];
  deadline?: Deadline;
  area?: string;
  source?: string;
  status: Status;
  /** The first progress note. */
  note?: string;
  /** `every: quarter`: how it recurs; the first deadline is `due`, or the rule's first day still ahead. */
  every?: RecurrenceRule;
  /** Unset: the lead agency's default visibility. */
  visibility?: Visibility;
}

/** A non-working day for a country or state (`country: IN`, `country: MY-02`) or for one agency. */
export interface ImportHoliday {
  scope: HolidayScope;
  date: string;
  name: string;
}

export interface ImportFile {
  agencies: ImportAgency[];
  holidays: ImportHoliday[];
  commitments: ImportCommitment[];
}

export const IMPORT_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const shown = (input: unknown): string => (typeof input === 'string' ? input : JSON.stringify(input));

function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: 'is empty' })
    .max(max, {
      error: (issue) => `is too long: at most ${max} characters (this one has ${shown(issue.input).length})`,
    })
    .refine((value) => !isInvisible(value), { error: 'shows nothing: it has only invisible characters' })
    .superRefine((value, ctx) => {
      const problem = unstorableTextReason(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

const agencyCode = z.string().regex(AGENCY_CODE_PATTERN, {
  error: (issue) =>
    `${shown(issue.input)} is not an agency code: 2 to 16 capital letters, digits or dashes, starting with a letter, such as MITI`,
});

const timeZone = z.string().refine(isValidTimeZone, {
  error: (issue) =>
    `${shown(issue.input)} is not an IANA time zone such as Asia/Kuala_Lumpur or Asia/Kolkata`,
});

const country = z.string().refine(isKnownRegion, {
  error: (issue) =>
    `${shown(issue.input)} is not a country code we know holidays for, such as MY or IN, or a subdivision such as MY-02`,
});

const cron = z.string().refine(isValidCron, {
  error: (issue) => `${shown(issue.input)} is not a cron expression of 5 or 6 fields, such as "0 9 * * 1"`,
});

const deadline = z.string().transform((value, ctx): Deadline => {
  const result = parseIsoDeadline(value);
  if (result.ok) return result.deadline;
  ctx.issues.push({ code: 'custom', message: result.message, input: value });
  return z.NEVER;
});

const every = z.string().transform((value, ctx): RecurrenceRule => {
  const reading = parseRule(value);
  if (reading.ok) return reading.rule;
  ctx.issues.push({
    code: 'custom',
    message: `${reading.message} Write a rule like: ${RULE_EXAMPLES}`,
    input: value,
  });
  return z.NEVER;
});

const area = z.string().regex(AREA_PATTERN, {
  error: (issue) =>
    `${shown(issue.input)} is not an area: lower-case letters, digits and dashes, such as trade or semiconductors`,
});

const status = z.enum(STATUSES, {
  error: (issue) =>
    issue.input == null
      ? undefined
      : `${shown(issue.input)} is not a status: use one of ${STATUSES.join(', ')}`,
});

const visibility = z.enum(VISIBILITIES, {
  error: (issue) =>
    issue.input == null
      ? undefined
      : `${shown(issue.input)} is not a visibility: use ${VISIBILITIES.join(' or ')}`,
});

const owners = z
  .array(agencyCode)
  .min(1, { error: 'must name at least one agency, the lead first' })
  .refine((codes) => new Set(codes).size === codes.length, { error: 'names the same agency twice' });

export const importAgencySchema = z.strictObject({
  code: agencyCode,
  name: text(TEXT_LIMITS.agencyName),
  country: country.optional(),
  timeZone,
  digestCron: cron.optional(),
  visibility: visibility.optional(),
});

export const importCommitmentSchema = z
  .strictObject({
    ref: z.string().regex(IMPORT_REF_PATTERN, {
      error: (issue) =>
        `${shown(issue.input)} is not a ref: up to 64 letters, digits, dots, dashes or underscores, such as csp-trade-01`,
    }),
    title: text(TEXT_LIMITS.title),
    owners,
    due: deadline.optional(),
    area: area.optional(),
    source: text(TEXT_LIMITS.source).optional(),
    status: status.default('open'),
    note: text(TEXT_LIMITS.note).optional(),
    every: every.optional(),
    visibility: visibility.optional(),
  })
  .transform(({ due, ...rest }): ImportCommitment => (due ? { ...rest, deadline: due } : rest));

const isoDay = z.string().refine(
  (value) => {
    const result = parseIsoDeadline(value);
    return result.ok && result.deadline.kind === 'date';
  },
  { error: (issue) => `${shown(issue.input)} is not a day: write it as 2026-11-08` },
);

export const importHolidaySchema = z
  .strictObject({
    country: country.optional(),
    agency: agencyCode.optional(),
    date: isoDay,
    name: text(HOLIDAY_NAME_LIMIT),
  })
  .refine((holiday) => (holiday.country === undefined) !== (holiday.agency === undefined), {
    error: 'needs either country: (a country or state, such as IN or MY-02) or agency:, not both',
  })
  .transform(
    ({ country: region, agency, date, name }): ImportHoliday => ({
      scope: agency ? { kind: 'agency', code: agency } : { kind: 'region', code: region!.toUpperCase() },
      date,
      name,
    }),
  );

export const importFileSchema = z.strictObject(
  {
    agencies: z.array(importAgencySchema).default([]),
    holidays: z.array(importHolidaySchema).default([]),
    commitments: z.array(importCommitmentSchema).default([]),
  },
  { error: 'the file must be a map with the keys agencies:, holidays: and commitments:' },
);

/** Plain words for zod's generic issues, phrased to follow a field path. */
export const importErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    if (issue.input === null) return 'has no value';
    return `must be ${expectedWords(issue.expected)}, not ${shown(issue.input)}`;
  }
  return undefined;
};

function expectedWords(expected: string): string {
  if (expected === 'string') return 'text (put it in quotes if YAML reads it as something else)';
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a map of fields';
  return expected;
}
