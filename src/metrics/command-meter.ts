import { StoreUnavailableError } from '../errors/store-unavailable-error.js';
import { TrackerError } from '../errors/tracker-error.js';
import type { Platform } from '../model/platform.js';
import type { Metrics } from './metrics.js';

export type CommandOutcome = 'ok' | 'user_error' | 'store_unavailable' | 'failed';

/** How a command ended, from what it threw (nothing: it worked). */
export function outcomeOf(error?: unknown): CommandOutcome {
  if (error === undefined) return 'ok';
  if (error instanceof StoreUnavailableError) return 'store_unavailable';
  if (error instanceof TrackerError) return 'user_error';
  return 'failed';
}

/**
 * One command on its way from a person to its answer. The adapter that received it starts the meter and
 * ends it once it knows whether the answer (or the explanation of what went wrong) reached the person:
 * a command is counted as done only when its answer arrived.
 */
export class CommandMeter {
  private command = 'unknown';
  private ended = false;
  private readonly started: number;

  constructor(
    private readonly metrics: Metrics | undefined,
    private readonly platform: Platform,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** The subcommand, once the tracker has read it (`add`, `list`, …); the first one names the command. */
  named(command: string): void {
    if (this.command === 'unknown') this.command = command;
  }

  answered(outcome: CommandOutcome): void {
    if (this.end()) return;
    this.metrics?.commands.inc({ platform: this.platform, command: this.command, outcome });
    this.metrics?.commandSeconds.observe({ platform: this.platform }, (this.now() - this.started) / 1000);
  }

  /** The answer did not reach the person. */
  lost(): void {
    if (this.end()) return;
    this.metrics?.answersLost.inc({ platform: this.platform, command: this.command });
  }

  /** True when the meter had already ended: each command is counted once. */
  private end(): boolean {
    const already = this.ended;
    this.ended = true;
    return already;
  }
}
