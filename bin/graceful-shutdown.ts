import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Runtime } from './runtime.js';
import type { Services } from './services.js';

export interface Running {
  runtime: Runtime;
  services: Services;
  server?: Server;
}

/** Past the workers' 25 s of grace: a Redis that is gone must not keep the process from ending. */
const SHUTDOWN_DEADLINE_MS = 30_000;

/**
 * Stops in the order that loses nothing: no new requests, then the workers finish or hand back their
 * jobs, then Redis. Runs once, on SIGTERM, SIGINT, SIGHUP (the terminal closed) or when the caller asks.
 */
export function gracefulShutdown(running: Running, log: Logger): (exitCode?: number) => Promise<never> {
  let stopping: Promise<void> | undefined;
  const stop = async (exitCode = 0): Promise<never> => {
    setTimeout(() => {
      log.error('shutdown is taking too long (is Redis down?); stopping now');
      void running.runtime.abandon().finally(() => process.exit(exitCode || 1));
    }, SHUTDOWN_DEADLINE_MS).unref();
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
  process.once('SIGHUP', () => void stop(0));
  return stop;
}
