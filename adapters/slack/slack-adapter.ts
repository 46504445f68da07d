import { App, ExpressReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import express, { type RequestHandler } from 'express';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Metrics } from '../../src/metrics/metrics.js';
import type { Announcer } from '../../src/ports/announcer.js';
import { type Clock, systemClock } from '../../src/ports/clock.js';
import type { Readiness } from '../../src/ports/readiness.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import { DEFAULT_KEY_PREFIX } from '../../src/store/redis-keys.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { registerActions } from './action-handlers.js';
import { ActionRoutes } from './action-routes.js';
import { ANSWER_IN_ACK_MS } from './answer-in-ack.js';
import { DEFAULT_PAGE_SIZE } from './block-kit.js';
import { boltLogger } from './bolt-logger.js';
import { registerCheckinActions } from './checkin-actions.js';
import { registerSlashCommand } from './command-handler.js';
import { HomeTab, registerHome } from './home-tab.js';
import { slackReplayGuard } from './replay-guard.js';
import { SlackReplies } from './replies.js';
import { registerShortcuts } from './shortcut-handlers.js';
import { slackFailure } from './slack-failure.js';
import { slackFetch } from './slack-fetch.js';
import { SlackGateway } from './slack-gateway.js';
import type { SlackKit } from './slack-kit.js';
import { SlackPoster } from './slack-poster.js';
import { SlackUserDirectory } from './user-directory.js';
import { registerViewSubmissions } from './view-handlers.js';

export interface SlackSettings {
  botToken: string;
  /** HTTP mode: every request's signature is checked with it. */
  signingSecret?: string;
  /** Socket Mode, for agencies that cannot expose a public URL. */
  appToken?: string;
  /** Web API base: `https://slack.com/api/`, GovSlack's host, or a test server. */
  apiUrl: string;
  /** SLACK_HISTORY_LOOKUP: the scheduler's posts look for an earlier attempt before posting again. */
  historyLookup?: boolean;
}

export interface SlackAdapterOptions {
  tracker: Tracker;
  /** Where announcements go: the delivery queue, which the workers post from. */
  announcer: Announcer;
  /** Counts commands once their answers are delivered. */
  metrics?: Metrics;
  settings: SlackSettings;
  log: Logger;
  agencies: AgencyStore;
  /** Where signatures and deliveries already seen are remembered, for every web process to see. */
  redis: Redis | Cluster;
  /** Redis key prefix (default `{ft}:`). */
  keyPrefix?: string;
  /** Commitment lines per private answer before "Show more"; default 20. */
  pageSize?: number;
  /** How long a slash command's answer may take and still go in the acknowledgement; default 2 s. */
  answerInAckMs?: number;
  /** The tracker's clock, for deadlines the adapter shows by itself; default the system clock. */
  clock?: Clock;
}

/** Structurally bin/http-app.ts's HttpRoute: mounted at `/slack/events` on the project's one server. */
export interface SlackRoute {
  path: string;
  handler: RequestHandler;
}

export interface SlackAdapter {
  /** Commands, interactivity and events over HTTP; undefined in Socket Mode. */
  route: SlackRoute | undefined;
  /** For the scheduler's workers: never retries by itself, throws DeliveryError. */
  gateway: SlackGateway;
  /** Socket Mode: connects. HTTP: checks the token and logs the outcome. */
  start(): Promise<void>;
  /** Whether Slack accepts the bot token right now (`auth.test`), for `/readyz`. */
  readiness(): Promise<Readiness>;
  stop(): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Interactive calls may wait out a 429 a few times, honouring Retry-After, since a person is waiting
 * for the answer; beyond that they get a clear "try again" rather than a spinner. Posts to a
 * channel do not use these retries: SlackPoster retries them only when a retry cannot duplicate them.
 */
function interactiveClientOptions(apiUrl: string, log: Logger): WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    fetch: slackFetch(),
    logger: boltLogger(log),
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  };
}

