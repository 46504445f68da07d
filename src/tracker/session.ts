import { UnknownAgencyError } from '../errors/unknown-agency-error.js';
import { UnknownCommitmentError } from '../errors/unknown-commitment-error.js';
import type { ChannelDefaults } from '../messages/channel-settings-message.js';
import type { AgencyDirectory, View } from '../messages/view.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { personKey } from '../model/platform.js';
import type { Clock } from '../ports/clock.js';
import type { Planner } from '../ports/planner.js';
import type { ChannelSettingsStore } from '../store/channel-settings-store.js';
import type { CheckinStore } from '../store/checkin-store.js';
import type { AgencyStore, CommitmentStore } from '../store/commitment-store.js';
import type { HolidayStore } from '../store/holiday-store.js';
import type { CommandContext } from './command-context.js';

export interface TrackerSettings {
  trackerTimeZone: string;
  trackerAdmins: string[];
  /** What a channel that changed nothing gets (DIGEST_CRON, CHECKIN_CRON, REMINDER_OFFSETS). */
  channelDefaults: ChannelDefaults;
}

export interface TrackerDeps {
  commitments: CommitmentStore;
  agencies: AgencyStore;
  holidays: HolidayStore;
  channelSettings: ChannelSettingsStore;
  checkins: CheckinStore;
  clock: Clock;
  planner: Planner;
  settings: TrackerSettings;
}

/** Everything one command needs, read once at its start: the instant and the agencies. */
export class Session {
  readonly now: Date;
  readonly view: View;
  readonly by: string;

  constructor(
    readonly deps: TrackerDeps,
    readonly ctx: CommandContext,
    readonly directory: AgencyDirectory,
    /** The agencies linked to the channel the command came from. */
    readonly channelAgencies: Agency[],
  ) {
    this.now = deps.clock.now();
    this.by = personKey(ctx.actor);
    this.view = {
      now: this.now,
      readerTimeZone: channelAgencies[0]?.timeZone ?? deps.settings.trackerTimeZone,
      timeZoneOf: directory.timeZoneOf,
    };
  }

  async commitment(id: string): Promise<Commitment> {
    const commitment = await this.deps.commitments.get(id);
    if (!commitment) throw new UnknownCommitmentError(id);
    return commitment;
  }

  agency(code: string): Agency {
    const agency = this.directory.get(code);
    if (!agency) throw new UnknownAgencyError(code, this.directory.codes());
    return agency;
  }
}
