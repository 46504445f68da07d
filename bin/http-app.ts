import express, { type Express, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';

/** One route an adapter contributes to the single HTTP server, e.g. Slack's `/slack/events`. */
export interface HttpRoute {
  path: string;
  handler: RequestHandler;
}

export interface HttpAppOptions {
  routes: HttpRoute[];
  /** Resolves when Redis answers; /healthz says 503 otherwise. */
  isHealthy: () => Promise<boolean>;
  metrics?: Registry;
  /** Refreshes gauges read at scrape time, such as queue sizes. */
  beforeScrape?: () => Promise<void>;
}

/** The project's one HTTP server: each adapter mounts its own routes; nothing else is served. */
export function buildHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    const healthy = await options.isHealthy().catch(() => false);
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'redis unavailable' });
  });
  const metrics = options.metrics;
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      await options.beforeScrape?.().catch(() => undefined);
      res.type(metrics.contentType).send(await metrics.metrics());
    });
  }
  for (const route of options.routes) app.use(route.path, route.handler);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  return app;
}
