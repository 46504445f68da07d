// Signed slash commands at a fixed concurrency: each of `concurrency` loops sends one, waits for its
// answer and sends the next. The answer is the acknowledgement itself for a command that expects none;
// otherwise it is the acknowledgement's body when that holds a message (Slack shows it as the command's
// private answer), or else the bot's later post to the command's response_url.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { PostedAnswer } from './slack-loopback.js';

export interface LoadResult {
  completed: number;
  /** No answer, or not the one expected. */
  failed: number;
  /** Answers that came in the acknowledgement's body, of `completed`. */
  inAck: number;
  seconds: number;
  /** Milliseconds from sending a command to its answer. */
  latencies: number[];
}

export interface Command {
  body: string;
  /** The private answer the command must get; absent, the acknowledgement is all that is waited for. */
  answer?: ExpectedAnswer;
}

export interface ExpectedAnswer {
  /** The bot's post to the command's response_url. */
  posted: Promise<PostedAnswer>;
  /** Stops waiting for that post: the answer came in the acknowledgement. */
  forget(): void;
  /** Whether a message's text is the answer expected, not an error. */
  isRight(text: string): boolean;
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
  let inAck = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const { body, answer } = options.command();
      const sent = performance.now();
      try {
        const ack = await post(agent, target, options.secret, body);
        let at = ack.at;
        if (answer) {
          let text = messageText(ack.body);
          if (text !== undefined) {
            answer.forget();
            inAck += 1;
          } else {
            const posted = await within(answer.posted, ANSWER_TIMEOUT_MS);
            at = posted.at;
            text = messageText(posted.body) ?? '';
          }
          if (!answer.isRight(text)) throw new Error(`not the answer expected: ${text.slice(0, 200)}`);
        }
        latencies.push(at - sent);
      } catch {
        answer?.forget();
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { completed: latencies.length, failed, inAck, seconds, latencies };
}

/** The text of the message a body holds (`{"text": …}`); undefined for an empty acknowledgement. */
function messageText(body: string): string | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const { text } = JSON.parse(body) as { text?: unknown };
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Posts a signed request; resolves with the instant its response ended and the response's body. */
function post(
  agent: Agent,
  target: URL,
  secret: string,
  body: string,
): Promise<{ at: number; body: string }> {
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
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const at = performance.now();
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          else resolve({ at, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function within<T>(answered: Promise<T>, ms: number): Promise<T> {
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
