import type { AckFn, RespondArguments } from '@slack/bolt';
import type { Respond } from './replies.js';

/**
 * Slack shows an error when a slash command is not acknowledged within 3 s of sending it, and some of
 * that goes on the way here and back: an answer ready within this long goes in the acknowledgement.
 */
export const ANSWER_IN_ACK_MS = 2_000;

/**
 * A slash command's private answer, given in Slack's acknowledgement when it is ready in time (Slack
 * shows the acknowledgement's body as the answer, so nothing more is sent), else through the command's
 * response_url. Once `withinMs` have passed without an answer the command is acknowledged empty, and
 * whatever it says afterwards goes to the response_url, as does anything said after the first answer.
 */
export class AnswerInAck {
  private acknowledged = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ack: AckFn<string | RespondArguments>,
    private readonly later: Respond | undefined,
    withinMs: number = ANSWER_IN_ACK_MS,
  ) {
    this.timer = setTimeout(() => void this.acknowledge(), withinMs);
  }

  /** For the command's audience: the first answer goes in the acknowledgement while there is time. */
  readonly respond: Respond = async (payload) => {
    if (!this.acknowledged) {
      const { replace_original: _, ...message } = payload;
      return this.acknowledge(message);
    }
    if (!this.later) throw new Error('Slack gave this command no response_url for a later answer');
    return this.later(payload);
  };

  /** Acknowledges now, empty unless `message` is given; later calls do nothing. */
  async acknowledge(message?: RespondArguments): Promise<void> {
    if (this.acknowledged) return;
    this.acknowledged = true;
    clearTimeout(this.timer);
    await this.ack(message);
  }
}
