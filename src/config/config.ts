import type { Duration } from '../dates/duration.js';
import type { ChannelRef } from '../model/platform.js';
import { configSchema, isDevelopment } from './config-schema.js';
import { redactUrl } from './redact-url.js';

export interface Config {
  redis: { url?: string; clusterNodes?: { host: string; port: number }[] };
  port: number;
  /** A worker's /healthz, /readyz and /metrics; unset: a worker serves no HTTP. */
  workerPort?: number;
  slack?: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
    /** SLACK_HISTORY_LOOKUP: look for a post in the channel's history before posting it again. */
    historyLookup: boolean;
  };
  teams?: { appId?: string; appPassword?: string; tenantId?: string; appType?: string; anonymous: boolean };
  trackerTimeZone: string;
  reminderOffsets: Duration[];
  digestCron: string;
  /** Weekly check-in day and time, in each agency's zone. */
  checkinCron: string;
  escalateAfter: Duration;
  coordinationChannel?: ChannelRef;
  /** The coordination unit's country (or state), for its working days and holidays. */
  coordinationCountry?: string;
  /** Platform-qualified ids (`slack:U…`, `teams:<Entra object id>`), `['*']` for everyone, empty only in development. */
  trackerAdmins: string[];
  /** The queue dashboard's login, and whether jobs may be changed from it (ADMIN_QUEUES_WRITE). */
  dashboard?: { user: string; password: string; write: boolean };
  /** Unset: `info` for servers, `warn` under the console so logs do not drown the answers. */
  logLevel?: string;
  /** NODE_ENV is set to anything but development or test. */
  production: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRETS = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MicrosoftAppPassword',
  'ADMIN_PASSWORD',
]);

/** A wrong value is quoted back to help, but never a secret, nor the password inside a URL. */
function shownValue(variable: string, value: string): string {
  if (SECRETS.has(variable)) return 'value hidden';
  return JSON.stringify(redactUrl(value));
}

/** Parses the environment once, at start; nothing else in the program reads `process.env`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // `PORT=` in a .env file or a process manager means "not set", not an empty value to validate.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        const value = env[variable];
        return `${variable}${value !== undefined ? ` (${shownValue(variable, value)})` : ''} ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    redis: {
      url: e.REDIS_URL,
      clusterNodes: e.REDIS_CLUSTER_NODES?.split(',').map((node) => {
        const [host, port] = node.trim().split(':') as [string, string];
        return { host, port: Number(port) };
      }),
    },
    port: e.PORT,
    workerPort: e.WORKER_PORT,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          historyLookup: e.SLACK_HISTORY_LOOKUP,
        }
      : undefined,
    teams:
      e.MicrosoftAppId || e.TEAMS_ANONYMOUS
        ? {
            appId: e.MicrosoftAppId,
            appPassword: e.MicrosoftAppPassword,
            tenantId: e.MicrosoftAppTenantId,
            appType: e.MicrosoftAppType ?? (e.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant'),
            anonymous: e.TEAMS_ANONYMOUS,
          }
        : undefined,
    trackerTimeZone: e.TRACKER_TZ,
    reminderOffsets: e.REMINDER_OFFSETS,
    digestCron: e.DIGEST_CRON,
    checkinCron: e.CHECKIN_CRON,
    escalateAfter: e.ESCALATE_AFTER,
    coordinationChannel: e.COORDINATION_CHANNEL,
    coordinationCountry: e.COORDINATION_COUNTRY,
    trackerAdmins: e.TRACKER_ADMINS,
    dashboard:
      e.ADMIN_USER && e.ADMIN_PASSWORD
        ? { user: e.ADMIN_USER, password: e.ADMIN_PASSWORD, write: e.ADMIN_QUEUES_WRITE }
        : undefined,
    logLevel: e.LOG_LEVEL,
    production: !isDevelopment(e.NODE_ENV),
  };
}
