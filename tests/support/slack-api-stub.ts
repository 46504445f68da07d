import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** A recorded request's fields; tests read Slack's nested JSON freely, as Slack documents it. */
// biome-ignore lint/suspicious/noExplicitAny: recorded payloads are navigated freely in assertions
export type Params = Record<string, any>;

/**
 * One request the stub received: a Web API method, a post to a response_url (`method: 'response_url'`),
 * or a file's bytes sent to the URL files.getUploadURLExternal gave (`method: 'file_upload'`).
 */
export interface RecordedCall {
  method: string;
  params: Params;
  /** For file uploads: the bytes of the file, as Slack's upload service would store them. */
  file?: Buffer;
  /** For response_url posts: the id in `/respond/<id>`. */
  responseId?: string;
  token?: string;
  at: number;
  /** When the stub answered it (later than `at` for a delayed call). */
  answeredAt?: number;
}

/** What to answer instead of success, for the next `times` calls of a method. */
export interface ProgrammedFailure {
  /** HTTP status; 429 comes with a Retry-After header. */
  status?: number;
  retryAfter?: number;
  /** Slack's `{ ok: false, error }` with HTTP 200. */
  error?: string;
  times?: number;
  /** A post that Slack took (it is in the channel's history) although the answer is a failure. */
  landed?: boolean;
  /** Answer only after this long; with no status or error, then with success (the post took effect at once). */
  delayMs?: number;
}

/** A message the stub holds in a channel, as conversations.history and conversations.replies return it. */
export interface StubMessage {
  channel: string;
  ts: string;
  text: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface StubUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  tz?: string;
  isBot?: boolean;
}

interface Waiter {
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
}

/** Keys the Web API client sends as JSON inside its form encoding. */
const JSON_PARAMS = ['blocks', 'view', 'attachments', 'metadata', 'files'];

/**
 * A loopback Slack: answers the Web API methods the adapter uses the way Slack does, records every
 * call (Web API and response_url), and fails on demand (429 with Retry-After, `channel_not_found`, …).
 */
export class SlackApiStub {
  readonly calls: RecordedCall[] = [];
  /** Every chat.postMessage that took effect, in order, as the channel holds it. */
  readonly messages: StubMessage[] = [];
  private readonly failures = new Map<string, ProgrammedFailure[]>();
  private readonly users = new Map<string, StubUser>();
  private readonly members = new Map<string, string[]>();
  private readonly waiters = new Set<Waiter>();
  private sequence = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<SlackApiStub> {
    const server = createServer();
    const stub = new SlackApiStub(server);
    server.on('request', (req, res) => void stub.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return stub;
  }

  private get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The Web API base, for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A response_url that records what is posted to it under `id`. */
  responseUrl(id: string): string {
    return `${this.origin}/respond/${id}`;
  }

  addUser(user: StubUser): void {
    this.users.set(user.id, user);
  }

  setMembers(channelId: string, userIds: string[]): void {
    this.members.set(channelId, userIds);
  }

  /** The next `times` calls of the method take effect at once but are answered only after `ms`. */
  slow(method: string, ms: number, times = 1): void {
    this.fail(method, { delayMs: ms, times });
  }

  fail(method: string, failure: ProgrammedFailure): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < (failure.times ?? 1); i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(id: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === 'response_url' && call.responseId === id);
  }

