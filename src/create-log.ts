import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Fields that hold a secret wherever they appear in a log line, one level down included (`{ settings:
 * { botToken } }`), and the credentials HTTP clients keep on the errors they throw. Code never logs a
 * secret on purpose; this catches the object logged whole by mistake.
 */
const SECRET_FIELDS = [
  'password',
  'appPassword',
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'secret',
  'signingSecret',
  'clientSecret',
  'authorization',
  'Authorization',
  'cookie',
];

export const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
  ...['headers', 'config.headers', 'request.headers', 'original.config.headers'].flatMap((at) =>
    ['authorization', 'Authorization', 'cookie'].flatMap((field) => [`${at}.${field}`, `*.${at}.${field}`]),
  ),
];

/** Logs go to standard error, so that the console adapter's answers on standard output stay clean. */
export function createLog(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    { level, base: { app: 'followthrough' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}
