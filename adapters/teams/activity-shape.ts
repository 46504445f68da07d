import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** The answer to a body that is not a JSON object: missing, another content type, or broken JSON. */
export const NOT_AN_ACTIVITY = 'expected a Bot Framework activity as JSON';

const needed = z
  .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a string') })
  .trim()
  .min(1, 'is empty');

// A missing `conversation` is read as `{}` so the answer names the field needed: `conversation.id`.
const account = z.preprocess(
  (value) => value ?? {},
  z.object({ id: needed }, { error: 'must be an object' }),
);

const typed = z.object({ type: needed });

/** Where the bot answers, who asked, and through which connector: every turn the bot handles reads them. */
const addressed = z.object({
  conversation: account,
  from: account,
  serviceUrl: z.url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? 'is missing' : 'must be an http(s) URL'),
  }),
});

/** The activity types the bot answers or stores a conversation for. */
const ADDRESSED_TYPES = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate']);

export function isJsonObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * What keeps a JSON object from being an activity the bot can handle, e.g. `conversation.id is missing`;
 * undefined when nothing does. Checked before botbuilder sees it, which would otherwise run the turn and
 * fail deep inside with a TypeError.
 */
export function activityProblem(body: Record<string, unknown>): string | undefined {
  const type = typed.safeParse(body);
  const checked = type.success && ADDRESSED_TYPES.has(type.data.type) ? addressed.safeParse(body) : type;
  if (checked.success) return undefined;
  const problems = checked.error.issues.map(
    (issue) => `${issue.path.map(String).join('.')} ${issue.message}`,
  );
  return `not a Bot Framework activity: ${problems.join(', ')}`;
}

const DATE_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['expiration', 'rawExpiration'],
  ['localTimestamp', 'rawLocalTimestamp'],
] as const;

/**
 * The body as botbuilder's own request handling would pass it on: its date fields as Dates, with the
 * original strings kept beside them (the `raw…` fields), since that is what the Activity type promises.
 */
export function toActivity(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of DATE_FIELDS) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
