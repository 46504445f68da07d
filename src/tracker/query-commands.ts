import type { ListFilter } from '../commands/command.js';
import { dueWithinDays } from '../dates/time-display.js';
import { buildDigest } from '../digest/build-digest.js';
import { collectDigestData } from '../digest/digest-data.js';
import { buildScoreboard } from '../digest/scoreboard.js';
import { commitmentDetails, commitmentList } from '../messages/commitment-messages.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { samePerson } from '../model/platform.js';
import type { CommandResult } from './command-context.js';
import type { Session } from './session.js';

const WEEK_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = WEEK_DAYS * DAY_MS;
/** Past this, a list says how many more there are instead of growing without end. */
const LIST_LIMIT = 200;

export async function listCommitments(s: Session, filter: ListFilter): Promise<CommandResult> {
  const { title, items, empty } = await select(s, filter);
  const shown = items.slice(0, LIST_LIMIT);
  const hint = items.length > LIST_LIMIT ? `showing the first ${LIST_LIMIT} of ${items.length}` : undefined;
  return { reply: commitmentList(title, shown, s.view, empty, hint) };
}

async function select(
  s: Session,
  filter: ListFilter,
): Promise<{ title: string; items: Commitment[]; empty: string }> {
  const store = s.deps.commitments;
  switch (filter.kind) {
    case 'default': {
      const agency = s.channelAgencies[0];
      if (agency) {
        const items = await store.query({ kind: 'open-for-agency', agency: agency.code });
        return {
          title: `Open commitments of ${agency.code}`,
          items,
          empty: `${agency.code} has no open commitments.`,
        };
      }
      return {
        title: 'Open commitments',
        items: await store.query({ kind: 'open' }),
        empty: 'Nothing is open. 🎉',
      };
    }
    case 'mine': {
      const open = await store.query({ kind: 'open' });
      const items = open.filter((c) => samePerson(c.person, s.ctx.actor));
      return { title: 'Your open commitments', items, empty: 'You own no open commitment.' };
    }
    case 'overdue': {
      const items = await store.query({ kind: 'open-due-before', before: s.now.getTime() });
      return { title: 'Overdue commitments', items, empty: 'Nothing is overdue. 🎉' };
    }
    case 'due-week': {
      // A day 7 days ahead ends up to a day after now + 7 days; the filter counts as "(in 7 days)" does.
      const until = s.now.getTime() + WEEK_MS + DAY_MS;
      const open = await store.query({ kind: 'open-due-before', before: until });
      const items = open.filter(
        (c) => c.deadline && dueWithinDays(c.deadline, s.view.timeZoneOf(leadAgency(c)), s.now, WEEK_DAYS),
      );
      return { title: 'Due in the next 7 days', items, empty: 'Nothing falls due in the next 7 days.' };
    }
    case 'owner': {
      s.agency(filter.agency);
      const items = await store.query({ kind: 'open-for-agency', agency: filter.agency });
      return {
        title: `Open commitments of ${filter.agency}`,
        items,
        empty: `${filter.agency} has no open commitments.`,
      };
    }
    case 'area': {
      const open = await store.query({ kind: 'open' });
      const items = open.filter((c) => c.area === filter.area);
      return {
        title: `Open commitments in ${filter.area}`,
        items,
        empty: `Nothing is open in ${filter.area}.`,
      };
    }
    case 'status': {
      const items = await store.query({ kind: 'status', status: filter.status });
      return { title: `Commitments ${filter.status}`, items, empty: `No commitment is ${filter.status}.` };
    }
    case 'all':
      return {
        title: 'All commitments',
        items: await store.query({ kind: 'all' }),
        empty: 'No commitment yet.',
      };
  }
}

export async function showCommitment(s: Session, id: string): Promise<CommandResult> {
  const commitment = await s.commitment(id);
  const history = await s.deps.commitments.history(commitment.id);
  return { reply: commitmentDetails(commitment, history, s.view), commitment };
}

/** This week's digest, now and only for the asker: one agency's, or the all-agency scoreboard. */
export async function previewDigest(s: Session, agencyCode?: string): Promise<CommandResult> {
  const agency = agencyCode ? s.agency(agencyCode) : s.channelAgencies[0];
  const agencies = agency ? [agency] : s.directory.all();
  const data = await collectDigestData(s.deps.commitments, agencies, s.now, s.deps.checkins);
  if (agency) {
    const digest = buildDigest(data[0]!, s.view);
    return { reply: digest.parent, thread: digest.replies };
  }
  const scoreboard = buildScoreboard(data, s.view);
  return { reply: scoreboard.parent, thread: scoreboard.replies };
}
