import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createTeamsAdapter, type TeamsAdapter } from '../../adapters/teams/teams-adapter.js';
import { buildHttpApp } from '../../bin/http-app.js';
import type { Config } from '../../src/config/config.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { FixedClock } from '../../src/ports/clock.js';
import { noopPlanner } from '../../src/ports/planner.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { TeamsConnectorStub } from './teams-connector-stub.js';
import { CHANNEL_DEFAULTS } from './test-tracker.js';

export const TENANT_ID = 'tenant-1';
export const BOT = { id: '28:followthrough-bot', name: 'followthrough' };
export const TEAM_ID = '19:team-general@thread.tacv2';
export const CHANNEL_ID = '19:trade-channel@thread.tacv2';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const ALICE: TeamsUser = { id: '29:alice-teams-id', name: 'Alice Tan', aadObjectId: 'aad-alice' };
export const RAVI: TeamsUser = { id: '29:ravi-teams-id', name: 'Ravi Kumar', aadObjectId: 'aad-ravi' };

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface TeamsHarness {
  url: string;
  /** The HTTP server, for tests that look at its connections. */
  server: Server;
  connector: TeamsConnectorStub;
  clock: FixedClock;
  adapter: TeamsAdapter;
  tracker: Tracker;
  agencies: RedisAgencyStore;
  commitments: RedisCommitmentStore;
  /** Every log line the adapter wrote, parsed. */
  logs: LogLine[];
  /** What the adapter counted. */
  metrics: Metrics;
  /** POSTs an activity to /api/messages, as the Bot Framework service would. */
  send(activity: object, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The HTTP server as bin/ builds it, with the Teams route only, on real Redis stores, answering through
 * a loopback connector. `settings` defaults to anonymous mode, which is how tests reach the connector.
 */
export async function startTeamsHarness(options: {
  redis: Redis;
  prefix: string;
  now: string;
  /** `config.teams`; leave out for anonymous mode, pass undefined for Teams off. */
  settings?: Config['teams'];
  admins?: string[];
  /** Where Bot Framework token keys are published; the public cloud's when not given. */
  openIdMetadataUrl?: string;
}): Promise<TeamsHarness> {
  const connector = await TeamsConnectorStub.start();
  const clock = new FixedClock(options.now);
  const agencies = new RedisAgencyStore({
    redis: options.redis,
    prefix: options.prefix,
    defaultTimeZone: 'UTC',
  });
  const commitments = new RedisCommitmentStore({
    redis: options.redis,
    prefix: options.prefix,
    timeZoneOf: agencies.timeZoneOf,
  });
  const tracker = new Tracker({
    commitments,
    agencies,
    holidays: new RedisHolidayStore(options.redis, options.prefix),
    channelSettings: new RedisChannelSettingsStore(options.redis, options.prefix),
    checkins: new RedisCheckinStore(options.redis, options.prefix),
    clock,
    planner: noopPlanner,
    settings: {
      trackerTimeZone: 'UTC',
      trackerAdmins: options.admins ?? [],
      channelDefaults: CHANNEL_DEFAULTS,
    },
  });
  const logs: LogLine[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  );
  const metrics = new Metrics();
  const adapter = createTeamsAdapter({
    tracker,
    metrics,
    settings: 'settings' in options ? options.settings : { anonymous: true },
    log,
    redis: options.redis,
    agencies,
    keyPrefix: options.prefix,
    clock,
    // Pacing waits on the test's clock, so it is instant and its waits can be measured.
    sleep: async (ms) => clock.advance(ms),
    ...(options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {}),
  });
  const app = buildHttpApp({ routes: adapter.route ? [adapter.route] : [], isHealthy: async () => true });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    connector,
    clock,
    adapter,
    tracker,
    agencies,
    commitments,
    logs,
    metrics,
    send: (activity, headers = {}) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}

let sequence = 0;
function nextId(): string {
  sequence += 1;
  return `17000000000${String(sequence).padStart(2, '0')}`;
}

export interface Mention {
  user: TeamsUser;
  /** How Teams wrote the mention in the text; defaults to `<at>Name</at>`. */
  text?: string;
}

/** A new post in a channel that @mentions the bot, as Teams delivers it. */
export function channelMessage(
  serviceUrl: string,
  text: string,
  options: { from?: TeamsUser; mentions?: Mention[]; channelId?: string; id?: string } = {},
): Record<string, unknown> {
  const id = options.id ?? nextId();
  const channelId = options.channelId ?? CHANNEL_ID;
  const mentions = options.mentions ?? [];
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: '2026-06-01T12:00:00.000Z',
    localTimezone: 'Asia/Kuala_Lumpur',
    from: options.from ?? ALICE,
    recipient: BOT,
    ...inChannelThread(id, channelId),
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    entities: [
      { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT },
      ...mentions.map((m) => ({
        type: 'mention',
        text: m.text ?? `<at>${m.user.name}</at>`,
        mentioned: { id: m.user.id, name: m.user.name },
      })),
    ],
  };
}

export const PERSONAL_CHAT_ID = 'a:personal-chat-alice';

/** A message in the personal chat with the bot: no mention needed. */
export function personalMessage(
  serviceUrl: string,
  text: string,
  from: TeamsUser = ALICE,
): Record<string, unknown> {
  return {
    type: 'message',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: PERSONAL_CHAT_ID, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    text,
    textFormat: 'plain',
  };
}

/** Teams' conversation and channel data of an activity in a channel thread whose root is `rootId`. */
export function inChannelThread(rootId: string, channelId = CHANNEL_ID) {
  return {
    conversation: {
      id: `${channelId};messageid=${rootId}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT_ID,
    },
    channelData: { team: { id: TEAM_ID }, channel: { id: channelId }, tenant: { id: TENANT_ID } },
  };
}

/** A Universal Action click on a card the bot posted in a channel thread. */
export function executeInvoke(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  options: { from?: TeamsUser; cardId?: string; channelId?: string } = {},
): Record<string, unknown> {
  const root = nextId();
  const channelId = options.channelId ?? CHANNEL_ID;
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from: options.from ?? ALICE,
    recipient: BOT,
    replyToId: options.cardId ?? root,
    ...inChannelThread(root, channelId),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: cards are walked as plain JSON
type Json = any;

/** Every piece of text a card shows (text blocks, runs, facts, action titles), in order. */
export function cardText(card: Json): string {
  const out: string[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    if (typeof node.text === 'string' && (node.type === 'TextBlock' || node.type === 'TextRun'))
      out.push(node.text);
    if (node.type === 'FactSet') for (const fact of node.facts) out.push(`${fact.title}: ${fact.value}`);
    if (typeof node.title === 'string' && String(node.type).startsWith('Action.'))
      out.push(`[${node.title}]`);
    for (const key of ['body', 'items', 'inlines', 'actions', 'columns', 'card'])
      if (key in node) walk(node[key]);
  };
  walk(card);
  return out.join(' ');
}

/** The Adaptive Cards of an activity the bot sent. */
export function cardsOf(activity: Json): Json[] {
  return (activity?.attachments ?? [])
    .filter((a: Json) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a: Json) => a.content);
}
