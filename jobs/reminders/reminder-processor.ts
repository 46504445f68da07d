import type { Job } from 'bullmq';
import { reminderMessage } from '../../src/messages/reminder-message.js';
import { channelKey } from '../../src/model/platform.js';
import { isClosed } from '../../src/model/status.js';
import type { Clock } from '../../src/ports/clock.js';
import type { AgencyStore, CommitmentStore } from '../../src/store/commitment-store.js';
import type { DeliveryOutbox } from '../delivery/delivery-outbox.js';
import type { ReminderJobData } from '../job-types.js';
import { agencyView } from '../routines/agency-view.js';

export interface ReminderDeps {
  commitments: CommitmentStore;
  agencies: AgencyStore;
  clock: Clock;
  outbox: DeliveryOutbox;
  trackerTimeZone: string;
}

/**
 * A reminder's moment has come: if the commitment is still open at the planned version, one reminder per
 * channel linked to the recipient agency now. The delivery key leaves out the agency, so a channel linked
 * to two owning agencies gets one reminder, and leaves out the moment, so a replan never repeats one.
 */
export function reminderProcessor(deps: ReminderDeps) {
  return async (job: Job<ReminderJobData>): Promise<string> => {
    const { commitmentId, version, offset, agency: code } = job.data;
    const commitment = await deps.commitments.get(commitmentId);
    if (!commitment || commitment.version !== version || isClosed(commitment.status)) {
      return 'stale: the commitment changed or closed since this was planned';
    }
    if (!commitment.owners.includes(code)) return `stale: ${code} no longer owns it`;
    const agency = await deps.agencies.get(code);
    if (!agency || agency.channels.length === 0) return `${code} has no linked channel`;
    const view = await agencyView(deps.agencies, deps.clock.now(), agency.timeZone, deps.trackerTimeZone);
    for (const channel of agency.channels) {
      await deps.outbox.send({
        key: `reminder:${commitmentId}:v${version}:${offset}:${channelKey(channel)}`,
        kind: 'reminder',
        channel,
        message: reminderMessage(commitment, view, channel.platform),
        guard: { commitmentId, version },
      });
    }
    return `reminded ${agency.channels.length} channel(s) of ${code}`;
  };
}
