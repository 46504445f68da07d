import { format } from 'node:util';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt and the Web API client log through this, into the project's pino log. Their level follows
 * pino's; Bolt's attempts to change it are ignored so `LOG_LEVEL` stays the one setting.
 */
export function boltLogger(log: Logger): BoltLogger {
  const text = (parts: unknown[]) => format(...parts);
  return {
    // Bolt says several things at debug level on every request: not worth formatting unless shown.
    debug: (...parts: unknown[]) => {
      if (log.isLevelEnabled('debug')) log.debug(text(parts));
    },
    info: (...parts: unknown[]) => log.info(text(parts)),
    warn: (...parts: unknown[]) => log.warn(text(parts)),
    error: (...parts: unknown[]) => log.error(text(parts)),
    setLevel: () => {},
    getLevel: () => {
      if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (log.isLevelEnabled('info')) return LogLevel.INFO;
      if (log.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}
