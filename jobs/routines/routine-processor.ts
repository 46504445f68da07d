import type { Job } from 'bullmq';
import type { RoutineJobData, RoutineName } from '../job-types.js';
import { runCheckin } from './checkin-routine.js';
import { runCoordination } from './coordination-routine.js';
import { runDigest, runScoreboard } from './digest-routine.js';
import { runOverdueRollup } from './overdue-routine.js';
import type { RoutineDeps } from './routine-deps.js';

/** Runs the routine a job scheduler fired; `watchdog` re-checks the schedulers themselves. */
export function routineProcessor(deps: RoutineDeps, watchdog: () => Promise<string>) {
  return async (job: Job<RoutineJobData>): Promise<string> => {
    const name = job.name as RoutineName;
    switch (name) {
      case 'digest':
        return runDigest(deps, job.data.agency ?? '', job.data.channel);
      case 'checkin':
        return runCheckin(deps, job.data.agency ?? '');
      case 'overdue':
        return runOverdueRollup(deps, job.data.agency ?? '');
      case 'scoreboard':
        return runScoreboard(deps);
      case 'coordination':
        return runCoordination(deps);
      case 'watchdog':
        return watchdog();
      default:
        throw new Error(`unknown routine ${String(name)}`);
    }
  };
}
