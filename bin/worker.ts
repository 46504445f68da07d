import { checkRedisSettings } from '../jobs/redis-settings-check.js';
import { createLog } from '../src/create-log.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { repairAfterOutages } from './repair-after-outages.js';
import { openRuntime } from './runtime.js';
import { serveHttp } from './serve-http.js';
import { buildServices } from './services.js';

// The worker role alone: reminders, roll-ups, digests and deliveries. Run as many as you like.
const config = loadConfigOrExit();
const log = createLog(config.logLevel ?? 'info');
const runtime = await openRuntime(config, log);
await checkRedisSettings(runtime.redis, log);
const services = buildServices(runtime);
await services.scheduler.startWorkers();
repairAfterOutages(runtime, services);
const server =
  config.workerPort === undefined
    ? undefined
    : await serveHttp(runtime, services, { port: config.workerPort, web: false, workers: true });
gracefulShutdown({ runtime, services, server }, log);
log.info(config.workerPort === undefined ? {} : { port: config.workerPort }, 'worker role running');
