import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { trackRecordChart } from '../charts/track-record-chart.js';
import { commitmentLine } from '../messages/commitment-line.js';
import { authorOf } from '../messages/commitment-messages.js';
import { daysMovedWords, deadlineFromText, deadlineWords } from '../messages/history-words.js';
import type { Block, Inline, Message } from '../messages/message.js';
import { code, personName, section, strong, text } from '../messages/message.js';
import type { View } from '../messages/view.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import type { DeadlineMove } from '../store/commitment-store.js';
import { type MovedCommitment, moveDays, movedCommitments, slippageWords } from './deadline-moves.js';
import {
  type DigestData,
  type DigestFigures,
  type DigestLists,
  DUE_SOON_DAYS,
  digestFigures,
  type Listed,
} from './digest-data.js';
import { digestWeek } from './digest-week.js';
import { daysOverdue, latestNote, overdueWords } from './overdue-facts.js';
import { onTimeExplanation, percentText } from './track-record.js';

export interface Digest {
  parent: Message;
  replies: Message[];
}

/**
 * An agency's weekly digest: the figures as the parent message; in the thread its chart, then the
 * detail a minister's office asks for: who owns each overdue item, how late it is and the latest word
 * on it, and every deadline that moved, by how much, by whom and why.
 */
export function buildDigest(data: DigestData, view: View): Digest {
  const figures = digestFigures(data, view.timeZoneOf);
  const agency = data.agency.code;
  const lists = data.lists ?? EMPTY_LISTS;
  const groups: [string, Listed, ((c: Commitment) => Inline[])?][] = [
    ['🔴 Overdue', lists.overdue, (c) => overdueDetail(c, view)],
    [`📅 Due in the next ${DUE_SOON_DAYS} days`, lists.dueSoon],
    ['🟠 At risk or blocked', lists.attention],
  ];
  const replies = groups
    .filter(([, group]) => group.total > 0)
    .map(([heading, group, detail]) =>
      groupedByArea(`${heading} (${group.total})`, group, agency, view, detail),
    );
  const moved = movedCommitments(data.movesLastWeek, view.timeZoneOf);
  if (moved.length > 0) replies.push(movedDeadlines(moved, figures, view));
  if (lists.closedLastWeek.total > 0)
    replies.push(
      groupedByArea(
        `✅ Closed last week (${lists.closedLastWeek.total})`,
        lists.closedLastWeek,
        agency,
        view,
      ),
    );
  replies.unshift(digestChart(data));
  const parent: Message = {
    text: `${agency} weekly delivery digest, ${data.week.key}: ${figures.open} open, ${figures.overdue} overdue, ${figures.dueThisWeek} due this week`,
    blocks: [
      { type: 'header', text: `${agency} weekly delivery digest · ${data.week.key}` },
      { type: 'fields', fields: [...figureFields(figures), ...checkinFields(data, view)] },
      { type: 'context', text: `${data.agency.name} · the chart and the details are in the thread` },
    ],
  };
  return { parent, replies };
}

const NONE: Listed = { items: [], total: 0 };
const EMPTY_LISTS: DigestLists = { overdue: NONE, dueSoon: NONE, attention: NONE, closedLastWeek: NONE };

/** The agency's 12 weeks as a picture, with its figures in the alt text. */
export function digestChart(data: DigestData): Message {
  const tallies = data.record.tallies ?? [];
  const chart = trackRecordChart(data.agency.code, tallies, data.record.onTime);
  const title = `${data.agency.code}: due and closed per week, last ${tallies.length} weeks`;
  return {
    text: `📊 ${title}`,
    blocks: [
      {
        type: 'image',
        title,
        alt: chart.alt,
        svg: chart.svg,
        fileName: `${data.agency.code}-${data.week.key}.png`,
      },
    ],
  };
}

export function figureFields(f: DigestFigures) {
  return [
    { label: 'Open', value: String(f.open) },
    { label: 'Due this week', value: String(f.dueThisWeek) },
    { label: 'Overdue', value: String(f.overdue) },
    { label: 'At risk or blocked', value: String(f.atRisk) },
    { label: 'Closed last week', value: String(f.closedLastWeek) },
    { label: 'On-time rate', value: `${percentText(f.onTime)}: ${onTimeExplanation(f.onTime)}` },
    {
      label: 'Deadlines moved last week',
      value:
        f.deadlinesMovedLastWeek === 0
          ? '0'
          : `${f.deadlinesMovedLastWeek} (${slippageWords(f.slippageDaysLastWeek)})`,
    },
  ];
}

