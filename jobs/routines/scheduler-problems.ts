import { calendarDayIn, isoDay } from '../../src/dates/calendar-day.js';
import {
  type SchedulerProblem,
  schedulerProblemMessage,
} from '../../src/messages/scheduler-problem-message.js';
import { channelKey } from '../../src/model/platform.js';
import type { Clock } from '../../src/ports/clock.js';
import type { DeliveryOutbox } from '../delivery/delivery-outbox.js';
import type { SchedulerLog } from '../scheduler-log.js';
import type { SchedulerSettings } from '../scheduler-settings.js';

/** A schedule that would stop without a word is logged and told to the coordination channel, once a day. */
const KEPT = 50;

export class SchedulerProblems {
  /** The latest problems reported by this process, newest last. */
  readonly reported: SchedulerProblem[] = [];

  constructor(
    private readonly deps: {
      outbox: DeliveryOutbox;
      clock: Clock;
      settings: SchedulerSettings;
      log: SchedulerLog;
    },
  ) {}

  async report(problem: SchedulerProblem): Promise<void> {
    this.reported.push(problem);
    if (this.reported.length > KEPT) this.reported.shift();
    this.deps.log.error(problem, 'job scheduler has no next run');
    const channel = this.deps.settings.coordinationChannel;
    if (!channel) return;
    const day = isoDay(calendarDayIn(this.deps.settings.trackerTimeZone, this.deps.clock.now()));
    await this.deps.outbox.send({
      key: `scheduler-problem:${problem.scheduler}:${day}:${channelKey(channel)}`,
      kind: 'scheduler-problem',
      channel,
      message: schedulerProblemMessage(problem),
    });
  }
}