  /** Resolves with the first recorded call (past or future) that matches; rejects after `timeoutMs`. */
  waitFor(
    predicate: (call: RecordedCall) => boolean,
    timeoutMs = 5000,
    what = 'a matching call',
  ): Promise<RecordedCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.calls
          .slice(-8)
          .map((c) => `${c.method}${c.responseId ? `(${c.responseId})` : ''}`);
        reject(new Error(`Slack stub: timed out waiting for ${what}; last calls: ${recent.join(', ')}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  waitForMethod(method: string, match: (params: Params) => boolean = () => true): Promise<RecordedCall> {
    return this.waitFor((call) => call.method === method && match(call.params), 5000, method);
  }

  waitForResponse(id: string, match: (params: Params) => boolean = () => true): Promise<RecordedCall> {
    return this.waitFor(
      (call) => call.method === 'response_url' && call.responseId === id && match(call.params),
      5000,
      `a response to ${id}`,
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const respondMatch = /^\/respond\/(.+)$/.exec(url.pathname);
    const uploadMatch = /^\/upload\/(.+)$/.exec(url.pathname);
    if (uploadMatch) return this.receiveFile(uploadMatch[1]!, bytes, req, res);
    const method = respondMatch ? 'response_url' : url.pathname.replace(/^\/api\//, '');
    const params = parseBody(raw, req.headers['content-type']);
    const token =
      /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (params.token as string | undefined);
    const call: RecordedCall = {
      method,
      params,
      token,
      at: Date.now(),
      ...(respondMatch ? { responseId: respondMatch[1] } : {}),
    };
    this.record(call);
    const programmed = this.failures.get(method)?.shift();
    const fails =
      programmed !== undefined && (programmed.status !== undefined || programmed.error !== undefined);
    const takesEffect = !fails || programmed?.landed === true;
    const answer = respondMatch || !takesEffect ? undefined : this.answer(method, params);
    if (programmed?.delayMs) await new Promise((resolve) => setTimeout(resolve, programmed.delayMs));
    call.answeredAt = Date.now();
    if (fails) answerFailure(res, programmed!);
    else if (respondMatch) send(res, 200, 'ok', 'text/plain');
    else send(res, 200, JSON.stringify(answer));
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(call)) {
        this.waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  /** The upload service: the web client posts the file as the `body` field of a multipart form. */
  private async receiveFile(fileId: string, bytes: Buffer, req: IncomingMessage, res: ServerResponse) {
    const form = await new Response(bytes, {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    const part = form.get('body');
    const file =
      part instanceof Blob ? Buffer.from(await part.arrayBuffer()) : Buffer.from(String(part ?? ''));
    const failure = this.failures.get('file_upload')?.shift();
    this.record({ method: 'file_upload', params: { file_id: fileId }, file, at: Date.now() });
    if (failure) answerFailure(res, failure);
    else send(res, 200, `OK - ${file.length}`, 'text/plain');
  }

  /** The bytes uploaded for a file id, once files.getUploadURLExternal gave it out and the upload came. */
  uploadedFile(fileId: string): Buffer | undefined {
    return this.calls.find((call) => call.method === 'file_upload' && call.params.file_id === fileId)?.file;
  }

  private answer(method: string, params: Params): Record<string, unknown> {
    switch (method) {
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++this.sequence).padStart(6, '0')}`;
        return { ok: true, file_id: fileId, upload_url: `${this.origin}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal':
        return {
          ok: true,
          files: (params.files as { id: string; title?: string }[]).map((file) => ({
            id: file.id,
            title: file.title,
          })),
        };
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'followthrough',
          team_id: 'T1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'chat.postMessage': {
        const message: StubMessage = {
          channel: String(params.channel),
          ts: this.nextTs(),
          text: String(params.text),
        };
        if (params.thread_ts) message.thread_ts = String(params.thread_ts);
        if (params.metadata) message.metadata = params.metadata;
        this.messages.push(message);
        return { ok: true, channel: params.channel, ts: message.ts, message: { text: params.text } };
      }
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts, message: { text: params.text } };
      case 'conversations.history':
        return {
          ok: true,
          messages: this.messages
            .filter((m) => m.channel === params.channel && !m.thread_ts)
            .reverse()
            .map((m) => asHistory(m, params.include_all_metadata)),
          has_more: false,
        };
      case 'conversations.replies':
        return {
          ok: true,
          messages: this.messages
            .filter((m) => m.channel === params.channel && (m.ts === params.ts || m.thread_ts === params.ts))
            .map((m) => asHistory(m, params.include_all_metadata)),
          has_more: false,
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: params.channel,
          permalink: `https://test.slack.com/archives/${params.channel}/p${String(params.message_ts).replace('.', '')}`,
        };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.sequence}`, ...(params.view ?? {}) } };
      case 'users.info': {
        const user = this.users.get(String(params.user));
        return user ? { ok: true, user: rawUser(user) } : { ok: false, error: 'user_not_found' };
      }
      case 'users.list':
        return {
          ok: true,
          members: [...this.users.values()].map(rawUser),
          response_metadata: { next_cursor: '' },
        };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users).replace(/^U/, '')}` } };
      case 'conversations.members':
        return {
          ok: true,
          members: this.members.get(String(params.channel)) ?? [],
          response_metadata: { next_cursor: '' },
        };
      default:
        return { ok: true };
    }
  }

  private nextTs(): string {
    return `1767225600.${String(++this.sequence).padStart(6, '0')}`;
  }
}

/** Slack returns a message's metadata only when asked for it. */
function asHistory(message: StubMessage, includeMetadata: unknown): Record<string, unknown> {
  const { channel: _channel, metadata, ...shown } = message;
  const asked = includeMetadata === true || includeMetadata === 'true';
  return { type: 'message', ...shown, ...(asked && metadata ? { metadata } : {}) };
}

function answerFailure(res: ServerResponse, failure: ProgrammedFailure): void {
  if (failure.status === 429) {
    res.setHeader('Retry-After', String(failure.retryAfter ?? 1));
    send(res, 429, JSON.stringify({ ok: false, error: 'ratelimited' }));
  } else if (failure.status && failure.status !== 200) {
    send(res, failure.status, JSON.stringify({ ok: false }));
  } else {
    send(res, 200, JSON.stringify({ ok: false, error: failure.error ?? 'unknown_error' }));
  }
}

function rawUser(user: StubUser) {
  return {
    id: user.id,
    name: user.name,
    real_name: user.realName ?? user.name,
    tz: user.tz,
    deleted: false,
    is_bot: user.isBot ?? false,
    profile: { display_name: user.displayName ?? '', real_name: user.realName ?? user.name },
  };
}

function parseBody(raw: string, contentType: string | undefined): Params {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Params;
  const form = parseQuery(raw) as Params;
  for (const key of JSON_PARAMS) {
    if (typeof form[key] === 'string') form[key] = JSON.parse(form[key]);
  }
  return form;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}
