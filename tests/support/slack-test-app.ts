import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import { buildHttpApp } from '../../bin/http-app.js';
import { createScheduler, type Scheduler } from '../../jobs/create-scheduler.js';
import { parseDuration } from '../../src/dates/duration.js';
import { Metrics } from '../../src/metrics/metrics.js';
import type { Announcer } from '../../src/ports/announcer.js';
import { TEST_TUNING } from './scheduler-harness.js';
import { type Params, SlackApiStub } from './slack-api-stub.js';
import {
  eventBody,
  interactionBody,
  postToSlackEndpoint,
  type SignOptions,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from './slack-requests.js';
import { buildTestTracker, type TestTracker } from './test-tracker.js';

export interface SlackTestApp extends TestTracker {
  stub: SlackApiStub;
  adapter: SlackAdapter;
  /** Every line the adapter logged (info and above), parsed. */
  logs: { level: number; msg: string; [field: string]: unknown }[];
  /** The jobs floor whose delivery worker posts the adapter's announcements. */
  scheduler: Scheduler;
  /** What the adapter and the delivery worker counted. */
  metrics: Metrics;
  /** `http://127.0.0.1:<port>/slack/events` on the project's HTTP app. */
  eventsUrl: string;
  /**
   * Runs `/commit <text>`; resolves once Slack's request is answered (the acknowledgement), with the
   * message the acknowledgement holds when the answer came in it.
   */
  command(
    text: string,
    options?: { userId?: string; channelId?: string; channelName?: string },
  ): Promise<SentCommand>;
  /**
   * The command's private answer: the one in its acknowledgement, or else the first post to its
   * response_url (waited for).
   */
  answerOf(sent: SentCommand): Promise<Params>;
  /** Posts an interactivity payload (`payload=` form field), signed. */
  interact(payload: unknown, sign?: SignOptions): Promise<Response>;
  event(event: Record<string, unknown>, sign?: SignOptions, eventId?: string): Promise<Response>;
  /** A fresh response_url on the stub, and the id its posts are recorded under. */
  newResponseUrl(): { id: string; url: string };
  close(): Promise<void>;
}

export interface SentCommand {
  status: number;
  responseId: string;
  /** The answer, when the acknowledgement's body held it. */
  inAck?: Params;
}

/** For adapters in tests that never announce: a call would be a mistake of the test. */
export const NO_ANNOUNCEMENTS: Announcer = {
  announce: () => Promise.reject(new Error('this test expects no announcement')),
};

/**
 * The Slack adapter as bin/ wires it: the real Bolt receiver mounted at /slack/events on the
 * project's HTTP app, a tracker on the test Redis, a loopback Slack Web API, and the delivery queue
 * with its worker posting announcements through the adapter's gateway.
 */
export async function startSlackTestApp(
  redis: Redis,
  prefix: string,
  options: {
    now?: string;
    admins?: string[];
    pageSize?: number;
    trackerTimeZone?: string;
    /** The jobs floor's connection, when the tracker's `redis` is meant to fail; default `redis`. */
    jobsRedis?: Redis;
    /** SLACK_HISTORY_LOOKUP for the gateway the delivery worker posts announcements through. */
    historyLookup?: boolean;
    /** How long a slash command's answer may take and still go in the acknowledgement. */
    answerInAckMs?: number;
  } = {},
): Promise<SlackTestApp> {
  const stub = await SlackApiStub.start();
  const built = buildTestTracker(redis, prefix, options);
  const logs: SlackTestApp['logs'] = [];
  const gateways: Parameters<typeof createScheduler>[0]['gateways'] = {};
  const metrics = new Metrics();
  const jobs = options.jobsRedis ? buildTestTracker(options.jobsRedis, prefix, options) : built;
  const scheduler = createScheduler({
    connection: options.jobsRedis ?? redis,
    prefix,
    commitments: jobs.commitments,
    agencies: jobs.agencies,
    holidays: jobs.holidays,
    channelSettings: jobs.channelSettings,
    checkins: jobs.checkins,
    gateways,
    clock: built.clock,
    settings: {
      reminderOffsets: [parseDuration('1d')!],
      digestCron: '0 9 * * 1',
      checkinCron: '0 9 * * 3',
      escalateAfter: parseDuration('7d')!,
      trackerTimeZone: options.trackerTimeZone ?? 'UTC',
    },
    tuning: TEST_TUNING,
    log: pino({ level: 'silent' }),
    metrics,
  });
  const adapter = createSlackAdapter({
    tracker: built.tracker,
    agencies: built.agencies,
    redis,
    keyPrefix: prefix,
    announcer: scheduler.announcer,
    metrics,
    settings: {
      botToken: 'xoxb-test-token',
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: stub.apiUrl,
      historyLookup: options.historyLookup,
    },
    log: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) }),
    pageSize: options.pageSize,
    answerInAckMs: options.answerInAckMs,
    clock: built.clock,
  });
  gateways.slack = adapter.gateway;
  await scheduler.startWorkers();
  const app = buildHttpApp({ routes: [adapter.route!], isHealthy: async () => true });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  let responses = 0;
  const newResponseUrl = () => {
    const id = `r${++responses}`;
    return { id, url: stub.responseUrl(id) };
  };
  return {
    ...built,
    logs,
    stub,
    adapter,
    scheduler,
    metrics,
    eventsUrl,
    newResponseUrl,
    async command(text, commandOptions = {}) {
      const { id, url } = newResponseUrl();
      const body = slashCommandBody({ text, responseUrl: url, ...commandOptions });
      const response = await postToSlackEndpoint(eventsUrl, body, 'application/x-www-form-urlencoded');
      const inAck = acknowledgedAnswer(await response.text());
      return { status: response.status, responseId: id, ...(inAck ? { inAck } : {}) };
    },
    answerOf: async (sent) => sent.inAck ?? (await stub.waitForResponse(sent.responseId)).params,
    interact: (payload, sign) =>
      postToSlackEndpoint(eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded', sign),
    event: (event, sign, eventId) =>
      postToSlackEndpoint(eventsUrl, eventBody(event, eventId), 'application/json', sign),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await adapter.stop();
      await scheduler.close({ force: true });
      await stub.close();
    },
  };
}

