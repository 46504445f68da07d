import type { Runtime } from './runtime.js';
import type { Services } from './services.js';

/**
 * When Redis is back after an outage, this process's workers re-create the schedules and replan the
 * reminders: a plan the outage cut short is finished, and a Redis that came back empty is filled again.
 */
export function repairAfterOutages(runtime: Runtime, services: Services): void {
  runtime.outages.onRestored(() => {
    if (!services.scheduler.working) return;
    services.scheduler.repair('Redis is back after an outage').catch((error: unknown) => {
      runtime.log.error({ err: error }, 'could not re-create the job schedules after the outage');
    });
  });
}
