import {
  type ChatPostMessageArguments,
  type ChatPostMessageResponse,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import type { Logger } from 'pino';
import { slackFailure } from './slack-failure.js';

export interface SlackPosterOptions {
  /** Posts again after this many 429s at most; default 3. */
  rateLimitRetries?: number;
  /** A longer Retry-After is not waited for: the person is told to try again instead; default 30 s. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** What to wait for a 429 that came without a usable Retry-After. */
const DEFAULT_WAIT_MS = 1000;

/**
 * chat.postMessage that never makes a duplicate. Only a 429 is tried again (after its Retry-After):
 * Slack refused that post, so posting again is safe. A 5xx, a dropped connection or a timeout may
 * come after Slack has already posted the message, so those are thrown at once for the caller to
 * report, never retried, and the Web API client is built not to retry anything by itself.
 */
export class SlackPoster {
  private readonly rateLimitRetries: number;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    options: SlackPosterOptions = {},
  ) {
    this.rateLimitRetries = options.rateLimitRetries ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** A poster on its own client: the given options, without the client's retries, 429s thrown to us. */
  static create(
    token: string,
    clientOptions: WebClientOptions,
    log: Logger,
    options?: SlackPosterOptions,
  ): SlackPoster {
    const client = new WebClient(token, {
      ...clientOptions,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    return new SlackPoster(client, log, options);
  }

  async postMessage(args: ChatPostMessageArguments): Promise<ChatPostMessageResponse> {
    for (let retries = 0; ; retries += 1) {
      try {
        return await this.client.chat.postMessage(args);
      } catch (error) {
        const wait = this.rateLimitWait(error);
        if (wait === undefined || retries >= this.rateLimitRetries) throw error;
        this.log.info(
          { channel: args.channel, waitMs: wait },
          'chat.postMessage rate limited; posting again',
        );
        await this.sleep(wait);
      }
    }
  }

  /** How long to wait before posting again, or undefined when posting again is unsafe or not worth it. */
  private rateLimitWait(error: unknown): number | undefined {
    const failure = slackFailure(error);
    if (failure?.code !== 'ratelimited') return undefined;
    const wait = failure.retryAfterMs ?? DEFAULT_WAIT_MS;
    return wait <= this.maxWaitMs ? wait : undefined;
  }
}
