import { z } from 'zod';
import { isKnownRegion } from '../calendar/known-regions.js';
import { isValidCron } from '../dates/cron.js';
import { parseDuration } from '../dates/duration.js';
import { isValidTimeZone } from '../dates/time-zone.js';
import { parseChannelKey } from '../model/platform.js';
import { EVERYONE } from '../tracker/permissions.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const timeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Asia/Kuala_Lumpur or UTC' });

const duration = z
  .string()
  .trim()
  .refine((value) => parseDuration(value) !== undefined, {
    message: 'must be a duration such as 90s, 30m, 12h, 7d or 2w',
  });

const durationList = z
  .string()
  .trim()
  .refine((value) => value.split(',').every((part) => parseDuration(part.trim()) !== undefined), {
    message: 'must be a comma-separated list of durations such as 7d,1d,0d',
  })
  .transform((value) => value.split(',').map((part) => parseDuration(part.trim())!));

const cron = z.string().trim().refine(isValidCron, {
  message: 'must be a cron expression of 5 fields, or 6 with seconds first, such as "0 9 * * 1"',
});

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const channelKey = z
  .string()
  .trim()
  .refine((value) => parseChannelKey(value) !== undefined, {
    message: 'must be slack:<channel id> or teams:<conversation id>',
  })
  .transform((value) => parseChannelKey(value)!);

const port = z
  .string()
  .trim()
  .refine((value) => /^\d{1,5}$/.test(value) && Number(value) <= 65535, {
    message: 'must be a port number from 0 to 65535, such as 3000',
  })
  .transform(Number);

const urlWithSlash = z
  .url({ message: 'must be a URL such as https://slack.com/api/' })
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

/** `NODE_ENV` unset, `development` or `test`; anything else is treated as production, the safe side. */
export function isDevelopment(nodeEnv: string | undefined): boolean {
  return nodeEnv === undefined || nodeEnv === 'development' || nodeEnv === 'test';
}

const ADMIN_ID = /^(slack|teams):\S+$/;

/**
 * Administrators by platform-qualified id, so that a Slack id can never match a Teams user who happens to
 * carry the same string; `*` alone opens administration to everyone.
 */
const trackerAdmins = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .superRefine((ids, ctx) => {
    if (ids.includes(EVERYONE) && ids.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be * alone (everyone administers) or a list of ids, not both',
      });
      return;
    }
    const bare = ids.find((id) => id !== EVERYONE && !ADMIN_ID.test(id));
    if (bare !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must give each id with its platform: write "${bare}" as slack:${bare} (a Slack member id) or teams:${bare} (a Teams user's Microsoft Entra object id); * alone lets everyone administer`,
      });
    }
  });

/** Every environment variable followthrough reads, with DESIGN.md's defaults. */
export const configSchema = z
  .object({
    REDIS_URL: z
      .string()
      .trim()
      .optional()
      .refine((value) => !value || /^rediss?:\/\//.test(value), {
        message: 'must be a redis:// or rediss:// URL',
      })
      .transform((value) => value || undefined),
    REDIS_CLUSTER_NODES: optionalText.refine(
      (value) => !value || value.split(',').every((node) => /^[^:\s]+:\d{1,5}$/.test(node.trim())),
      { message: 'must be host:port,host:port,…' },
    ),
    PORT: port.default(3000),
    WORKER_PORT: port.optional(),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_API_URL: urlWithSlash.default('https://slack.com/api/'),
    SLACK_HISTORY_LOOKUP: booleanFlag,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    TEAMS_ANONYMOUS: booleanFlag,
    TRACKER_TZ: timeZone.default('UTC'),
    REMINDER_OFFSETS: durationList.default(['7d', '1d', '0d'].map((value) => parseDuration(value)!)),
    DIGEST_CRON: cron.default('0 9 * * 1'),
    CHECKIN_CRON: cron.default('0 9 * * 3'),
    ESCALATE_AFTER: duration.default('7d').transform((value) => parseDuration(value)!),
    COORDINATION_CHANNEL: channelKey.optional(),
    COORDINATION_COUNTRY: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isKnownRegion, {
        message: 'must be a country code we know holidays for, such as GB, MY or MY-02',
      })
      .optional(),
    TRACKER_ADMINS: trackerAdmins,
    ADMIN_USER: optionalText,
    ADMIN_PASSWORD: optionalText,
    ADMIN_QUEUES_WRITE: booleanFlag,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    NODE_ENV: optionalText,
  })
  .superRefine((env, ctx) => {
    if (env.TEAMS_ANONYMOUS && env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEAMS_ANONYMOUS'],
        message: 'cannot be true together with MicrosoftAppId: anonymous Teams is for local testing only',
      });
    }
    if (!isDevelopment(env.NODE_ENV) && !env.REDIS_URL && !env.REDIS_CLUSTER_NODES) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: `is needed with NODE_ENV=${env.NODE_ENV}: the private redis-server started without it is for development`,
      });
    }
    if (env.TEAMS_ANONYMOUS && !isDevelopment(env.NODE_ENV)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEAMS_ANONYMOUS'],
        message: `cannot be true with NODE_ENV=${env.NODE_ENV}: anonymous Teams is only for NODE_ENV unset, development or test`,
      });
    }
    if (env.TRACKER_ADMINS.length === 0 && !isDevelopment(env.NODE_ENV)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRACKER_ADMINS'],
        message: `is required with NODE_ENV=${env.NODE_ENV}: list who may run agency and channel commands, such as slack:U0123ABCD,teams:<Entra object id>, or set TRACKER_ADMINS=* for an open pilot`,
      });
    }
    if (!!env.SLACK_BOT_TOKEN !== (!!env.SLACK_SIGNING_SECRET || !!env.SLACK_APP_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN'],
        message: env.SLACK_BOT_TOKEN
          ? 'is needed with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)'
          : 'is needed to turn Slack on',
      });
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is needed with MicrosoftAppId',
      });
    }
    if (!!env.ADMIN_USER !== !!env.ADMIN_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_USER ? 'ADMIN_PASSWORD' : 'ADMIN_USER'],
        message: `must be set too: ADMIN_USER and ADMIN_PASSWORD go together`,
      });
    }
  });