/**
 * The Slack adapter: `/commit`, the buttons and modals, the shortcuts and the Home tab, on a Bolt app
 * behind a signature check (forged or stale requests get 401) and a replay guard (a signed
 * request sent again gets 401, Slack's retry of one that arrived is answered as done), over HTTP or
 * Socket Mode.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { settings } = options;
  const log = options.log.child({ adapter: 'slack' });
  const clientOptions = interactiveClientOptions(settings.apiUrl, log);
  const client = new WebClient(settings.botToken, clientOptions);
  const socketMode = !!settings.appToken;
  if (!socketMode && !settings.signingSecret) {
    throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode).');
  }
  const receiver = socketMode
    ? undefined
    : new ExpressReceiver({
        signingSecret: settings.signingSecret!,
        // The replay guard in front of it (below) checks every request's signature and refuses the
        // rest; checking again here would compute the same HMAC twice.
        signatureVerification: false,
        endpoints: '/',
        logger: boltLogger(log),
      });
  const app = new App({
    ...(receiver ? { receiver } : { socketMode: true, appToken: settings.appToken }),
    // A fixed token, without Bolt's eager auth.test: a revoked token must not become an unhandled
    // rejection at start-up; it shows up as a clear answer at the first call instead.
    authorize: async () => ({ botToken: settings.botToken }),
    logger: boltLogger(log),
    clientOptions,
    convoStore: false,
    // Bolt's ignoreSelf drops the bot's own message events; the app listens to none (only App Home
    // openings, which a person makes), and it would be one more middleware step on every request.
    ignoreSelf: false,
  });
  const directory = new SlackUserDirectory(client, log);
  const home = new HomeTab({ tracker: options.tracker, agencies: options.agencies, directory, client, log });
  const kit: SlackKit = {
    tracker: options.tracker,
    agencies: options.agencies,
    announcer: options.announcer,
    metrics: options.metrics,
    client,
    directory,
    replies: new SlackReplies(client, SlackPoster.create(settings.botToken, clientOptions, log), log),
    log,
    clock: options.clock ?? systemClock,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    answerInAckMs: options.answerInAckMs ?? ANSWER_IN_ACK_MS,
    publishHome: (userId, banner) => home.publish(userId, banner),
  };
  registerSlashCommand(app, kit);
  const actions = new ActionRoutes();
  registerActions(actions, kit);
  registerCheckinActions(actions, kit);
  registerShortcuts(app, actions, kit);
  actions.register(app);
  registerViewSubmissions(app, kit);
  registerHome(app, home);
  app.error(async (error) => {
    log.error({ err: error, slack: slackFailure(error) }, 'unhandled error in a Slack listener');
  });

  // A probe answers at once: no retries, a short timeout.
  const probe = new WebClient(settings.botToken, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    timeout: 5_000,
  });
  const readiness = async (): Promise<Readiness> => {
    try {
      const identity = await probe.auth.test();
      return {
        ok: true,
        detail: `auth.test ok: team ${identity.team ?? '?'}, bot ${identity.user_id ?? '?'}`,
      };
    } catch (error) {
      const failure = slackFailure(error);
      return failure?.permanent
        ? { ok: false, detail: `Slack did not accept SLACK_BOT_TOKEN (auth.test: ${failure.code})` }
        : {
            ok: false,
            detail: `Slack could not be reached at ${settings.apiUrl} (${failure?.code ?? 'no answer'})`,
          };
    }
  };
  const checkToken = async () => {
    try {
      const identity = await client.auth.test();
      log.info({ team: identity.team, bot: identity.user_id }, 'Slack token accepted');
    } catch (error) {
      const failure = slackFailure(error);
      // Only an answer from Slack judges the token; an unreachable Slack says nothing about it.
      const refused = failure?.permanent === true;
      log.error(
        { slack: failure, reason: error instanceof Error ? error.message : String(error) },
        refused
          ? 'Slack did not accept SLACK_BOT_TOKEN; answers will fail until it is fixed'
          : `Slack could not be reached at ${settings.apiUrl} to check the token; it will be tried on the first command`,
      );
    }
  };
  const route: SlackRoute | undefined = receiver && {
    path: SLACK_EVENTS_PATH,
    handler: express.Router().use(
      slackReplayGuard({
        signingSecret: settings.signingSecret!,
        redis: options.redis,
        keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
        log,
      }),
      receiver.router,
    ),
  };
  return {
    route,
    gateway: SlackGateway.create(settings, log),
    readiness,
    start: async () => {
      await checkToken();
      if (!socketMode) return;
      try {
        await app.start();
        log.info('Slack Socket Mode connected');
      } catch (error) {
        const code = slackFailure(error)?.code ?? (error instanceof Error ? error.message : String(error));
        throw new Error(
          `Slack Socket Mode could not connect (${code}); check SLACK_APP_TOKEN (an xapp- token with connections:write).`,
          {
            cause: error,
          },
        );
      }
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}
