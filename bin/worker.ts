import { checkRedisSettings } from '../jobs/redis-settings-check.js';
import { createLog } from '../src/create-log.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { openRuntime } from './runtime.js';
import { buildServices } from './services.js';

// The worker role alone: reminders, roll-ups, digests and deliveries. Run as many as you like.
const config = loadConfigOrExit();
const log = createLog(config.logLevel ?? 'info');
const runtime = await openRuntime(config, log);
await checkRedisSettings(runtime.redis, log);
const services = buildServices(runtime);
await services.scheduler.startWorkers();
gracefulShutdown({ runtime, services }, log);
log.info('worker role running');
