import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { parseDuration } from '../../src/dates/duration.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The ConfigError that `env` is refused with; fails the test when it is accepted. */
function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

const SLACK_HTTP = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
const TEAMS_APP = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'pw' };

describe('loadConfig defaults', () => {
  const config = loadConfig({});

  it('listens on port 3000', () => {
    expect(config.port).toBe(3000);
  });

  it('uses UTC as the default time zone', () => {
    expect(config.trackerTimeZone).toBe('UTC');
  });

  it('reminds 7 days, 1 day and 0 days before a deadline, in milliseconds', () => {
    expect(config.reminderOffsets).toEqual([
      { text: '7d', ms: 7 * DAY },
      { text: '1d', ms: DAY },
      { text: '0d', ms: 0 },
    ]);
  });

  it('posts digests on Mondays at 09:00 and escalates after 7 days', () => {
    expect(config.digestCron).toBe('0 9 * * 1');
    expect(config.escalateAfter).toEqual({ text: '7d', ms: 7 * DAY });
  });

  it('turns Slack, Teams, the dashboard and the coordination channel off and lets anyone administer', () => {
    expect(config.slack).toBeUndefined();
    expect(config.teams).toBeUndefined();
    expect(config.dashboard).toBeUndefined();
    expect(config.coordinationChannel).toBeUndefined();
    expect(config.trackerAdmins).toEqual([]);
  });

  it('uses a private Redis and is not production', () => {
    expect(config.redis).toEqual({ url: undefined, clusterNodes: undefined });
    expect(config.production).toBe(false);
    expect(config.logLevel).toBeUndefined();
  });

  it('gives Slack the public Web API base, with its trailing slash, when Slack is on', () => {
    expect(loadConfig(SLACK_HTTP).slack?.apiUrl).toBe('https://slack.com/api/');
  });

  it('treats a variable set to blank as unset, so PORT= still means 3000', () => {
    const blank = loadConfig({
      PORT: '',
      TRACKER_TZ: ' ',
      REMINDER_OFFSETS: '',
      SLACK_API_URL: '',
      MicrosoftAppType: '',
      COORDINATION_CHANNEL: '',
      TEAMS_ANONYMOUS: '',
    });
    expect(blank.port).toBe(3000);
    expect(blank.trackerTimeZone).toBe('UTC');
    expect(blank.reminderOffsets.map((offset) => offset.text)).toEqual(['7d', '1d', '0d']);
    expect(blank.coordinationChannel).toBeUndefined();
    expect(blank.teams).toBeUndefined();
  });
});

describe('loadConfig values', () => {
  it('reads every variable it is given', () => {
    const config = loadConfig({
      REDIS_URL: 'rediss://cache.example:6380/2',
      PORT: '8080',
      TRACKER_TZ: 'Asia/Kuala_Lumpur',
      REMINDER_OFFSETS: '2w, 3d,12h,30m,90s',
      DIGEST_CRON: '0 0 8 * * 1',
      ESCALATE_AFTER: '14d',
      COORDINATION_CHANNEL: 'teams:19:abc@thread.tacv2',
      ADMIN_USER: 'ops',
      ADMIN_PASSWORD: 'pw',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      TRACKER_ADMINS: 'slack:U0123ABCD',
    });
    expect(config.redis.url).toBe('rediss://cache.example:6380/2');
    expect(config.port).toBe(8080);
    expect(config.trackerTimeZone).toBe('Asia/Kuala_Lumpur');
    expect(config.reminderOffsets.map((offset) => offset.ms)).toEqual([
      14 * DAY,
      3 * DAY,
      12 * HOUR,
      30 * MINUTE,
      90 * SECOND,
    ]);
    expect(config.digestCron).toBe('0 0 8 * * 1');
    expect(config.escalateAfter.ms).toBe(14 * DAY);
    expect(config.coordinationChannel).toEqual({ platform: 'teams', id: '19:abc@thread.tacv2' });
    expect(config.dashboard).toEqual({ user: 'ops', password: 'pw', write: false });
    expect(
      loadConfig({ ADMIN_USER: 'ops', ADMIN_PASSWORD: 'pw', ADMIN_QUEUES_WRITE: 'true' }).dashboard?.write,
    ).toBe(true);
    expect(config.logLevel).toBe('debug');
    expect(config.production).toBe(true);
  });

  it("reads a worker's WORKER_PORT, unset by default", () => {
    expect(loadConfig({ WORKER_PORT: '9100' }).workerPort).toBe(9100);
    expect(loadConfig({}).workerPort).toBeUndefined();
  });

  it.each(['production', 'prod', 'staging'])(
    'refuses NODE_ENV=%s without a Redis to use, rather than starting a private one',
    (nodeEnv) => {
      const error = refusal({ NODE_ENV: nodeEnv, TRACKER_ADMINS: '*' });
      expect(error.problems).toEqual([
        expect.stringMatching(new RegExp(`^REDIS_URL is needed with NODE_ENV=${nodeEnv}`)),
      ]);
      expect(
        loadConfig({ NODE_ENV: nodeEnv, TRACKER_ADMINS: '*', REDIS_CLUSTER_NODES: 'r1:7000' }).production,
      ).toBe(true);
    },
  );

  it('splits TRACKER_ADMINS on commas, trims each id and drops empty ones', () => {
    expect(loadConfig({ TRACKER_ADMINS: ' slack:U1, slack:U2 ,,teams:29:x ,' }).trackerAdmins).toEqual([
      'slack:U1',
      'slack:U2',
      'teams:29:x',
    ]);
  });

  it('reads REDIS_CLUSTER_NODES as hosts and numeric ports', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000, r2:7001' }).redis.clusterNodes).toEqual([
      { host: 'r1', port: 7000 },
      { host: 'r2', port: 7001 },
    ]);
  });

  it('accepts port 0, which asks for any free port', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });
});

