import { checkCommand } from '../commands/check-command.js';
import type { Command } from '../commands/command.js';
import { parseCommand } from '../commands/parse-command.js';
import { StoreUnavailableError } from '../errors/store-unavailable-error.js';
import { homeOverview } from '../messages/home-overview.js';
import type { Message } from '../messages/message.js';
import { AgencyDirectory } from '../messages/view.js';
import type { Commitment } from '../model/commitment.js';
import { isRedisUnavailable } from '../redis/redis-errors.js';
import type { PageRequest } from '../store/commitment-store.js';
import { addAgency, linkChannel, removeAgency, unlinkChannel } from './agency-commands.js';
import { answerAudienceOf } from './audiences.js';
import { channelSettings } from './channel-settings-commands.js';
import { answerCheckin } from './checkin-commands.js';
import type { CommandContext, CommandResult } from './command-context.js';
import {
  addCommitment,
  cancelCommitment,
  closeCommitment,
  reopenCommitment,
  snoozeCommitment,
  updateCommitment,
} from './commitment-commands.js';
import { helpResult } from './help.js';
import { addAgencyHoliday, listAgencyHolidays, removeAgencyHoliday } from './holiday-commands.js';
import { assertMayChange } from './permissions.js';
import { listCommitments, previewDigest, showCommitment } from './query-commands.js';
import { stocktakeReport } from './report-command.js';
import { Session, type TrackerDeps } from './session.js';

/** Lines of the Home tab: a person's own, then their agencies', the most urgent first (100 blocks in all). */
const HOME_MINE_LINES = 20;
const HOME_AGENCY_LINES = 30;

/** The core's one way in: text or a typed command from any platform, an answer in the neutral model. */
export class Tracker {
  constructor(private readonly deps: TrackerDeps) {}

  /** Parses and runs a command; a user's mistake comes back as a thrown TrackerError. */
  async execute(text: string, ctx: CommandContext): Promise<CommandResult> {
    const parsed = parseCommand(text);
    if (!parsed.ok) throw parsed.error;
    return this.run(parsed.command, ctx);
  }

  /** Runs a command; while Redis is unreachable it fails at once with a StoreUnavailableError. */
  async run(command: Command, ctx: CommandContext): Promise<CommandResult> {
    ctx.meter?.named(command.kind);
    return storeCall(() => this.dispatch(checkCommand(command), ctx));
  }

  private async dispatch(command: Command, ctx: CommandContext): Promise<CommandResult> {
    const session = await this.session(ctx);
    switch (command.kind) {
      case 'add':
        return addCommitment(session, command);
      case 'update':
        return updateCommitment(session, command);
      case 'done':
        return closeCommitment(session, command);
      case 'cancel':
        return cancelCommitment(session, command);
      case 'reopen':
        return reopenCommitment(session, command);
      case 'snooze':
        return snoozeCommitment(session, command);
      case 'list':
        return listCommitments(session, command.filter);
      case 'show':
        return showCommitment(session, command.id);
      case 'digest':
        return previewDigest(session, command.agency);
      case 'report':
        return stocktakeReport(session, command);
      case 'agency-add':
        return addAgency(session, command);
      case 'agency-remove':
        return removeAgency(session, command.code);
      case 'agency-holidays':
        return listAgencyHolidays(session, command.code);
      case 'agency-holiday-add':
        return addAgencyHoliday(session, command);
      case 'agency-holiday-remove':
        return removeAgencyHoliday(session, command);
      case 'channel-link':
        return linkChannel(session, command.agency);
      case 'channel-unlink':
        return unlinkChannel(session);
      case 'channel-settings':
        return channelSettings(session, command);
      case 'help':
        return helpResult(command.topic);
      case 'checkin-answer':
        return answerCheckin(session, command);
    }
  }

  /**
   * A commitment the actor may change, for a form about to open: someone who may not change it is
   * told so at the click, not after filling the form in.
   */
  async commitmentToChange(id: string, ctx: CommandContext): Promise<Commitment> {
    return storeCall(async () => {
      const session = await this.session(ctx);
      const commitment = await session.commitment(id);
      assertMayChange(commitment, ctx, session.channelAgencies, this.deps.settings.trackerAdmins);
      return commitment;
    });
  }

  /**
   * The most urgent of a person's own open commitments and of the rest of their agencies', grouped by
   * RAG (Slack App Home and the like): two index pages, whatever the number stored. `agencyCodes` are the
   * agencies whose channels the person is in, so their restricted commitments are shown too.
   */
  async overview(ctx: CommandContext, agencyCodes: readonly string[]): Promise<Message> {
    return storeCall(async () => {
      const requests: PageRequest[] = [
        {
          query: { kind: 'open-for-person', person: ctx.actor },
          window: { offset: 0, limit: HOME_MINE_LINES },
        },
      ];
      if (agencyCodes.length > 0) {
        requests.push({
          query: { kind: 'open-for-agencies', agencies: agencyCodes, notOf: ctx.actor },
          window: { offset: 0, limit: HOME_AGENCY_LINES },
        });
      }
      // The Home tab is the person's alone: what their agencies' channels and they themselves may see.
      const audience = answerAudienceOf(ctx, { agencies: agencyCodes }, this.deps.settings.trackerAdmins);
      // The pages do not depend on the agencies, so they are read alongside them, not after.
      const [session, [mine, ours = { items: [], total: 0, more: false }]] = await Promise.all([
        this.session(ctx),
        this.deps.commitments.pages(requests, audience),
      ]);
      return homeOverview(mine!, ours, agencyCodes, session.view);
    });
  }

  /** The agencies as they are now: one version check when they have not changed. */
  private async session(ctx: CommandContext): Promise<Session> {
    const snapshot = await this.deps.agencies.snapshot();
    const directory = new AgencyDirectory(snapshot.all, this.deps.settings.trackerTimeZone);
    const channelAgencies = ctx.channel ? snapshot.forChannel(ctx.channel) : [];
    return new Session(this.deps, ctx, directory, channelAgencies);
  }
}

/**
 * The store's connection fails at once while Redis is unreachable, and every write is one script, so a
 * command cut short by an outage changed nothing: the person is told so in plain words.
 */
async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isRedisUnavailable(error) ? new StoreUnavailableError() : error;
  }
}
