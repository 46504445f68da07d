import type { Server } from 'node:http';
import type { Readiness } from '../src/ports/readiness.js';
import { CommitmentCounts } from '../src/store/commitment-counts.js';
import { buildHttpApp, type HttpRoute } from './http-app.js';
import { queueDashboardRoute } from './queue-dashboard.js';
import { cachedCheck, type ReadinessChecks } from './readiness.js';
import type { Runtime } from './runtime.js';
import type { Services } from './services.js';

/** An outside service's answer is reused this long by /readyz. */
const PLATFORM_CHECK_TTL_MS = 30_000;

export interface HttpRole {
  port: number;
  /** The web role serves the chat platforms' routes and the queue dashboard; a worker only its probes. */
  web: boolean;
  /** Whether this process runs workers, which /readyz then checks. */
  workers: boolean;
}

/** Starts the process's HTTP server: the adapters' routes (web), /healthz, /readyz and /metrics. */
export async function serveHttp(runtime: Runtime, services: Services, role: HttpRole): Promise<Server> {
  const { queues } = services.scheduler;
  const dashboard = runtime.config.dashboard;
  const redis = runtime.interactive.connection;
  const routes: HttpRoute[] = role.web ? [...services.routes] : [];
  if (role.web && dashboard) {
    // The login's failure counts use the fail-fast connection: during an outage the page fails at once.
    routes.push(
      queueDashboardRoute(Object.values(queues), dashboard, {
        redis,
        log: runtime.log.child({ part: 'dashboard' }),
      }),
    );
  }
  const readiness: ReadinessChecks = {
    redis: async (): Promise<Readiness> => {
      try {
        await redis.ping();
        return { ok: true, detail: 'answers PING' };
      } catch {
        return { ok: false, detail: 'unreachable: PING got no answer' };
      }
    },
  };
  if (role.web) {
    for (const [name, check] of Object.entries(services.platformChecks)) {
      readiness[name] = cachedCheck(check, PLATFORM_CHECK_TTL_MS);
    }
  }
  if (role.workers) {
    readiness.workers = async () =>
      services.scheduler.working
        ? { ok: true, detail: 'taking jobs' }
        : { ok: false, detail: 'not taking jobs (starting or stopping)' };
  }
  const counts = new CommitmentCounts({ redis });
  const app = buildHttpApp({
    routes,
    isHealthy: async () => (await redis.ping()) === 'PONG',
    readiness,
    metrics: runtime.metrics.registry,
    beforeScrape: refreshGauges,
  });

  /** Gauges read at scrape time: queue sizes and each agency's open and overdue count, from indexes only. */
  async function refreshGauges(): Promise<void> {
    if (!runtime.outages.available) return;
    for (const queue of Object.values(queues)) {
      const states = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      for (const [state, count] of Object.entries(states)) {
        runtime.metrics.queueJobs.set({ queue: queue.name, state }, Number(count));
      }
    }
    const codes = (await runtime.interactive.agencies.list()).map((agency) => agency.code);
    runtime.metrics.commitments.reset();
    for (const [agency, figures] of await counts.byAgency(codes, runtime.clock.now())) {
      runtime.metrics.commitments.set({ agency, state: 'open' }, figures.open);
      runtime.metrics.commitments.set({ agency, state: 'overdue' }, figures.overdue);
    }
  }

  return new Promise((resolve, reject) => {
    const server = app.listen(role.port, () => resolve(server));
    server.once('error', reject);
  });
}