describe('Slack on and off', () => {
  it('is on over HTTP with a bot token and a signing secret', () => {
    expect(loadConfig(SLACK_HTTP).slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'secret',
      appToken: undefined,
      apiUrl: 'https://slack.com/api/',
      historyLookup: false,
    });
    expect(loadConfig({ ...SLACK_HTTP, SLACK_HISTORY_LOOKUP: 'true' }).slack?.historyLookup).toBe(true);
  });

  it('is on in Socket Mode with a bot token and an app token, no signing secret needed', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack;
    expect(slack).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1' });
    expect(slack?.signingSecret).toBeUndefined();
  });

  it('adds the trailing slash to a SLACK_API_URL given without one', () => {
    expect(loadConfig({ ...SLACK_HTTP, SLACK_API_URL: 'http://127.0.0.1:4010/api' }).slack?.apiUrl).toBe(
      'http://127.0.0.1:4010/api/',
    );
    expect(loadConfig({ ...SLACK_HTTP, SLACK_API_URL: 'https://slack-gov.com/api/' }).slack?.apiUrl).toBe(
      'https://slack-gov.com/api/',
    );
  });

  it('refuses a bot token with neither a signing secret nor an app token, naming what is missing', () => {
    const error = refusal({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(error.message).toContain('SLACK_SIGNING_SECRET');
    expect(error.message).toContain('SLACK_APP_TOKEN');
  });

  it.each([{ SLACK_SIGNING_SECRET: 'secret' }, { SLACK_APP_TOKEN: 'xapp-1' }])(
    'refuses half a Slack set-up without the bot token: %o',
    (env) => {
      expect(refusal(env).problems).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN .*needed/)]);
    },
  );

  it('refuses a SLACK_API_URL that is not a URL', () => {
    const error = refusal({ ...SLACK_HTTP, SLACK_API_URL: 'slack.com/api' });
    expect(error.problems).toEqual([
      expect.stringMatching(/^SLACK_API_URL \("slack.com\/api"\) must be a URL/),
    ]);
  });
});

