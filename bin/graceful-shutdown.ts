import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Runtime } from './runtime.js';
import type { Services } from './services.js';

export interface Running {
  runtime: Runtime;
  services: Services;
  server?: Server;
}

/**
 * Stops in the order that loses nothing: no new requests, then the workers finish or hand back their
 * jobs, then Redis. Runs once, on SIGTERM, SIGINT or when the caller asks.
 */
export function gracefulShutdown(running: Running, log: Logger): (exitCode?: number) => Promise<never> {
  let stopping: Promise<void> | undefined;
  const stop = async (exitCode = 0): Promise<never> => {
    stopping ??= (async () => {
      log.info('shutting down');
      await new Promise<void>((resolve) =>
        running.server ? running.server.close(() => resolve()) : resolve(),
      );
      await running.services.slack
        ?.stop()
        .catch((error) => log.warn({ err: error }, 'Slack did not stop cleanly'));
      await running.services.scheduler
        .close()
        .catch((error) => log.warn({ err: error }, 'workers did not stop cleanly'));
      await running.runtime.close();
    })();
    await stopping;
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
  return stop;
}
