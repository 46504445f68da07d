import type { Job } from 'bullmq';
import { reminderWithdrawnBecause } from '../../src/calendar/reminder-occasion.js';
import { reminderMessage } from '../../src/messages/reminder-message.js';
import { channelKey } from '../../src/model/platform.js';
import type { Clock } from '../../src/ports/clock.js';
import type { AgencyStore, CommitmentStore } from '../../src/store/commitment-store.js';
import type { DeliveryOutbox } from '../delivery/delivery-outbox.js';
import type { ReminderJobData } from '../job-types.js';
import { agencyView } from '../routines/agency-view.js';
import { reminderDeliveryKey } from '../scheduler-keys.js';

export interface ReminderDeps {
  commitments: CommitmentStore;
  agencies: AgencyStore;
  clock: Clock;
  outbox: DeliveryOutbox;
  trackerTimeZone: string;
}

/**
 * A reminder's moment has come: while it is still due (open, same deadline, the agency still an owner,
 * not snoozed), one reminder per channel linked to the recipient agency, showing the commitment as it is
 * now. The delivery carries the reminder, so that the delivery worker checks it again before posting.
 */
export function reminderProcessor(deps: ReminderDeps) {
  return async (job: Job<ReminderJobData>): Promise<string> => {
    const reminder = job.data;
    const commitment = await deps.commitments.get(reminder.commitmentId);
    if (!commitment) return 'stale: the commitment no longer exists';
    const withdrawn = reminderWithdrawnBecause(commitment, reminder, deps.clock.now());
    if (withdrawn) return `stale: ${withdrawn}`;
    const agency = await deps.agencies.get(reminder.agency);
    if (!agency || agency.channels.length === 0) return `${reminder.agency} has no linked channel`;
    const wanted = reminder.channels;
    const channels = wanted
      ? agency.channels.filter((channel) => wanted.includes(channelKey(channel)))
      : agency.channels;
    if (channels.length === 0) return `no channel of ${reminder.agency} wants this reminder any more`;
    const view = await agencyView(deps.agencies, deps.clock.now(), agency.timeZone, deps.trackerTimeZone);
    for (const channel of channels) {
      await deps.outbox.send({
        key: reminderDeliveryKey(reminder, channel),
        kind: 'reminder',
        channel,
        message: reminderMessage(commitment, view, channel.platform),
        guard: reminder,
      });
    }
    return `reminded ${channels.length} channel(s) of ${reminder.agency}`;
  };
}
