import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Cluster, Redis } from 'ioredis';
import type { ResultFile } from '../../src/tracker/command-context.js';
import type { AdaptiveCard, CardElement } from './adaptive-card.js';

/** How long a report link works: long enough to read and forward, short enough not to linger. */
export const REPORT_LINK_TTL_SECONDS = 7 * 86_400;

/** Where the messages route puts the public address the turn came in on, for links back to the bot. */
export const PUBLIC_BASE_KEY = 'followthrough.publicBase';

/**
 * Teams cannot take a file from a bot in a channel, so a report is kept in Redis under an unguessable
 * token (192 random bits) and served by the web process at `/api/messages/reports/<token>` for 7 days.
 */
export class ReportLinks {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
  ) {}

  async publish(file: ResultFile): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.redis.set(this.key(token), file.content, 'EX', REPORT_LINK_TTL_SECONDS);
    return token;
  }

  /** The page, or undefined for a token never given out or expired. */
  async read(token: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return undefined;
    return (await this.redis.get(this.key(token))) ?? undefined;
  }

  private key(token: string): string {
    return `${this.prefix}teams:report:${token}`;
  }
}

/** The link to a published report, from the address the turn's activity was sent to. */
export function reportUrl(context: TurnContext, token: string): string | undefined {
  const base = context.turnState.get(PUBLIC_BASE_KEY) as string | undefined;
  return base ? `${base}/reports/${token}` : undefined;
}

/** The answer's card with a button that opens the report. */
export function withOpenButton(card: AdaptiveCard, url: string): AdaptiveCard {
  const open: CardElement = { type: 'Action.OpenUrl', title: 'Open the report', url };
  return { ...card, actions: [...(card.actions ?? []), open] };
}
