import { commitmentLine } from '../messages/commitment-line.js';
import type { Block, Message } from '../messages/message.js';
import { section, strong, text } from '../messages/message.js';
import type { View } from '../messages/view.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import { type DigestData, type DigestFigures, digestFigures } from './digest-data.js';

const FORTNIGHT_MS = 14 * 24 * 60 * 60 * 1000;

export interface Digest {
  parent: Message;
  replies: Message[];
}

/** An agency's weekly digest: the figures as the parent message, the detail as thread replies. */
export function buildDigest(data: DigestData, view: View): Digest {
  const figures = digestFigures(data, view.now, view.timeZoneOf);
  const code = data.agency.code;
  const now = view.now.getTime();
  const due = (c: Commitment) =>
    c.deadline ? dueInstant(c.deadline, view.timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
  const groups: [string, Commitment[]][] = [
    ['🔴 Overdue', data.open.filter((c) => due(c) < now)],
    ['📅 Due in the next 14 days', data.open.filter((c) => due(c) >= now && due(c) < now + FORTNIGHT_MS)],
    ['🟠 At risk or blocked', data.open.filter((c) => c.status === 'at-risk' || c.status === 'blocked')],
    ['✅ Closed last week', data.closedLastWeek],
  ];
  const replies = groups
    .filter(([, items]) => items.length > 0)
    .map(([heading, items]) => groupedByArea(`${heading} (${items.length})`, items, view));
  const parent: Message = {
    text: `${code} weekly delivery digest, ${data.week.key}: ${figures.open} open, ${figures.overdue} overdue, ${figures.dueThisWeek} due this week`,
    blocks: [
      { type: 'header', text: `${code} weekly delivery digest · ${data.week.key}` },
      { type: 'fields', fields: figureFields(figures) },
      {
        type: 'context',
        text: replies.length > 0 ? `${data.agency.name} · details in the thread` : data.agency.name,
      },
    ],
  };
  return { parent, replies };
}

/** The coordination unit's view: one line of figures per agency. */
export function buildScoreboard(all: DigestData[], view: View): Message {
  const weekKey = all[0]?.week.key ?? '';
  const blocks: Block[] = [
    { type: 'header', text: `All-agency delivery scoreboard${weekKey ? ` · ${weekKey}` : ''}` },
  ];
  if (all.length === 0) blocks.push({ type: 'context', text: 'No agency has been added yet.' });
  for (const data of all) {
    const f = digestFigures(data, view.now, view.timeZoneOf);
    blocks.push(
      section(
        strong(data.agency.code),
        text(
          ` · ${f.open} open · ${f.dueThisWeek} due this week · ${f.overdue} overdue · ${f.closedLastWeek} closed last week · on time ${percent(f.onTimeRate)} · ${f.deadlinesMovedLastWeek} deadline${f.deadlinesMovedLastWeek === 1 ? '' : 's'} moved last week`,
        ),
      ),
    );
  }
  return { text: `All-agency delivery scoreboard ${weekKey}`, blocks };
}

function figureFields(f: DigestFigures) {
  return [
    { label: 'Open', value: String(f.open) },
    { label: 'Due this week', value: String(f.dueThisWeek) },
    { label: 'Overdue', value: String(f.overdue) },
    { label: 'Closed last week', value: String(f.closedLastWeek) },
    { label: 'On-time rate', value: percent(f.onTimeRate) },
    { label: 'Deadlines moved last week', value: String(f.deadlinesMovedLastWeek) },
  ];
}

function percent(rate: number | undefined): string {
  return rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}

function groupedByArea(heading: string, items: Commitment[], view: View): Message {
  const areas = new Map<string, Commitment[]>();
  for (const item of items) {
    const area = item.area ?? 'other';
    areas.set(area, [...(areas.get(area) ?? []), item]);
  }
  const blocks: Block[] = [{ type: 'header', text: heading }];
  for (const [area, group] of [...areas.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    blocks.push(section(strong(area)));
    blocks.push({ type: 'commitments', items: group.map((c) => commitmentLine(c, view)) });
  }
  return { text: heading, blocks };
}
