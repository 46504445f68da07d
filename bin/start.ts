import { userInfo } from 'node:os';
import { runConsole } from '../adapters/console/console-adapter.js';
import { checkRedisSettings } from '../jobs/redis-settings-check.js';
import { createLog } from '../src/create-log.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { openRuntime } from './runtime.js';
import { serveHttp } from './serve-http.js';
import { buildServices } from './services.js';
import { startSlack } from './start-slack.js';

// Web and workers in one process; with neither Slack nor Teams on, the console instead of the web.
const config = loadConfigOrExit();
const consoleMode = !config.slack && !config.teams;
const log = createLog(config.logLevel ?? (consoleMode ? 'warn' : 'info'));
const runtime = await openRuntime(config, log);
await checkRedisSettings(runtime.redis, log);
const services = buildServices(runtime, { consoleOutput: consoleMode ? process.stdout : undefined });
await services.scheduler.startWorkers();
const server = consoleMode ? undefined : await serveHttp(runtime, services);
const stop = gracefulShutdown({ runtime, services, server }, log);
await startSlack(services, log, stop);

const adapters = [config.slack && 'Slack', config.teams && 'Teams', consoleMode && 'console'].filter(Boolean);
process.stdout.write(
  [
    'followthrough — commitments, owners, deadlines',
    `  Redis:    ${runtime.redisDescription}`,
    `  Adapters: ${adapters.join(', ')}; reminders and digests on`,
    consoleMode
      ? `  Type a command below (try "help"; "exit" or Ctrl-D to leave).${process.stdin.isTTY ? '' : ' Reading commands from standard input.'}`
      : `  Listening on http://localhost:${config.port} (${services.routes.map((r) => r.path).join(', ')}, /healthz, /metrics)`,
    '',
  ].join('\n'),
);

if (consoleMode) {
  await runConsole({
    tracker: services.tracker,
    input: process.stdin,
    output: process.stdout,
    userName: userInfo().username,
    log,
  });
  await stop(0);
}
