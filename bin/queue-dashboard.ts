import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type RequestHandler } from 'express';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DEFAULT_KEY_PREFIX } from '../src/store/redis-keys.js';
import { type DashboardLoginOptions, dashboardLogin } from './dashboard-login.js';
import { readOnly, sameOriginWrites } from './dashboard-writes.js';
import type { HttpRoute } from './http-app.js';
import { withoutOutsideRequests } from './offline-dashboard.js';

export const DASHBOARD_PATH = '/admin/queues';

export interface DashboardSettings {
  user: string;
  password: string;
  /** ADMIN_QUEUES_WRITE: jobs may be retried, removed or added from the dashboard. */
  write?: boolean;
}

export interface DashboardDeps {
  redis: Redis | Cluster;
  log: Logger;
  keyPrefix?: string;
  /** Tests shorten the login guard's waits and limits. */
  login?: Pick<DashboardLoginOptions, 'maxFailures' | 'windowMs' | 'lockoutMs' | 'failureDelayMs'>;
}

/**
 * Bull Board over the scheduler's queues, behind HTTP basic auth: jobs, failures and their reasons.
 * Read-only unless ADMIN_QUEUES_WRITE=true, and then changes are taken from its own pages only.
 */
export function queueDashboardRoute(
  queues: Queue[],
  settings: DashboardSettings,
  deps: DashboardDeps,
): HttpRoute {
  const board = new ExpressAdapter();
  board.setBasePath(DASHBOARD_PATH);
  const readOnlyMode = settings.write !== true;
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode })),
    serverAdapter: board,
  });
  withoutOutsideRequests(board.getRouter());
  const router = express.Router();
  router.use(
    dashboardLogin({
      credentials: settings,
      redis: deps.redis,
      log: deps.log,
      keyPrefix: deps.keyPrefix ?? DEFAULT_KEY_PREFIX,
      ...deps.login,
    }),
    readOnlyMode ? readOnly() : sameOriginWrites(deps.log),
    board.getRouter() as RequestHandler,
  );
  return { path: DASHBOARD_PATH, handler: router };
}
