// Signed slash commands at a fixed concurrency: each of `concurrency` loops sends one, waits for its
// answer (Slack's acknowledgement, or the post to its response_url) and sends the next.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface LoadResult {
  completed: number;
  failed: number;
  seconds: number;
  /** Milliseconds from sending a command to its answer. */
  latencies: number[];
}

export interface Command {
  body: string;
  /** When the answer comes through a response_url: the instant it was posted there. */
  answered?: Promise<number>;
}

const ANSWER_TIMEOUT_MS = 15_000;

export async function runLoad(options: {
  url: string;
  secret: string;
  concurrency: number;
  durationMs: number;
  command: () => Command;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const { body, answered } = options.command();
      const sent = performance.now();
      try {
        const acked = await post(agent, target, options.secret, body);
        const at = answered ? await within(answered, ANSWER_TIMEOUT_MS) : acked;
        latencies.push(at - sent);
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { completed: latencies.length, failed, seconds, latencies };
}

function post(agent: Agent, target: URL, secret: string, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          'X-Slack-Request-Timestamp': String(timestamp),
          'X-Slack-Signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now()) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function within(answered: Promise<number>, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer')), ms);
  });
  return Promise.race([answered, timeout]).finally(() => clearTimeout(timer));
}

/** A slash command's form body, as Slack posts it. */
export function slashBody(text: string, user: string, channel: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: channel,
    channel_name: channel.toLowerCase(),
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/commit',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: 't',
  }).toString();
}
