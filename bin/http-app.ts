import express, { type Express, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { checkReadiness, type ReadinessChecks } from './readiness.js';

/** One route an adapter contributes to the single HTTP server, e.g. Slack's `/slack/events`. */
export interface HttpRoute {
  path: string;
  handler: RequestHandler;
}

export interface HttpAppOptions {
  routes: HttpRoute[];
  /** Resolves when Redis answers; /healthz says 503 otherwise. */
  isHealthy: () => Promise<boolean>;
  /** What /readyz checks: Redis, each configured chat platform, the workers. Unset: no /readyz. */
  readiness?: ReadinessChecks;
  metrics?: Registry;
  /** Refreshes gauges read at scrape time, such as queue sizes. */
  beforeScrape?: () => Promise<void>;
  /** How long /healthz and /metrics wait on Redis before answering without it. */
  waitMs?: number;
  /** How long /readyz waits for each check (Slack and Microsoft Entra ID are outside calls). */
  readinessWaitMs?: number;
}

/** The promise's value, or `fallback` once `ms` have passed without one (or when it fails). */
function within<T>(ms: number, promise: Promise<T>, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    const settle = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    promise.then(settle, () => settle(fallback));
  });
}

/** The project's one HTTP server: each adapter mounts its own routes; nothing else is served. */
export function buildHttpApp(options: HttpAppOptions): Express {
  const app = express();
  const waitMs = options.waitMs ?? 1_000;
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    // Commands wait for Redis to come back; a health check must answer now.
    const healthy = await within(waitMs, options.isHealthy(), false);
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'redis unavailable' });
  });
  const readiness = options.readiness;
  if (readiness) {
    app.get('/readyz', async (_req, res) => {
      const report = await checkReadiness(readiness, options.readinessWaitMs ?? 5_000);
      res.status(report.failing.length === 0 ? 200 : 503).json(report);
    });
  }
  const metrics = options.metrics;
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      if (options.beforeScrape) await within(waitMs, options.beforeScrape(), undefined);
      res.type(metrics.contentType).send(await metrics.metrics());
    });
  }
  for (const route of options.routes) app.use(route.path, route.handler);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  return app;
}
