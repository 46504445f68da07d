import { createHmac } from 'node:crypto';

/** Requests as Slack sends them to `/slack/events`: form-encoded or JSON, signed with the signing secret. */

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = { id: 'T1', domain: 'test' };

export interface SignOptions {
  /** Seconds since the epoch; Slack's requests older than 5 minutes must be refused. */
  timestamp?: number;
  secret?: string;
  /** Send this signature instead of the right one. */
  signature?: string | null;
  retryNum?: number;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postToSlackEndpoint(
  url: string,
  body: string,
  contentType: string,
  options: SignOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Slack-Request-Timestamp': String(timestamp),
  };
  const signed =
    options.signature === undefined
      ? signature(options.secret ?? TEST_SIGNING_SECRET, timestamp, body)
      : options.signature;
  if (signed !== null) headers['X-Slack-Signature'] = signed;
  if (options.retryNum !== undefined) {
    headers['X-Slack-Retry-Num'] = String(options.retryNum);
    headers['X-Slack-Retry-Reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}

export interface SlashCommand {
  text: string;
  userId?: string;
  channelId?: string;
  channelName?: string;
  responseUrl: string;
}

/** A slash command: form fields, as Slack posts them. */
export function slashCommandBody(command: SlashCommand): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: command.channelId ?? 'C1',
    channel_name: command.channelName ?? 'miti-delivery',
    user_id: command.userId ?? 'U1',
    user_name: 'alice',
    command: '/commit',
    text: command.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: command.responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

/** Interactivity (buttons, modals, shortcuts): one form field, `payload=`, holding JSON. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface BlockActionOptions {
  actionId: string;
  value?: string;
  /** For an overflow menu: the chosen option's value. */
  selected?: string;
  userId?: string;
  channelId?: string;
  responseUrl?: string;
  /** A click on the Home tab instead of a message. */
  home?: boolean;
  /** The ts of the message the button is in. */
  messageTs?: string;
}

export function blockActionPayload(options: BlockActionOptions) {
  const action = options.selected
    ? {
        type: 'overflow',
        action_id: options.actionId,
        block_id: 'b1',
        selected_option: { text: { type: 'plain_text', text: 'x' }, value: options.selected },
        action_ts: '1.2',
      }
    : {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        value: options.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1.2',
      };
  const user = { id: options.userId ?? 'U1', username: 'alice', name: 'alice', team_id: TEAM.id };
  const common = {
    type: 'block_actions',
    team: TEAM,
    user,
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    actions: [action],
  };
  if (options.home) {
    return {
      ...common,
      container: { type: 'view', view_id: 'VHOME' },
      view: {
        id: 'VHOME',
        type: 'home',
        callback_id: '',
        private_metadata: '',
        state: { values: {} },
        blocks: [],
      },
    };
  }
  return {
    ...common,
    container: {
      type: 'message',
      message_ts: options.messageTs ?? '1767225600.000001',
      channel_id: options.channelId ?? 'C1',
      is_ephemeral: false,
    },
    channel: { id: options.channelId ?? 'C1', name: 'miti-delivery' },
    message: { type: 'message', ts: options.messageTs ?? '1767225600.000001', text: 'a commitment' },
    response_url: options.responseUrl,
  };
}

export interface ViewSubmissionOptions {
  callbackId: string;
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  userId?: string;
}

export function viewSubmissionPayload(options: ViewSubmissionOptions) {
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: options.userId ?? 'U1', username: 'alice', name: 'alice', team_id: TEAM.id },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: {
      id: 'VMODAL',
      team_id: TEAM.id,
      type: 'modal',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata ?? '',
      state: { values: options.values },
      hash: 'h1',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
      app_id: 'A1',
      bot_id: 'BBOT',
      root_view_id: 'VMODAL',
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
    },
    response_urls: [],
  };
}

export function messageShortcutPayload(options: {
  callbackId: string;
  text: string;
  channelId?: string;
  responseUrl: string;
  userId?: string;
}) {
  return {
    type: 'message_action',
    callback_id: options.callbackId,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    message_ts: '1767225600.000777',
    response_url: options.responseUrl,
    message: { type: 'message', user: 'U9', ts: '1767225600.000777', text: options.text },
    user: { id: options.userId ?? 'U1', name: 'alice', team_id: TEAM.id },
    channel: { id: options.channelId ?? 'C1', name: 'miti-delivery' },
    team: TEAM,
    token: 'legacy-verification-token',
    action_ts: '1767225601.000000',
  };
}

export function globalShortcutPayload(options: { callbackId: string; userId?: string }) {
  return {
    type: 'shortcut',
    callback_id: options.callbackId,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    user: { id: options.userId ?? 'U1', username: 'alice', team_id: TEAM.id },
    team: TEAM,
    token: 'legacy-verification-token',
    action_ts: '1767225601.000000',
  };
}

/** An Events API delivery (JSON), e.g. app_home_opened; Slack's retries of one carry the same event_id. */
export function eventBody(
  event: Record<string, unknown>,
  eventId = `Ev${Math.random().toString(36).slice(2)}`,
): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1767225600,
    authorizations: [{ team_id: TEAM.id, user_id: 'UBOT', is_bot: true }],
  });
}
