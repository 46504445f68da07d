import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** The process's Prometheus metrics, served at /metrics. One registry per process. */
export class Metrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'followthrough_commands_total',
    help: 'Commands run, by platform, subcommand and outcome (ok, user_error, failed).',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'followthrough_deliveries_total',
    help: 'Outbound messages, by platform and outcome (sent, retried, failed).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'followthrough_queue_jobs',
    help: 'Jobs in each queue by state, read at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'followthrough_' });
  }
}