/** The message an acknowledgement's body holds (`{"text": …}`), if it holds one. */
export function acknowledgedAnswer(body: string): Params | undefined {
  if (!body.startsWith('{')) return undefined;
  const parsed = JSON.parse(body) as Params;
  return typeof parsed.text === 'string' ? parsed : undefined;
}

/** All the text a Slack message shows: its blocks' text objects and its notification text. */
export function slackTextOf(params: Params): string {
  const texts: string[] = [typeof params.text === 'string' ? params.text : ''];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') {
      texts.push(record.text);
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(params.blocks ?? params.view?.blocks);
  return texts.join('\n');
}

let slashResponses = 0;

/**
 * `/commit <text>` typed in `channelId`, signed, posted to a running server's `/slack/events`. Resolves
 * with the text of its private answer, or of the channel post when the answer is an announcement
 * (`channel link`).
 */
export async function answerOfSlashCommand(options: {
  stub: SlackApiStub;
  eventsUrl: string;
  channelId: string;
  text: string;
  answer?: 'private' | 'channel';
}): Promise<string> {
  const { stub, text } = options;
  const before = stub.calls.length;
  const id = `slash-${++slashResponses}`;
  const body = slashCommandBody({ text, channelId: options.channelId, responseUrl: stub.responseUrl(id) });
  const response = await postToSlackEndpoint(options.eventsUrl, body, 'application/x-www-form-urlencoded');
  if (response.status !== 200) throw new Error(`/commit ${text} was answered ${response.status}`);
  const inAck = acknowledgedAnswer(await response.text());
  if ((options.answer ?? 'private') === 'private') {
    return slackTextOf(inAck ?? (await stub.waitForResponse(id)).params);
  }
  const post = await stub.waitFor(
    (c) => stub.calls.indexOf(c) >= before && c.method === 'chat.postMessage',
    5_000,
    `the channel post answering "${text}"`,
  );
  return slackTextOf(post.params);
}
