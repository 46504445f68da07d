import { userInfo } from 'node:os';
import { runConsole } from '../adapters/console/console-adapter.js';
import { createLog } from '../src/create-log.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { openRuntime } from './runtime.js';

const config = loadConfigOrExit();
const consoleMode = !config.slack && !config.teams;
const log = createLog(config.logLevel ?? (consoleMode ? 'warn' : 'info'));
const runtime = await openRuntime(config, log);

const adapters = [config.slack && 'Slack', config.teams && 'Teams', consoleMode && 'console'].filter(Boolean);
process.stdout.write(
  [
    'followthrough — commitments, owners, deadlines',
    `  Redis:    ${runtime.redisDescription}`,
    `  Adapters: ${adapters.join(', ')}`,
    consoleMode
      ? `  Type a command below (try "help"; "exit" or Ctrl-D to leave).${process.stdin.isTTY ? '' : ' Reading commands from standard input.'}`
      : `  Listening on port ${config.port}.`,
    '',
  ].join('\n'),
);

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await runtime.close();
  }
  process.exit(code);
}
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));

if (consoleMode) {
  await runConsole({
    tracker: runtime.tracker,
    input: process.stdin,
    output: process.stdout,
    userName: userInfo().username,
    log,
  });
  await stop(0);
}
