import type { ListFilter } from '../commands/command.js';
import { buildDigest } from '../digest/build-digest.js';
import { collectDigestData, collectScoreboardData } from '../digest/digest-data.js';
import { buildScoreboard } from '../digest/scoreboard.js';
import { commitmentDetails, commitmentList, HISTORY_LINES } from '../messages/commitment-messages.js';
import type { Commitment } from '../model/commitment.js';
import type { HistoryEvent } from '../model/history-event.js';
import { canSee } from '../model/visibility.js';
import type { CommitmentQuery, Page, Window } from '../store/commitment-store.js';
import { pageDueWithinDays } from '../store/due-within-days.js';
import type { CommandResult } from './command-context.js';
import type { Session } from './session.js';

const WEEK_DAYS = 7;
/** Past this, a list that is not paged says how many more there are instead of growing without end. */
export const LIST_LIMIT = 200;

/** A list reads one window of its index: the page asked for, or the first `LIST_LIMIT` lines. */
export async function listCommitments(s: Session, filter: ListFilter): Promise<CommandResult> {
  const { title, read, empty } = select(s, filter);
  const window: Window = s.ctx.page
    ? { offset: s.ctx.page.index * s.ctx.page.size, limit: s.ctx.page.size }
    : { offset: 0, limit: LIST_LIMIT };
  const page = await read(window);
  const total = page.total ?? window.offset + page.items.length + (page.more ? 1 : 0);
  const hint =
    !s.ctx.page && total > page.items.length
      ? `showing the first ${page.items.length} of ${total}`
      : undefined;
  return {
    reply: commitmentList(title, page.items, s.view, empty, hint, { offset: window.offset, total }),
  };
}

interface Selection {
  title: string;
  read: (window: Window) => Promise<Page<Commitment>>;
  empty: string;
}

function select(s: Session, filter: ListFilter): Selection {
  const store = s.deps.commitments;
  const of = (query: CommitmentQuery) => (window: Window) => store.page(query, window, s.audience);
  const now = s.now.getTime();
  switch (filter.kind) {
    case 'default': {
      const agency = s.channelAgencies[0];
      if (agency) {
        return {
          title: `Open commitments of ${agency.code}`,
          read: of({ kind: 'open-for-agency', agency: agency.code }),
          empty: `${agency.code} has no open commitments.`,
        };
      }
      return { title: 'Open commitments', read: of({ kind: 'open' }), empty: 'Nothing is open. 🎉' };
    }
    case 'mine':
      return {
        title: 'Your open commitments',
        read: of({ kind: 'open-for-person', person: s.ctx.actor }),
        empty: 'You own no open commitment.',
      };
    case 'overdue':
      return {
        title: 'Overdue commitments',
        read: of({ kind: 'open', due: { before: now } }),
        empty: 'Nothing is overdue. 🎉',
      };
    case 'due-week':
      // Counted as the "(in 7 days)" beside each item counts, in its lead agency's zone.
      return {
        title: `Due in the next ${WEEK_DAYS} days`,
        read: (window) =>
          pageDueWithinDays(store, { kind: 'open' }, WEEK_DAYS, s.now, s.directory, window, s.audience),
        empty: `Nothing falls due in the next ${WEEK_DAYS} days.`,
      };
    case 'owner':
      s.agency(filter.agency);
      return {
        title: `Open commitments of ${filter.agency}`,
        read: of({ kind: 'open-for-agency', agency: filter.agency }),
        empty: `${filter.agency} has no open commitments.`,
      };
    case 'area':
      return {
        title: `Open commitments in ${filter.area}`,
        read: of({ kind: 'open-in-area', area: filter.area }),
        empty: `Nothing is open in ${filter.area}.`,
      };
    case 'status':
      return {
        title: `Commitments ${filter.status}`,
        read: of({ kind: 'status', status: filter.status }),
        empty: `No commitment is ${filter.status}.`,
      };
    case 'all':
      return { title: 'All commitments', read: of({ kind: 'all' }), empty: 'No commitment yet.' };
  }
}

export async function showCommitment(s: Session, id: string): Promise<CommandResult> {
  const commitment = await s.commitment(id);
  const history = await s.deps.commitments.history(commitment.id, { last: HISTORY_LINES });
  const shown = await withoutUnseenOccurrences(s, commitment, history.events);
  return {
    reply: commitmentDetails(shown.commitment, shown.events, s.view, history.total),
    commitment,
  };
}

/**
 * A recurring commitment names its neighbours in the series (fields and history). One the reader may
 * not see (made restricted, or given to another agency) is left unnamed: with the series' title and
 * rule, its id would tell what it is and when it is due.
 */
async function withoutUnseenOccurrences(
  s: Session,
  commitment: Commitment,
  events: HistoryEvent[],
): Promise<{ commitment: Commitment; events: HistoryEvent[] }> {
  const named = (value: unknown) => (typeof value === 'string' ? [value] : []);
  const ids = new Set([
    ...named(commitment.previousOccurrence),
    ...named(commitment.nextOccurrence),
    ...events.flatMap((event) => OCCURRENCE_FIELDS.flatMap((field) => named(event.changes[field]?.after))),
  ]);
  if (ids.size === 0) return { commitment, events };
  const seen = new Set(
    (await s.deps.commitments.getMany([...ids])).filter((c) => canSee(s.audience, c)).map((c) => c.id),
  );
  if ([...ids].every((linked) => seen.has(linked))) return { commitment, events };
  const unseen = (value: unknown) => typeof value === 'string' && !seen.has(value);
  return {
    commitment: {
      ...commitment,
      previousOccurrence: unseen(commitment.previousOccurrence) ? undefined : commitment.previousOccurrence,
      nextOccurrence: unseen(commitment.nextOccurrence) ? undefined : commitment.nextOccurrence,
    },
    events: events.map((event) => {
      const hidden = OCCURRENCE_FIELDS.filter((field) => unseen(event.changes[field]?.after));
      if (hidden.length === 0) return event;
      const changes = { ...event.changes };
      for (const field of hidden) delete changes[field];
      return { ...event, changes };
    }),
  };
}

const OCCURRENCE_FIELDS = ['previousOccurrence', 'nextOccurrence'] as const;

/**
 * This week's digest, now, for whoever reads the answer: one agency's, or the all-agency scoreboard,
 * with the restricted commitments that reader sees all of (an agency's own channel, an administrator).
 */
export async function previewDigest(s: Session, agencyCode?: string): Promise<CommandResult> {
  const agency = agencyCode ? s.agency(agencyCode) : s.channelAgencies[0];
  if (agency) {
    const data = await collectDigestData(
      s.deps.commitments,
      agency,
      s.now,
      s.directory,
      s.audience,
      s.deps.checkins,
    );
    const digest = buildDigest(data, s.view);
    return { reply: digest.parent, thread: digest.replies };
  }
  const data = await collectScoreboardData(
    s.deps.commitments,
    s.directory.all(),
    s.now,
    s.deps.settings.trackerTimeZone,
    s.audience,
  );
  const scoreboard = buildScoreboard(data, s.view);
  return { reply: scoreboard.parent, thread: scoreboard.replies };
}
