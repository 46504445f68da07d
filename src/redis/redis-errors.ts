/** Socket failures: Redis is down, restarting, or out of reach. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** What ioredis says when a command could not be sent or was cut off by a lost connection. */
const UNAVAILABLE_MESSAGES = [
  "Stream isn't writeable and enableOfflineQueue options is false",
  "Cluster isn't ready and enableOfflineQueue options is false",
  'Connection is closed.',
  'Command timed out',
  'Failed to refresh slots cache.',
  'None of startup nodes is available',
];

/**
 * True when the error says Redis could not be reached, as opposed to Redis refusing a command (a script
 * error, a wrong type): the first is an outage to wait out, the second a fault to report.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError' || error.name === 'ConnectionClosedError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  return (
    UNAVAILABLE_MESSAGES.some((message) => error.message.startsWith(message)) ||
    [...SOCKET_CODES].some((socketCode) => error.message.includes(socketCode))
  );
}
