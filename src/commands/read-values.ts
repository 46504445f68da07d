import { isKnownRegion } from '../calendar/known-regions.js';
import type { Duration } from '../dates/duration.js';
import { parseDuration } from '../dates/duration.js';
import { isValidTimeZone } from '../dates/time-zone.js';
import { CommandSyntaxError } from '../errors/command-syntax-error.js';
import { InputTooLongError } from '../errors/input-too-long-error.js';
import { InvalidValueError } from '../errors/invalid-value-error.js';
import { AGENCY_CODE_PATTERN, normalizeAgencyCode } from '../model/agency.js';
import { normalizeCommitmentId } from '../model/commitment.js';
import { AREA_PATTERN, isInvisible, unstorableTextReason } from '../model/limits.js';
import type { Status } from '../model/status.js';
import { isStatus, STATUSES } from '../model/status.js';
import { isVisibility, VISIBILITIES, type Visibility } from '../model/visibility.js';

export { AREA_PATTERN };

export function readId(raw: string | undefined, command: string, usage: string): string {
  if (raw === undefined) {
    throw new CommandSyntaxError(`\`${command}\` needs a commitment id, such as C-12.`, usage);
  }
  const id = normalizeCommitmentId(raw);
  if (!id) throw new CommandSyntaxError(`"${raw}" is not a commitment id, such as C-12.`, usage);
  return id;
}

export function readAgencyCode(raw: string, usage: string): string {
  const code = normalizeAgencyCode(raw);
  if (!AGENCY_CODE_PATTERN.test(code)) {
    throw new InvalidValueError(
      `"${raw}" is not an agency code: 2 to 16 letters, digits or hyphens, starting with a letter, such as MITI.`,
      usage,
    );
  }
  return code;
}

/** `owner:MITI,meity owner:MITI` → `['MITI', 'MEITY']`: upper case, in order, each once. */
export function readOwners(values: readonly string[], usage: string): string[] {
  const codes = values.flatMap((value) => value.split(',')).filter((part) => part.trim() !== '');
  if (codes.length === 0) {
    throw new CommandSyntaxError(
      'owner: needs an agency code, such as owner:MITI or owner:MITI,MEITY.',
      usage,
    );
  }
  return [...new Set(codes.map((code) => readAgencyCode(code, usage)))];
}

export function readArea(raw: string, usage: string): string {
  const area = raw.trim().toLowerCase();
  if (!AREA_PATTERN.test(area)) {
    throw new InvalidValueError(
      `"${raw}" is not an area: one word of letters, digits and hyphens, such as trade or semiconductors.`,
      usage,
    );
  }
  return area;
}

export function readStatus(raw: string, usage: string): Status {
  const status = raw.trim().toLowerCase().replace(/[_ ]/g, '-');
  if (!isStatus(status)) {
    throw new InvalidValueError(`"${raw}" is not a status. Use one of: ${STATUSES.join(', ')}.`, usage);
  }
  return status;
}

/** `visibility:restricted`: who may see a commitment (see README, Confidential commitments). */
export function readVisibility(raw: string, usage: string): Visibility {
  const visibility = raw.trim().toLowerCase();
  if (!isVisibility(visibility)) {
    throw new InvalidValueError(
      `"${raw}" is not a visibility. Use ${VISIBILITIES.join(' or ')}: restricted commitments are seen only in their agencies' channels, by their owner and by administrators.`,
      usage,
    );
  }
  return visibility;
}

const UNIT_WORDS = new Map([
  ['s', 's'],
  ['sec', 's'],
  ['second', 's'],
  ['m', 'm'],
  ['min', 'm'],
  ['minute', 'm'],
  ['h', 'h'],
  ['hr', 'h'],
  ['hour', 'h'],
  ['d', 'd'],
  ['day', 'd'],
  ['w', 'w'],
  ['wk', 'w'],
  ['week', 'w'],
]);

const MAX_SNOOZE_MS = 366 * 24 * 60 * 60 * 1000;

/** `2d`, `1w`, `2 days`, `1 week`, `a week`, `3 hours`: how long to hold back the next reminder. */
export function readSnoozeDuration(raw: string, usage: string): Duration {
  const match = /^(\d{1,6}|an?)\s*([a-z]+?)s?$/i.exec(raw.trim());
  const unit = match ? UNIT_WORDS.get(match[2]!.toLowerCase()) : undefined;
  const amount = match && /^an?$/i.test(match[1]!) ? '1' : match?.[1];
  const duration = unit && amount ? parseDuration(`${amount}${unit}`) : undefined;
  if (!duration) {
    throw new CommandSyntaxError(
      `"${raw}" is not a duration. Write it like 2d, 1w, 3 hours or 2 days.`,
      usage,
    );
  }
  if (duration.ms === 0)
    throw new CommandSyntaxError('A snooze must be longer than zero, such as 1d.', usage);
  if (duration.ms > MAX_SNOOZE_MS) {
    throw new InvalidValueError(
      `A snooze of ${duration.text} is longer than a year; move the deadline instead (\`update <id> due:…\`).`,
      usage,
    );
  }
  return duration;
}

/** An ISO 3166 country (`MY`) or state (`MY-02`) whose weekends and public holidays are known. */
export function readCountry(raw: string, usage: string): string {
  const country = raw.trim().toUpperCase();
  if (!isKnownRegion(country)) {
    throw new InvalidValueError(
      `"${raw}" is not a country code we know holidays for: use two letters such as MY or IN, or a state such as MY-02.`,
      usage,
    );
  }
  return country;
}

export function readTimeZone(raw: string, usage: string): string {
  const zone = raw.trim();
  if (!isValidTimeZone(zone)) {
    throw new InvalidValueError(
      `"${raw}" is not a time zone. Use an IANA name such as Asia/Kuala_Lumpur, Asia/Kolkata or Europe/London.`,
      usage,
    );
  }
  return canonicalCase(zone);
}

/**
 * The runtime accepts zone names in any case; store the usual spelling (`asia/kuala_lumpur` →
 * `Asia/Kuala_Lumpur`) without replacing the name, since ICU would turn Asia/Kolkata into Asia/Calcutta.
 */
function canonicalCase(zone: string): string {
  const lower = zone.toLowerCase();
  const listed = Intl.supportedValuesOf('timeZone').find((name) => name.toLowerCase() === lower);
  if (listed) return listed;
  const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === lower ? resolved : zone;
}

/**
 * Free text as people type it: within its limit, and shown as it is stored (no control characters, no
 * bidirectional controls, no broken characters).
 */
export function limitLength(value: string, field: string, limit: number, usage: string): string {
  if (value.length > limit) throw new InputTooLongError(field, limit, usage);
  const problem = unstorableTextReason(value);
  if (problem) throw new InvalidValueError(`The ${field} ${problem}; type it as plain text.`, usage);
  return value;
}

/** Text that must say something, such as a title: empty, or only zero-width characters, is refused. */
export function requireVisible(value: string, missing: string, usage: string): string {
  if (value === '') throw new CommandSyntaxError(missing, usage);
  if (isInvisible(value)) {
    throw new CommandSyntaxError(
      `${missing} What was given shows nothing: it has only invisible characters such as zero-width spaces.`,
      usage,
    );
  }
  return value;
}
