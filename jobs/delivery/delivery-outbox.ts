import type { Queue } from 'bullmq';
import type { DeliveryJobData } from '../job-types.js';
import { deliveryJobId } from '../scheduler-keys.js';
import type { DeliveryRecords } from './delivery-records.js';

/** The one way the jobs floor posts anything: a delivery job per message and channel. */
export class DeliveryOutbox {
  constructor(
    private readonly queue: Queue<DeliveryJobData>,
    private readonly records: DeliveryRecords,
  ) {}

  /**
   * Queues the message unless it went out already. The job id is derived from the delivery key, so a
   * second routine run (another worker, a retry, a cron firing early) adds nothing while the first job
   * exists, and the delivery record covers the time after it is gone. Returns whether it was queued.
   */
  async send(delivery: DeliveryJobData): Promise<boolean> {
    if (await this.records.isDone(delivery.key)) return false;
    await this.queueUnchecked(delivery);
    return true;
  }

  /**
   * Queues it without asking whether it went out already: for a key that is new as a rule (an
   * announcement of a version just saved), where the question would be a round trip for nothing. The
   * worker reads the delivery record before posting, so a repeat still posts nothing.
   */
  async queueUnchecked(delivery: DeliveryJobData): Promise<void> {
    await this.queue.add(delivery.kind, delivery, { jobId: deliveryJobId(delivery.key) });
  }
}
