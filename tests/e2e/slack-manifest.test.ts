import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-adapter.js';
import { globalShortcutPayload, messageShortcutPayload } from '../support/slack-requests.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies } from '../support/test-tracker.js';

/** What manifest.yml promises Slack is what the server answers. */

interface Manifest {
  features: {
    shortcuts: { type: 'message' | 'global'; callback_id: string }[];
    slash_commands: { command: string; url?: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

const read = (name: string) =>
  parse(readFileSync(new URL(`../../adapters/slack/${name}`, import.meta.url), 'utf8')) as Manifest;
const http = read('manifest.yml');
const socket = read('manifest-socket-mode.yml');

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix);
  await addAgencies(slack.tracker);
});
afterAll(() => slack?.close());

describe('the Slack app manifests', () => {
  it('send commands, interactivity and events to the one endpoint the server mounts', () => {
    const urls = [
      http.features.slash_commands[0]!.url,
      http.settings.interactivity.request_url,
      http.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) expect(new URL(url!).pathname).toBe(SLACK_EVENTS_PATH);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('may upload files: the digest charts and the stocktake report go up with files.uploadV2', () => {
    expect(http.oauth_config.scopes.bot).toContain('files:write');
    expect(socket.oauth_config.scopes.bot).toContain('files:write');
  });

  it('the Socket Mode variant has the same features and scopes, and no URLs', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.oauth_config.scopes.bot).toEqual(http.oauth_config.scopes.bot);
    expect(socket.features.shortcuts).toEqual(http.features.shortcuts);
    expect(socket.settings.event_subscriptions.bot_events).toEqual(
      http.settings.event_subscriptions.bot_events,
    );
    expect(JSON.stringify(socket)).not.toContain('request_url');
    expect(socket.features.slash_commands[0]!.url).toBeUndefined();
  });

  it('declares /commit with escaped mentions, which the server answers', async () => {
    const [command] = http.features.slash_commands;
    expect(command).toMatchObject({ command: '/commit', should_escape: true });
    expect(slackTextOf(await slack.answerOf(await slack.command('help')))).toContain('/commit add');
  });

  it('declares shortcuts whose callback ids the server answers with the add modal', async () => {
    for (const shortcut of http.features.shortcuts) {
      const before = slack.stub.callsTo('views.open').length;
      const payload =
        shortcut.type === 'message'
          ? messageShortcutPayload({
              callbackId: shortcut.callback_id,
              text: 'x',
              responseUrl: slack.newResponseUrl().url,
            })
          : globalShortcutPayload({ callbackId: shortcut.callback_id });
      expect((await slack.interact(payload)).status).toBe(200);
      const opened = await slack.stub.waitFor(
        (c) => c.method === 'views.open' && slack.stub.callsTo('views.open').length > before,
      );
      expect(opened.params.view.callback_id).toBe('commitment.add');
    }
  });

  it('asks for no history scope, and both say which two SLACK_HISTORY_LOOKUP needs', () => {
    for (const name of ['manifest.yml', 'manifest-socket-mode.yml']) {
      const manifest = read(name);
      expect(manifest.oauth_config.scopes.bot.filter((scope) => scope.endsWith(':history'))).toEqual([]);
      const text = readFileSync(new URL(`../../adapters/slack/${name}`, import.meta.url), 'utf8');
      expect(text).toMatch(/SLACK_HISTORY_LOOKUP=true[\s\S]*# - channels:history\n\s*# - groups:history/);
    }
  });

  it('subscribes to the Home tab event the server publishes on', () => {
    expect(http.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(http.settings.interactivity.is_enabled).toBe(true);
  });
});
