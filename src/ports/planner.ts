import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';

/**
 * Told by the core whenever something that scheduling depends on changed. The jobs floor implements it
 * with BullMQ; where no jobs run it is a no-op.
 */
export interface Planner {
  commitmentChanged(commitment: Commitment): Promise<void>;
  /** Many at once (an import, a restore): planned in bulk. */
  commitmentsChanged(commitments: readonly Commitment[]): Promise<void>;
  agencyChanged(agency: Agency): Promise<void>;
  /** The agency is gone: its digest and roll-up schedules go with it. */
  agencyRemoved(code: string): Promise<void>;
  /** Non-working days of these agencies were added or removed: their reminders move with them. */
  holidaysChanged(agencies: readonly Agency[]): Promise<void>;
  /** A channel linked to these agencies changed its settings: its digest schedule and reminders follow. */
  channelSettingsChanged(agencies: readonly Agency[]): Promise<void>;
}

export const noopPlanner: Planner = {
  commitmentChanged: async () => {},
  commitmentsChanged: async () => {},
  agencyChanged: async () => {},
  agencyRemoved: async () => {},
  holidaysChanged: async () => {},
  channelSettingsChanged: async () => {},
};