/**
 * `3 of 11 without news this week`: of the commitments the agency's latest check-in asked about, how many
 * have had neither an answer, nor a progress note, nor a close since; said of which check-in when it was
 * not this week's.
 */
function checkinFields(data: DigestData, view: View): { label: string; value: string }[] {
  const standing = data.checkin;
  if (!standing) return [];
  const { asked, withoutNews, record } = standing;
  if (asked === 0) return [{ label: 'Check-ins', value: 'none needed: every open commitment had news' }];
  const thisWeek = digestWeek(view.now, data.agency.timeZone).key === record.week;
  const when = thisWeek
    ? 'this week'
    : `since the check-in of ${format(new TZDate(Date.parse(record.at), data.agency.timeZone), 'EEE d MMM')}`;
  return [{ label: 'Check-ins', value: `${withoutNews.length} of ${asked} without news ${when}` }];
}

/** `Owner: @aisha · 3 days overdue · latest note, 2 Mar 2026 by @ravi: vendor late`. */
function overdueDetail(c: Commitment, view: View): Inline[] {
  const lead = view.timeZoneOf(leadAgency(c));
  const parts: Inline[] = c.person
    ? [text('Owner: '), personName(c.person)]
    : [text('No owner person named')];
  parts.push(text(` · ${overdueWords(daysOverdue(c, view.now, lead))} · `));
  const note = latestNote(c);
  if (!note) return [...parts, text('no progress note yet')];
  const day = format(new TZDate(Date.parse(note.at), lead), 'd MMM yyyy');
  return [...parts, text(`latest note, ${day} by `), ...authorOf(note.by), text(`: ${note.text}`)];
}

function movedDeadlines(moved: MovedCommitment[], figures: DigestFigures, view: View): Message {
  const heading = `🗓️ Deadlines moved last week (${moved.length}, ${slippageWords(figures.slippageDaysLastWeek)})`;
  const items = moved.map((entry) => {
    const lead = view.timeZoneOf(leadAgency(entry.commitment));
    const detail = entry.moves.flatMap((move, i) => [
      ...(i > 0 ? [text('; ')] : []),
      ...moveInlines(move, lead),
    ]);
    return { ...commitmentLine(entry.commitment, view), detail };
  });
  return {
    text: heading,
    blocks: [
      { type: 'header', text: heading },
      { type: 'commitments', items },
    ],
  };
}

/** `moved from 30 Apr 2026 to 15 May 2026 (15 days later) by @ravi: customs`. */
export function moveInlines(move: DeadlineMove, leadTimeZone: string): Inline[] {
  const before = deadlineFromText(move.before);
  const after = deadlineFromText(move.after);
  const what =
    before && after
      ? `moved from ${deadlineWords(before, leadTimeZone)} to ${deadlineWords(after, leadTimeZone)}${daysMovedWords(moveDays(move, leadTimeZone) ?? 0)}`
      : after
        ? `deadline set to ${deadlineWords(after, leadTimeZone)}`
        : 'deadline removed';
  return [text(`${what} by `), ...authorOf(move.by), ...(move.reason ? [text(`: ${move.reason}`)] : [])];
}

/** A group's first lines by area; when it has more than it shows, where to see them all. */
function groupedByArea(
  heading: string,
  group: Listed,
  agency: string,
  view: View,
  detail?: (c: Commitment) => Inline[],
): Message {
  const areas = new Map<string, Commitment[]>();
  for (const item of group.items) {
    const area = item.area ?? 'other';
    areas.set(area, [...(areas.get(area) ?? []), item]);
  }
  const blocks: Block[] = [{ type: 'header', text: heading }];
  for (const [area, items] of [...areas.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    blocks.push(section(strong(area)));
    blocks.push({
      type: 'commitments',
      items: items.map((c) =>
        detail ? { ...commitmentLine(c, view), detail: detail(c) } : commitmentLine(c, view),
      ),
    });
  }
  const hidden = group.total - group.items.length;
  if (hidden > 0) {
    blocks.push(
      section(
        text(`…and ${hidden} more, the most urgent shown first; `),
        code(`list owner:${agency}`),
        text(' lists every open one.'),
      ),
    );
  }
  return { text: heading, blocks };
}
