import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../src/config/config.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { ChatGateway } from '../../src/ports/chat-gateway.js';
import { type Clock, systemClock } from '../../src/ports/clock.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { ActivityClaims } from './activity-claims.js';
import { disableConnectorRetries } from './connector-client.js';
import { ConversationStore } from './conversation-store.js';
import { PeopleNames } from './people-names.js';
import { TeamsBot } from './teams-bot.js';
import { turnDetails } from './teams-context.js';
import { TeamsGateway } from './teams-gateway.js';
import { ThreadPacer } from './thread-pacer.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsAdapterOptions {
  tracker: Tracker;
  /** `config.teams`: undefined when Teams is off. */
  settings: Config['teams'];
  log: Logger;
  redis: Redis | Cluster;
  agencies: AgencyStore;
  /** Redis key prefix of the stores (default `{ft}:`). */
  keyPrefix?: string;
  clock?: Clock;
  /** How the pacer waits; tests may pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
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
}

/**
 * The Teams adapter: a TeamsActivityHandler behind CloudAdapter. With an app id, every activity's Bot
 * Framework token is checked (401 without a valid one); in anonymous mode (Emulator, tests) nothing is
 * checked and replies go to the activity's serviceUrl without a token.
 */
export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const { settings, log } = options;
  if (!settings) return { route: undefined, gateway: offGateway };
  const clock = options.clock ?? systemClock;
  const authentication = new ConfigurationBotFrameworkAuthentication(
    settings.anonymous
      ? {}
      : {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppTenantId: settings.tenantId,
          MicrosoftAppType: settings.appType,
        },
  );
  const adapter = new CloudAdapter(authentication);
  adapter.use(async (context, next) => {
    disableConnectorRetries(context);
    await next();
  });
  adapter.onTurnError = async (context, error) => {
    log.error({ ...turnDetails(context), err: error }, 'Teams turn failed');
  };
  const conversations = new ConversationStore({ redis: options.redis, prefix: options.keyPrefix });
  const names = new PeopleNames({ redis: options.redis, prefix: options.keyPrefix });
  const pacer = new ThreadPacer({ clock, sleep: options.sleep });
  const bot = new TeamsBot({
    tracker: options.tracker,
    agencies: options.agencies,
    conversations,
    names,
    pacer,
    claims: new ActivityClaims({ redis: options.redis, prefix: options.keyPrefix, log }),
    log,
    clock,
  });
  const gateway = new TeamsGateway({
    adapter,
    appId: settings.appId ?? '',
    conversations,
    names,
    pacer,
    log,
    clock,
  });

  const router = express.Router();
  router.post('/', express.json({ limit: '1mb' }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
    if (res.statusCode === 401)
      log.warn({ ip: req.ip }, 'Teams activity refused: no valid Bot Framework token');
  });
  router.all('/', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'method not allowed' });
  });
  const badBody: ErrorRequestHandler = (error, _req, res, _next) => {
    // express.json's errors carry their status: 400 for broken JSON, 413 for an oversized body.
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 400;
    log.warn({ err: error, status }, 'Teams activity refused: the body is not a JSON activity');
    res.status(status).json({ error: 'the body must be a Bot Framework activity in JSON, at most 1 MB' });
  };
  router.use(badBody);
  return { route: { path: TEAMS_MESSAGES_PATH, handler: router }, gateway };
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
