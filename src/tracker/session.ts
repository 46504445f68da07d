import { UnknownAgencyError } from '../errors/unknown-agency-error.js';
import { UnknownCommitmentError } from '../errors/unknown-commitment-error.js';
import type { ChannelDefaults } from '../messages/channel-settings-message.js';
import type { AgencyDirectory, View } from '../messages/view.js';
import type { Agency } from '../model/agency.js';
import type { Commitment } from '../model/commitment.js';
import { personKey } from '../model/platform.js';
import { type Audience, canSee } from '../model/visibility.js';
import type { Clock } from '../ports/clock.js';
import type { Planner } from '../ports/planner.js';
import type { ChannelSettingsStore } from '../store/channel-settings-store.js';
import type { CheckinStore } from '../store/checkin-store.js';
import type { AgencyStore, CommitmentStore } from '../store/commitment-store.js';
import type { HolidayStore } from '../store/holiday-store.js';
import { answerAudienceOf, channelAudienceOf } from './audiences.js';
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

/** Everything one command needs, read once at its start: the instant, the agencies, who reads the answer. */
export class Session {
  readonly now: Date;
  readonly view: View;
  readonly by: string;
  /** Who reads this command's answer, which decides the restricted commitments it may show. */
  readonly audience: Audience;
  /** Everyone in the channel: who reads what is posted there for all (an announcement, a report's file). */
  readonly channelAudience: Audience;

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
    this.channelAudience = channelAudienceOf(ctx, channelAgencies);
    this.audience = answerAudienceOf(ctx, this.channelAudience, deps.settings.trackerAdmins);
  }

  /**
   * The commitment, if the answer's audience may see it. A restricted one it may not see gets the same
   * answer as an id never given, so that no one learns it exists by asking.
   */
  async commitment(id: string): Promise<Commitment> {
    const commitment = await this.deps.commitments.get(id);
    if (!commitment || !canSee(this.audience, commitment)) throw new UnknownCommitmentError(id);
    return commitment;
  }

  agency(code: string): Agency {
    const agency = this.directory.get(code);
    if (!agency) throw new UnknownAgencyError(code, this.directory.codes());
    return agency;
  }
}
