import type { Server } from 'node:http';
import { buildHttpApp } from './http-app.js';
import { queueDashboardRoute } from './queue-dashboard.js';
import type { Runtime } from './runtime.js';
import type { Services } from './services.js';

/** Starts the one HTTP server: the adapters' routes, /healthz and /metrics. */
export async function serveHttp(runtime: Runtime, services: Services): Promise<Server> {
  const { queues } = services.scheduler;
  const dashboard = runtime.config.dashboard;
  const routes = dashboard
    ? [
        ...services.routes,
        queueDashboardRoute(Object.values(queues), dashboard, {
          redis: runtime.redis,
          log: runtime.log.child({ part: 'dashboard' }),
        }),
      ]
    : services.routes;
  const app = buildHttpApp({
    routes,
    isHealthy: async () => (await runtime.redis.ping()) === 'PONG',
    metrics: runtime.metrics.registry,
    beforeScrape: refreshQueueGauges,
  });
  async function refreshQueueGauges(): Promise<void> {
    for (const queue of Object.values(queues)) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      for (const [state, count] of Object.entries(counts)) {
        runtime.metrics.queueJobs.set({ queue: queue.name, state }, count);
      }
    }
  }
  return new Promise((resolve, reject) => {
    const server = app.listen(runtime.config.port, () => resolve(server));
    server.once('error', reject);
  });
}
