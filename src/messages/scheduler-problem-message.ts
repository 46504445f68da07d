import type { Message } from './message.js';
import { code, section, text } from './message.js';

export interface SchedulerProblem {
  /** e.g. `digest-MITI` */
  scheduler: string;
  pattern?: string;
  timeZone?: string;
  reason: string;
}

/** A routine (digest, roll-up) that would silently stop: said out loud in the coordination channel. */
export function schedulerProblemMessage(problem: SchedulerProblem): Message {
  const schedule = [problem.pattern && `"${problem.pattern}"`, problem.timeZone].filter(Boolean).join(' in ');
  const summary = `The schedule ${problem.scheduler}${schedule ? ` (${schedule})` : ''} has no next run: ${problem.reason}`;
  return {
    text: summary,
    blocks: [
      section(
        text('⚠️ The schedule '),
        code(problem.scheduler),
        text(`${schedule ? ` (${schedule})` : ''} has no next run.`),
      ),
      section(text(problem.reason)),
      {
        type: 'context',
        text: 'Fix the cron expression of that agency (or DIGEST_CRON); until then it does not run.',
      },
    ],
  };
}
