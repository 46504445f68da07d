// A lean loopback Slack for the benchmark: the Web API methods the bot calls, and response_urls whose
// posts are awaited by id (or forgotten, when the answer came in the command's acknowledgement). It keeps counts and post times, never every request, so it can take millions.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostedAnswer {
  /** performance.now() when it arrived. */
  at: number;
  body: string;
}

export class SlackLoopback {
  readonly calls = new Map<string, number>();
  /** chat.postMessage times by channel, when `recordPosts` is on. */
  readonly posts = new Map<string, number[]>();
  recordPosts = false;
  private readonly waiting = new Map<string, (post: PostedAnswer) => void>();
  private sequence = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<SlackLoopback> {
    const server = createServer();
    const loopback = new SlackLoopback(server);
    server.keepAliveTimeout = 60_000;
    server.on('request', (req, res) => {
      void readBody(req).then((body) => {
        const answer = loopback.answer(req.url ?? '', body);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return loopback;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /**
   * A response_url; `posted` resolves with the instant and body of the bot's post to it. `forget` stops
   * waiting for one, when the answer came another way.
   */
  responseUrl(): { url: string; posted: Promise<PostedAnswer>; forget(): void } {
    const id = String(++this.sequence);
    const posted = new Promise<PostedAnswer>((resolve) => this.waiting.set(id, resolve));
    return { url: `${this.origin}/respond/${id}`, posted, forget: () => this.waiting.delete(id) };
  }

  private answer(url: string, body: string): unknown {
    const at = performance.now();
    if (url.startsWith('/respond/')) {
      const id = url.slice('/respond/'.length);
      this.count('response_url');
      this.waiting.get(id)?.({ at, body });
      this.waiting.delete(id);
      return { ok: true };
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    this.count(method);
    const params = new URLSearchParams(body);
    switch (method) {
      case 'users.info': {
        const id = params.get('user') ?? 'U0';
        return {
          ok: true,
          user: { id, name: id.toLowerCase(), tz: 'Asia/Kuala_Lumpur', profile: { display_name: id } },
        };
      }
      case 'chat.postMessage': {
        const channel = params.get('channel') ?? '';
        if (this.recordPosts) {
          const times = this.posts.get(channel) ?? [];
          times.push(Date.now());
          this.posts.set(channel, times);
        }
        return { ok: true, channel, ts: `${Date.now() / 1000}`, message: {} };
      }
      case 'conversations.members':
        return { ok: true, members: [], response_metadata: { next_cursor: '' } };
      default:
        return { ok: true, user_id: 'UBOT', team: 'bench' };
    }
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
