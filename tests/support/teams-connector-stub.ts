import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector, as the stub received it. */
export interface ConnectorCall {
  method: string;
  /** The path as sent, still URL-encoded. */
  path: string;
  /** The decoded conversation id of a /v3/conversations/{id}/… call. */
  conversationId?: string;
  /** The decoded activity id of …/activities/{id}, or the member id of …/members/{id}. */
  resourceId?: string;
  kind: 'send' | 'reply' | 'update' | 'member' | 'other';
  /** The HTTP status the stub answered with. */
  status?: number;
  authorization?: string;
  // biome-ignore lint/suspicious/noExplicitAny: a recorded JSON body is whatever the bot sent
  body: any;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId?: string;
}

interface Failure {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  match: (call: ConnectorCall) => boolean;
}

/**
 * A loopback Bot Framework connector: answers /v3/conversations/… the way the real one does (new
 * activity ids for posts and replies, the id back for updates, members from a directory) and records
 * every call. Failures can be queued to test throttling and removal.
 */
export class TeamsConnectorStub {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, Member>();
  private readonly failures: Failure[] = [];
  private sequence = 1000;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<TeamsConnectorStub> {
    let stub: TeamsConnectorStub | undefined;
    const server = createServer((req, res) => void stub!.handle(req, res));
    stub = new TeamsConnectorStub(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return stub;
  }

  /** The serviceUrl to put in activities. */
  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** The next call that matches (any, by default) is answered with this failure instead. */
  failNext(
    status: number,
    options: {
      headers?: Record<string, string>;
      code?: string;
      match?: (call: ConnectorCall) => boolean;
    } = {},
  ): void {
    this.failures.push({
      status,
      headers: options.headers ?? {},
      body: { error: { code: options.code ?? 'Failure', message: `stub failure ${status}` } },
      match: options.match ?? (() => true),
    });
  }

  /** Calls that posted or updated an activity (member lookups left out). */
  activityCalls(): ConnectorCall[] {
    return this.calls.filter((call) => call.kind !== 'member');
  }

  /** Posts and replies Teams accepted, in order. */
  landed(): ConnectorCall[] {
    return this.calls.filter(
      (call) => (call.kind === 'send' || call.kind === 'reply') && (call.status ?? 500) < 300,
    );
  }

  clear(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const call = describe(req.method ?? 'GET', path, raw === '' ? undefined : JSON.parse(raw));
    call.authorization = req.headers.authorization;
    this.calls.push(call);
    const failure = this.failures.findIndex((f) => f.match(call));
    const respond = (status: number, body: unknown, headers?: Record<string, string>): void => {
      call.status = status;
      send(res, status, body, headers);
    };
    if (failure !== -1) {
      const [f] = this.failures.splice(failure, 1);
      return respond(f!.status, f!.body, f!.headers);
    }
    switch (call.kind) {
      case 'send':
      case 'reply':
        return respond(201, { id: String(++this.sequence) });
      case 'update':
        return respond(200, { id: call.resourceId });
      case 'member': {
        const member = this.members.get(call.resourceId ?? '');
        return member
          ? respond(200, { ...member, userPrincipalName: `${member.name.replace(/\s/g, '.')}@example.org` })
          : respond(404, {
              error: { code: 'MemberNotFoundInConversation', message: 'The member was not found.' },
            });
      }
      default:
        return respond(404, {
          error: { code: 'NotFound', message: `no route for ${call.method} ${path}` },
        });
    }
  }
}

const CONVERSATION_PATH = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/;

function describe(method: string, path: string, body: unknown): ConnectorCall {
  const match = CONVERSATION_PATH.exec(path.split('?')[0]!);
  if (!match) return { method, path, kind: 'other', body };
  const conversationId = decodeURIComponent(match[1]!);
  const resourceId = match[3] ? decodeURIComponent(match[3]) : undefined;
  let kind: ConnectorCall['kind'] = 'other';
  if (match[2] === 'activities' && method === 'POST') kind = resourceId ? 'reply' : 'send';
  if (match[2] === 'activities' && method === 'PUT' && resourceId) kind = 'update';
  if (match[2] === 'members' && method === 'GET' && resourceId) kind = 'member';
  return { method, path, conversationId, resourceId, kind, body };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
