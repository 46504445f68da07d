import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { RequestHandler } from 'express';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../src/config/config.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import type { ChatGateway } from '../../src/ports/chat-gateway.js';
import { type Clock, systemClock } from '../../src/ports/clock.js';
import type { Readiness } from '../../src/ports/readiness.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { ActivityClaims } from './activity-claims.js';
import { disableConnectorRetries } from './connector-client.js';
import { ConversationStore } from './conversation-store.js';
import { checkTeamsCredentials } from './credential-check.js';
import { loopbackOnly } from './loopback-only.js';
import { createMessagesRouter } from './messages-route.js';
import { PeopleNames } from './people-names.js';
import { ReportLinks } from './report-links.js';
import { TeamsBot } from './teams-bot.js';
import { TeamsCloudAdapter } from './teams-cloud-adapter.js';
import { turnDetails } from './teams-context.js';
import { TeamsGateway } from './teams-gateway.js';
import { ThreadPacer } from './thread-pacer.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsAdapterOptions {
  tracker: Tracker;
  /** `config.teams`: undefined when Teams is off. */
  settings: Config['teams'];
  log: Logger;
  /** For what answers people: a fail-fast connection, so that an outage is answered at once. */
  redis: Redis | Cluster;
  /** For the gateway the workers post through; default `redis`. */
  deliveryRedis?: Redis | Cluster;
  agencies: AgencyStore;
  metrics?: Metrics;
  /** Where tokens are asked for, to check the credentials; default Microsoft Entra ID's public cloud. */
  loginUrl?: string;
  /** Redis key prefix of the stores (default `{ft}:`). */
  keyPrefix?: string;
  clock?: Clock;
  /** How the pacer waits; tests may pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Where the keys that sign Bot Framework tokens are published (an OpenID metadata document).
   * Default: the public cloud's. Tests point it at an issuer of their own on loopback.
   */
  openIdMetadataUrl?: string;
}

/** The shape of bin/http-app.ts's HttpRoute, restated so the adapter does not import from bin/. */
export interface TeamsRoute {
  path: string;
  handler: RequestHandler;
}

export interface TeamsAdapter {
  /** `POST /api/messages`; undefined when Teams is off (the server then answers 404 there). */
  route: TeamsRoute | undefined;
  /** For the scheduler: posts through stored conversation references. */
  gateway: ChatGateway;
  /** Whether Teams would accept the bot's credentials right now, for `/readyz`. */
  readiness(): Promise<Readiness>;
}

/**
 * The Teams adapter: a TeamsActivityHandler behind CloudAdapter. With an app id, every activity's Bot
 * Framework token is checked (401 without a valid one); in anonymous mode (Emulator, tests) nothing is
 * checked, which is said in a warn line at start, only requests from this machine are answered, and
 * replies go to the activity's serviceUrl without a token.
 */
export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const { settings, log } = options;
  if (!settings) {
    return {
      route: undefined,
      gateway: offGateway,
      readiness: async () => ({ ok: true, detail: 'Teams is off' }),
    };
  }
  const clock = options.clock ?? systemClock;
  if (settings.anonymous) {
    log.warn(
      'Teams is on WITHOUT authentication (TEAMS_ANONYMOUS=true): for the Bot Framework Emulator and local tests only; only requests from this machine are answered',
    );
  }
  const authentication = new ConfigurationBotFrameworkAuthentication(
    settings.anonymous
      ? {}
      : {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppTenantId: settings.tenantId,
          MicrosoftAppType: settings.appType,
          ...(options.openIdMetadataUrl ? publicCloudWithKeysAt(options.openIdMetadataUrl) : {}),
        },
  );
  const adapter = new TeamsCloudAdapter(authentication);
  adapter.use(async (context, next) => {
    disableConnectorRetries(context);
    await next();
  });
  adapter.onTurnError = async (context, error) => {
    log.error({ ...turnDetails(context), err: error }, 'Teams turn failed');
  };
  const conversations = new ConversationStore({ redis: options.redis, prefix: options.keyPrefix });
  const names = new PeopleNames({ redis: options.redis, prefix: options.keyPrefix });
  const deliveryRedis = options.deliveryRedis ?? options.redis;
  const deliveryConversations = new ConversationStore({ redis: deliveryRedis, prefix: options.keyPrefix });
  const deliveryNames = new PeopleNames({ redis: deliveryRedis, prefix: options.keyPrefix });
  const pacer = new ThreadPacer({ clock, sleep: options.sleep });
  const reports = new ReportLinks(options.redis, options.keyPrefix ?? DEFAULT_KEY_PREFIX);
  const bot = new TeamsBot({
    tracker: options.tracker,
    agencies: options.agencies,
    conversations,
    names,
    pacer,
    claims: new ActivityClaims({ redis: options.redis, prefix: options.keyPrefix, log }),
    reports,
    tenantId: settings.tenantId,
    log,
    clock,
    metrics: options.metrics,
  });
  const gateway = new TeamsGateway({
    adapter,
    appId: settings.appId ?? '',
    conversations: deliveryConversations,
    names: deliveryNames,
    pacer,
    log,
    clock,
  });

  const router = createMessagesRouter({ adapter, reports, logic: (context) => bot.run(context), log });
  const handler = settings.anonymous ? loopbackOnly(router, log) : router;
  return {
    route: { path: TEAMS_MESSAGES_PATH, handler },
    gateway,
    readiness: () => checkTeamsCredentials(settings, options.loginUrl),
  };
}

/**
 * botbuilder takes either none of its endpoint settings (the public cloud's, built in) or all of them;
 * these are the public cloud's (botframework-connector's AuthenticationConstants), keys excepted.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** With Teams off, a post to a Teams channel is a permanent failure the delivery queue can show. */
const offGateway: ChatGateway = {
  platform: 'teams',
  post: () => Promise.reject(teamsOff()),
  reply: () => Promise.reject(teamsOff()),
  update: () => Promise.reject(teamsOff()),
};

function teamsOff(): DeliveryError {
  return new DeliveryError(
    'Teams is off: set MicrosoftAppId and MicrosoftAppPassword to post to Teams channels.',
    {
      permanent: true,
      code: 'teams_off',
    },
  );
}
