import type { Job } from 'bullmq';
import type { CommitmentStore } from '../../src/store/commitment-store.js';
import type { PlanJobData } from '../job-types.js';
import type { ReminderPlanner } from './reminder-planner.js';

/**
 * A commitment changed: its reminders are planned as it stands now, which may be a later version than
 * the job names (the plan of that later version then finds nothing left to do). Planning is idempotent,
 * so a job run twice, or alongside another worker's, changes nothing more.
 */
export function planProcessor(deps: { commitments: CommitmentStore; reminders: ReminderPlanner }) {
  return async (job: Job<PlanJobData>): Promise<string> => {
    const commitment = await deps.commitments.get(job.data.commitmentId);
    if (!commitment) return 'stale: the commitment no longer exists';
    await deps.reminders.plan(commitment);
    return `planned ${commitment.id} v${commitment.version}`;
  };
}
