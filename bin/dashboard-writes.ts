import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Without ADMIN_QUEUES_WRITE the dashboard only shows: nothing that changes a queue gets through. */
export function readOnly(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    res.status(405).set('Allow', 'GET, HEAD').json({
      error: 'the queue dashboard is read-only; set ADMIN_QUEUES_WRITE=true to change jobs from it',
    });
  };
}

/**
 * A browser replays cached basic-auth credentials on a form another site submits, so a change must come
 * from the dashboard's own pages: a `Sec-Fetch-Site` other than same-origin, or an `Origin` naming
 * another host, is refused. Clients that send neither (curl, scripts) are not browsers and are let through.
 */
export function sameOriginWrites(log: Logger): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if (
      (site === undefined || site === 'same-origin') &&
      (origin === undefined || hostOf(origin) === req.get('host'))
    ) {
      next();
      return;
    }
    log.warn(
      { address: req.socket.remoteAddress, origin, secFetchSite: site, path: req.path },
      'queue dashboard: refused a change requested from another site',
    );
    res.status(403).json({ error: 'changes to the queues are accepted from the dashboard’s own pages only' });
  };
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
