import { type Logger, pino } from 'pino';

/** Logs go to standard error, so that the console adapter's answers on standard output stay clean. */
export function createLog(level: string): Logger {
  return pino({ level, base: { app: 'followthrough' } }, pino.destination(2));
}
