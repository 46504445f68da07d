import { ConsoleGateway } from '../adapters/console/console-gateway.js';
import { createSlackAdapter, type SlackAdapter } from '../adapters/slack/slack-adapter.js';
import { createTeamsAdapter } from '../adapters/teams/teams-adapter.js';
import { createScheduler, type Scheduler } from '../jobs/create-scheduler.js';
import type { Platform } from '../src/model/platform.js';
import type { ChatGateway } from '../src/ports/chat-gateway.js';
import type { Readiness } from '../src/ports/readiness.js';
import { Tracker } from '../src/tracker/tracker.js';
import type { HttpRoute } from './http-app.js';
import type { Runtime } from './runtime.js';

export interface Services {
  tracker: Tracker;
  scheduler: Scheduler;
  slack?: SlackAdapter;
  /** The adapters' HTTP routes, for the web role. */
  routes: HttpRoute[];
  /** Each configured chat platform's check that it would accept the bot now, by name. */
  platformChecks: Record<string, () => Promise<Readiness>>;
}

/**
 * Wires the tracker, the scheduler and the chat adapters together. The scheduler posts through the
 * adapters' gateways, and the adapters run commands through the tracker, which tells the scheduler.
 * What answers people works on the runtime's fail-fast connection; the jobs on its patient one.
 */
export function buildServices(
  runtime: Runtime,
  options: { consoleOutput?: NodeJS.WritableStream } = {},
): Services {
  const { config, log, interactive } = runtime;
  const gateways: Partial<Record<Platform, ChatGateway>> = {};
  const scheduler = createScheduler({
    connection: runtime.redis,
    commitments: runtime.commitments,
    agencies: runtime.agencies,
    holidays: runtime.holidays,
    channelSettings: runtime.channelSettings,
    checkins: runtime.checkins,
    interactive,
    gateways,
    clock: runtime.clock,
    settings: {
      reminderOffsets: config.reminderOffsets,
      digestCron: config.digestCron,
      checkinCron: config.checkinCron,
      escalateAfter: config.escalateAfter,
      coordinationChannel: config.coordinationChannel,
      trackerTimeZone: config.trackerTimeZone,
      coordinationCountry: config.coordinationCountry,
    },
    log: log.child({ part: 'jobs' }),
    metrics: runtime.metrics,
    // A command answers once its change is saved; the workers plan its reminders a moment later.
    planCommitmentsInWorkers: true,
  });
  const tracker = new Tracker({
    commitments: interactive.commitments,
    agencies: interactive.agencies,
    holidays: interactive.holidays,
    channelSettings: interactive.channelSettings,
    checkins: interactive.checkins,
    clock: runtime.clock,
    planner: scheduler.planner,
    settings: {
      trackerTimeZone: config.trackerTimeZone,
      trackerAdmins: config.trackerAdmins,
      channelDefaults: {
        digestCron: config.digestCron,
        checkinCron: config.checkinCron,
        reminderOffsets: config.reminderOffsets.map((offset) => offset.text),
      },
    },
  });
  const routes: HttpRoute[] = [];
  const platformChecks: Services['platformChecks'] = {};
  let slack: SlackAdapter | undefined;
  if (config.slack) {
    slack = createSlackAdapter({
      tracker,
      agencies: interactive.agencies,
      announcer: scheduler.announcer,
      metrics: runtime.metrics,
      redis: interactive.connection,
      settings: config.slack,
      clock: runtime.clock,
      log: log.child({ part: 'slack' }),
    });
    gateways.slack = slack.gateway;
    if (slack.route) routes.push(slack.route);
    platformChecks.slack = slack.readiness;
  }
  if (config.teams) {
    const teams = createTeamsAdapter({
      tracker,
      agencies: interactive.agencies,
      settings: config.teams,
      redis: interactive.connection,
      deliveryRedis: runtime.redis,
      metrics: runtime.metrics,
      clock: runtime.clock,
      log: log.child({ part: 'teams' }),
    });
    gateways.teams = teams.gateway;
    if (teams.route) routes.push(teams.route);
    platformChecks.teams = teams.readiness;
  }
  if (options.consoleOutput) gateways.console = new ConsoleGateway(options.consoleOutput);
  return { tracker, scheduler, slack, routes, platformChecks };
}
