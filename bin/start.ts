import { fstatSync } from 'node:fs';
import { userInfo } from 'node:os';
import { runConsole } from '../adapters/console/console-adapter.js';
import { checkRedisSettings } from '../jobs/redis-settings-check.js';
import { createLog } from '../src/create-log.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { repairAfterOutages } from './repair-after-outages.js';
import { openRuntime } from './runtime.js';
import { serveHttp } from './serve-http.js';
import { buildServices } from './services.js';
import { startSlack } from './start-slack.js';

// Web and workers in one process. With neither Slack nor Teams on, the console instead of the web; with
// anonymous Teams (the Emulator, on a developer's machine), the console beside it when someone can type
// into it or pipes commands in.
const config = loadConfigOrExit();
const webMode = !!config.slack || !!config.teams;
const consoleMode = !webMode || (config.teams?.anonymous === true && stdinIsTerminalOrPipe());
const log = createLog(config.logLevel ?? (consoleMode ? 'warn' : 'info'));
const runtime = await openRuntime(config, log);
await checkRedisSettings(runtime.redis, log);
const services = buildServices(runtime, { consoleOutput: consoleMode ? process.stdout : undefined });
await services.scheduler.startWorkers();
repairAfterOutages(runtime, services);
const server = webMode
  ? await serveHttp(runtime, services, { port: config.port, web: true, workers: true })
  : undefined;
const stop = gracefulShutdown({ runtime, services, server }, log);
await startSlack(services, log, stop);

const adapters = [config.slack && 'Slack', config.teams && 'Teams', consoleMode && 'console'].filter(Boolean);
process.stdout.write(
  [
    'followthrough — commitments, owners, deadlines',
    `  Redis:    ${runtime.redisDescription}`,
    `  Adapters: ${adapters.join(', ')}; reminders and digests on`,
    webMode
      ? `  Listening on http://localhost:${config.port} (${services.routes.map((r) => r.path).join(', ')}, /healthz, /readyz, /metrics)`
      : '',
    consoleMode
      ? `  Type a command below (try "help"; "exit" or Ctrl-D to leave).${process.stdin.isTTY ? '' : ' Reading commands from standard input.'}`
      : '',
    '',
  ]
    .filter((line, i, lines) => line !== '' || i === lines.length - 1)
    .join('\n'),
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

/** A person at a terminal, or commands piped or redirected in; not /dev/null, as under a service manager. */
function stdinIsTerminalOrPipe(): boolean {
  if (process.stdin.isTTY) return true;
  try {
    const input = fstatSync(0);
    // Node's own child processes get a socket for a pipe.
    return input.isFIFO() || input.isFile() || input.isSocket();
  } catch {
    return false;
  }
}
