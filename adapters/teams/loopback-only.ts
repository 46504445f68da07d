import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`), which is how dual-stack sockets report them. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const unmapped = address.toLowerCase().replace(/^::ffff:/, '');
  if (isIP(unmapped) === 4) return unmapped.startsWith('127.');
  return unmapped === '::1';
}

/**
 * Anonymous Teams (the Emulator, local tests) checks no token, so it answers only requests from this
 * machine. The socket's own peer address decides: `X-Forwarded-For` and Express's `req.ip` can be
 * written by the caller.
 */
export function loopbackOnly(handler: RequestHandler, log: Logger): RequestHandler {
  return (req, res, next) => {
    const peer = req.socket.remoteAddress;
    if (isLoopbackAddress(peer)) {
      handler(req, res, next);
      return;
    }
    log.warn({ peer }, 'Teams activity refused: anonymous mode answers only this machine');
    res.status(403).json({ error: 'anonymous Teams mode accepts requests from this machine only' });
  };
}
