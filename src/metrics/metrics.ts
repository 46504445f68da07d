import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The process's Prometheus metrics, served at /metrics (web: PORT, worker: WORKER_PORT). */
export class Metrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'followthrough_commands_total',
    help: 'Commands whose answer reached the person, by platform, subcommand and outcome (ok, user_error, store_unavailable, failed).',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandSeconds = new Histogram({
    name: 'followthrough_command_duration_seconds',
    help: 'From a command received to its answer delivered, by platform.',
    labelNames: ['platform'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });

  readonly answersLost = new Counter({
    name: 'followthrough_command_answers_failed_total',
    help: 'Answers to commands that did not reach the person (the platform refused them or could not be reached), by platform.',
    labelNames: ['platform', 'command'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'followthrough_deliveries_total',
    help: 'Posts by the delivery queue, by platform and outcome (sent, retried, rate_limited, failed).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly reminderLateness = new Histogram({
    name: 'followthrough_reminder_lateness_seconds',
    help: 'How long after its planned moment a reminder was posted, by platform.',
    labelNames: ['platform'] as const,
    buckets: [1, 5, 15, 60, 300, 900, 3_600, 4 * 3_600, 86_400],
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'followthrough_queue_jobs',
    help: 'Jobs in each queue by state, read at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly commitments = new Gauge({
    name: 'followthrough_commitments',
    help: 'Open and overdue commitments per owning agency, read at scrape time.',
    labelNames: ['agency', 'state'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'followthrough_' });
  }
}