describe('Teams on and off', () => {
  it('is on, authenticated and multi-tenant with an app id and password', () => {
    expect(loadConfig(TEAMS_APP).teams).toEqual({
      appId: TEAMS_APP.MicrosoftAppId,
      appPassword: 'pw',
      tenantId: undefined,
      appType: 'MultiTenant',
      anonymous: false,
    });
  });

  it('is single-tenant when a tenant id is given and no app type', () => {
    expect(loadConfig({ ...TEAMS_APP, MicrosoftAppTenantId: 'tenant-1' }).teams?.appType).toBe(
      'SingleTenant',
    );
  });

  it('keeps an explicit app type', () => {
    const teams = loadConfig({
      ...TEAMS_APP,
      MicrosoftAppTenantId: 't',
      MicrosoftAppType: 'MultiTenant',
    }).teams;
    expect(teams?.appType).toBe('MultiTenant');
  });

  it('refuses an app id without a password, unless it is a managed identity', () => {
    expect(refusal({ MicrosoftAppId: 'app' }).problems).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword .*MicrosoftAppId/),
    ]);
    expect(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI' }).teams?.appId).toBe(
      'app',
    );
  });

  it.each(['true', '1'])('is on without authentication with TEAMS_ANONYMOUS=%s', (flag) => {
    expect(loadConfig({ TEAMS_ANONYMOUS: flag }).teams).toMatchObject({ anonymous: true, appId: undefined });
  });

  it.each(['false', '0'])('stays off with TEAMS_ANONYMOUS=%s', (flag) => {
    expect(loadConfig({ TEAMS_ANONYMOUS: flag }).teams).toBeUndefined();
  });

  it('refuses TEAMS_ANONYMOUS together with an app id', () => {
    const error = refusal({ ...TEAMS_APP, TEAMS_ANONYMOUS: 'true' });
    expect(error.problems).toEqual([expect.stringMatching(/^TEAMS_ANONYMOUS .*MicrosoftAppId/)]);
  });

  it('refuses TEAMS_ANONYMOUS with NODE_ENV=production', () => {
    const error = refusal({
      TEAMS_ANONYMOUS: 'true',
      NODE_ENV: 'production',
      TRACKER_ADMINS: '*',
      REDIS_URL: 'redis://r:6379',
    });
    expect(error.problems).toEqual([expect.stringMatching(/^TEAMS_ANONYMOUS .*NODE_ENV=production/)]);
  });

  it.each(['Production', 'prod', 'staging', 'PRODUCTION', 'Development'])(
    'refuses TEAMS_ANONYMOUS with NODE_ENV=%s: only unset, development and test allow it',
    (nodeEnv) => {
      const error = refusal({
        TEAMS_ANONYMOUS: 'true',
        NODE_ENV: nodeEnv,
        TRACKER_ADMINS: '*',
        REDIS_URL: 'redis://r:6379',
      });
      expect(error.problems).toEqual([
        expect.stringMatching(
          new RegExp(`^TEAMS_ANONYMOUS .*NODE_ENV=${nodeEnv}.*unset, development or test`),
        ),
      ]);
    },
  );

  it.each([undefined, 'development', 'test'])('allows TEAMS_ANONYMOUS with NODE_ENV=%s', (nodeEnv) => {
    const config = loadConfig({ TEAMS_ANONYMOUS: 'true', ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}) });
    expect(config.teams?.anonymous).toBe(true);
    expect(config.production).toBe(false);
  });

  it('refuses a TEAMS_ANONYMOUS that is not a yes or no, listing the allowed values', () => {
    const error = refusal({ TEAMS_ANONYMOUS: 'yes' });
    expect(error.message).toContain('TEAMS_ANONYMOUS ("yes")');
    expect(error.message).toContain('"true"');
  });
});

describe('administrators', () => {
  it('refuses a bare id, saying how to write it for each platform', () => {
    const error = refusal({ TRACKER_ADMINS: 'slack:U1,UADMIN' });
    expect(error.problems).toEqual([
      expect.stringMatching(/^TRACKER_ADMINS .*write "UADMIN" as slack:UADMIN .* or teams:UADMIN/),
    ]);
  });

  it('refuses * mixed with ids', () => {
    expect(refusal({ TRACKER_ADMINS: '*,slack:U1' }).problems).toEqual([
      expect.stringMatching(/^TRACKER_ADMINS .*\* alone/),
    ]);
  });

  it.each(['production', 'prod', 'Production'])(
    'refuses to start with NODE_ENV=%s and no TRACKER_ADMINS, saying what to set',
    (nodeEnv) => {
      const error = refusal({ NODE_ENV: nodeEnv, REDIS_URL: 'redis://r:6379' });
      expect(error.problems).toEqual([
        expect.stringMatching(/^TRACKER_ADMINS is required with NODE_ENV=.*slack:U.*TRACKER_ADMINS=\*/),
      ]);
    },
  );

  it('keeps an explicit open pilot in production as *', () => {
    const config = loadConfig({ NODE_ENV: 'production', TRACKER_ADMINS: ' * ', REDIS_URL: 'redis://r:6379' });
    expect(config.trackerAdmins).toEqual(['*']);
    expect(config.production).toBe(true);
  });

  it('needs no list in development, where everyone administers', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).trackerAdmins).toEqual([]);
  });
});

