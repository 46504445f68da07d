import { createLog } from '../src/create-log.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { openRuntime } from './runtime.js';
import { serveHttp } from './serve-http.js';
import { buildServices } from './services.js';
import { startSlack } from './start-slack.js';

// The web role alone: commands in, jobs planned; worker processes run the jobs.
const config = loadConfigOrExit();
const log = createLog(config.logLevel ?? 'info');
const runtime = await openRuntime(config, log);
const services = buildServices(runtime);
const server = await serveHttp(runtime, services, { port: config.port, web: true, workers: false });
const stop = gracefulShutdown({ runtime, services, server }, log);
await startSlack(services, log, stop);
log.info({ port: config.port, routes: services.routes.map((r) => r.path) }, 'web role listening');
if (services.routes.length === 0) {
  log.warn('neither Slack nor Teams is configured: this web role serves only /healthz, /readyz and /metrics');
}
