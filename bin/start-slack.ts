import type { Logger } from 'pino';
import type { Services } from './services.js';

/**
 * Connects Slack (Socket Mode) or checks its token. A refusal stops the process with one readable line
 * and everything it started stopped, not a stack trace and an orphaned private Redis.
 */
export async function startSlack(
  services: Services,
  log: Logger,
  stop: (exitCode: number) => Promise<never>,
): Promise<void> {
  try {
    await services.slack?.start();
  } catch (error) {
    log.fatal(error instanceof Error ? error.message : String(error));
    await stop(1);
  }
}