describe('wrong values', () => {
  it.each([
    ['TRACKER_TZ', 'Mars/Olympus_Mons', 'IANA time zone'],
    ['TRACKER_TZ', 'Asia/Kuala Lumpur', 'IANA time zone'],
    ['REMINDER_OFFSETS', '7d,tomorrow', 'comma-separated list of durations'],
    ['REMINDER_OFFSETS', '7d,,1d', 'comma-separated list of durations'],
    ['ESCALATE_AFTER', '1 week', 'duration such as'],
    ['REDIS_URL', 'http://localhost:6379', 'redis:// or rediss:// URL'],
    ['REDIS_URL', 'localhost:6379', 'redis:// or rediss:// URL'],
    ['REDIS_CLUSTER_NODES', 'r1:7000,r2', 'host:port'],
    ['COORDINATION_CHANNEL', 'general', 'slack:<channel id> or teams:<conversation id>'],
    ['COORDINATION_CHANNEL', 'irc:#general', 'slack:<channel id> or teams:<conversation id>'],
    ['COORDINATION_CHANNEL', 'slack:', 'slack:<channel id> or teams:<conversation id>'],
    ['PORT', 'http', 'port number from 0 to 65535'],
    ['PORT', '70000', 'port number from 0 to 65535'],
    ['PORT', '-1', 'port number from 0 to 65535'],
    ['PORT', '30.5', 'port number from 0 to 65535'],
    ['PORT', '0x50', 'port number from 0 to 65535'],
    ['WORKER_PORT', '9100a', 'port number from 0 to 65535'],
    ['DIGEST_CRON', 'every monday', 'cron expression'],
    ['DIGEST_CRON', '0 99 * * 1', 'cron expression'],
    ['COORDINATION_COUNTRY', 'Malaysia', 'country code we know holidays for'],
    ['COORDINATION_COUNTRY', 'ZZ', 'country code we know holidays for'],
    ['DIGEST_CRON', '0 9 * * mon-xyz', 'cron expression'],
    ['LOG_LEVEL', 'verbose', 'expected one of'],
  ])('refuses %s=%j, naming the variable, its value and what is allowed', (variable, value, allowed) => {
    const error = refusal({ [variable]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(`${variable} (${JSON.stringify(value)})`);
    expect(error.problems[0]).toContain(allowed);
    expect(error.message).toContain(error.problems[0]);
  });

  it('reports every wrong variable at once, not only the first', () => {
    const error = refusal({ PORT: 'x', TRACKER_TZ: 'Nowhere', REDIS_URL: 'mysql://db' });
    expect(error.problems.map((problem) => problem.split(' ')[0]).sort()).toEqual([
      'PORT',
      'REDIS_URL',
      'TRACKER_TZ',
    ]);
  });

  it('refuses ADMIN_USER without ADMIN_PASSWORD and the other way round', () => {
    expect(refusal({ ADMIN_USER: 'ops' }).problems).toEqual([expect.stringMatching(/^ADMIN_PASSWORD /)]);
    expect(refusal({ ADMIN_PASSWORD: 'pw' }).problems).toEqual([expect.stringMatching(/^ADMIN_USER /)]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', '90s', 90 * SECOND],
    ['30m', '30m', 30 * MINUTE],
    ['12h', '12h', 12 * HOUR],
    ['7d', '7d', 7 * DAY],
    ['2w', '2w', 14 * DAY],
    ['0d', '0d', 0],
    [' 3 D ', '3d', 3 * DAY],
    ['007d', '7d', 7 * DAY],
  ])('reads %j as %s (%i ms)', (raw, text, ms) => {
    expect(parseDuration(raw)).toEqual({ text, ms });
  });

  it.each(['', 'd', '7', '1.5d', '-1d', '7y', '1d2h', '7 days', '1234567d'])('refuses %j', (raw) => {
    expect(parseDuration(raw)).toBeUndefined();
  });
});

describe('the coordination unit', () => {
  it('takes its country in upper case for its working days', () => {
    expect(
      loadConfig({ COORDINATION_COUNTRY: 'gb', COORDINATION_CHANNEL: 'teams:19:abc@thread.tacv2' }),
    ).toMatchObject({
      coordinationCountry: 'GB',
      coordinationChannel: { platform: 'teams', id: '19:abc@thread.tacv2' },
    });
  });
});

describe('error messages and secrets', () => {
  const messageFor = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the configuration to be refused');
  };

  it('never quotes a secret or the password inside a URL', () => {
    const redis = messageFor({ REDIS_URL: 'redis//default:S3cretPw@db:6379' });
    expect(redis).toContain('REDIS_URL');
    expect(redis).not.toContain('S3cretPw');
    const teams = messageFor({ MicrosoftAppPassword: 'p4ss', TEAMS_ANONYMOUS: 'maybe' });
    expect(teams).not.toContain('p4ss');
    const admin = messageFor({ ADMIN_PASSWORD: 'hunter2' });
    expect(admin).toContain('ADMIN_USER');
    expect(admin).not.toContain('hunter2');
  });
});
