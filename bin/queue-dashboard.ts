import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import type { HttpRoute } from './http-app.js';
import { withoutOutsideRequests } from './offline-dashboard.js';

export const DASHBOARD_PATH = '/admin/queues';

/** Bull Board over the scheduler's queues, behind HTTP basic auth: jobs, failures and their reasons. */
export function queueDashboardRoute(
  queues: Queue[],
  credentials: { user: string; password: string },
): HttpRoute {
  const board = new ExpressAdapter();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
  withoutOutsideRequests(board.getRouter());
  const router = board.getRouter() as RequestHandler;
  const guard = basicAuth(credentials);
  return { path: DASHBOARD_PATH, handler: (req, res, next) => guard(req, res, () => router(req, res, next)) };
}

function basicAuth(credentials: { user: string; password: string }): RequestHandler {
  const digest = (value: Buffer | string) => createHash('sha256').update(value).digest();
  const expected = digest(`${credentials.user}:${credentials.password}`);
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64') : Buffer.alloc(0);
    // Digests of equal length compared in constant time: the timing tells nothing, not even the length.
    if (timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    res
      .set('WWW-Authenticate', 'Basic realm="followthrough queues", charset="UTF-8"')
      .status(401)
      .send('Unauthorized');
  };
}
