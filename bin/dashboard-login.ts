import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface DashboardLoginOptions {
  credentials: { user: string; password: string };
  redis: Redis | Cluster;
  log: Logger;
  /** Redis key prefix; keep a `{tag}` for Redis Cluster. */
  keyPrefix: string;
  /** Failed logins from one address within `windowMs` that lock it out; default 10 in 15 minutes. */
  maxFailures?: number;
  windowMs?: number;
  /** How long a locked-out address is refused, right password or not; default 15 minutes. */
  lockoutMs?: number;
  /** How long a wrong password waits for its answer; default 1 s. */
  failureDelayMs?: number;
}

const MINUTE = 60_000;

/**
 * HTTP basic auth for the queue dashboard, which a browser caches and replays, so guessing must be slow
 * and visible: a wrong password is answered after a delay and logged (the address, never what was
 * typed), and an address with repeated failures is locked out for a while, counted in Redis so that
 * every web process sees the same count. A request without credentials (a browser's first visit) is
 * only challenged.
 */
export function dashboardLogin(options: DashboardLoginOptions): RequestHandler {
  const { redis, log } = options;
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 15 * MINUTE;
  const lockoutMs = options.lockoutMs ?? 15 * MINUTE;
  const failureDelayMs = options.failureDelayMs ?? 1000;
  const digest = (value: Buffer | string) => createHash('sha256').update(value).digest();
  const expected = digest(`${options.credentials.user}:${options.credentials.password}`);
  const challenge: RequestHandler = (_req, res) => {
    res
      .set('WWW-Authenticate', 'Basic realm="followthrough queues", charset="UTF-8"')
      .status(401)
      .send('Unauthorized');
  };
  return async (req, res, next) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const failuresKey = `${options.keyPrefix}dashboard:failed-logins:${address}`;
    const lockKey = `${options.keyPrefix}dashboard:locked-out:${address}`;
    const locked = await redis.pttl(lockKey);
    if (locked > 0) {
      log.warn({ address }, 'queue dashboard: refused a locked-out address');
      res
        .set('Retry-After', String(Math.ceil(locked / 1000)))
        .status(429)
        .send('Too many failed logins from this address; try again later.');
      return;
    }
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return challenge(req, res, next);
    // Digests of equal length compared in constant time: the timing tells nothing, not even the length.
    if (timingSafeEqual(digest(Buffer.from(header.slice(6), 'base64')), expected)) {
      await redis.del(failuresKey);
      next();
      return;
    }
    const failures = await redis.incr(failuresKey);
    if (failures === 1) await redis.pexpire(failuresKey, windowMs);
    log.warn({ address, failures }, 'queue dashboard: failed login');
    if (failures >= maxFailures) {
      await redis.multi().set(lockKey, '1', 'PX', lockoutMs).del(failuresKey).exec();
      log.warn(
        { address, failures, lockoutMs },
        'queue dashboard: address locked out after repeated failed logins',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, failureDelayMs));
    challenge(req, res, next);
  };
}
