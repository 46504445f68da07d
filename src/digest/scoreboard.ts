import { scoreboardChart } from '../charts/scoreboard-chart.js';
import type { Block } from '../messages/message.js';
import { section, strong, text } from '../messages/message.js';
import type { View } from '../messages/view.js';
import { EVERY_AGENCY } from '../store/commitment-stats.js';
import type { Digest } from './build-digest.js';
import { slippageWords } from './deadline-moves.js';
import { type DigestData, type DigestFigures, digestFigures } from './digest-data.js';
import { digestWeek } from './digest-week.js';
import { percentText } from './track-record.js';

/** Every agency's week, and every agency's together (each commitment once), as collectScoreboardData reads them. */
export interface ScoreboardData {
  agencies: DigestData[];
  totals: DigestData;
}

/** The figures a scoreboard compares with the next week's, per agency code; `*` holds the totals. */
export interface ScoreSnapshot {
  open: number;
  overdue: number;
  atRisk: number;
  onTimeRate?: number;
}
export type ScoreSnapshots = Record<string, ScoreSnapshot>;
export const TOTALS = EVERY_AGENCY;

interface Line {
  code: string;
  figures: DigestFigures;
}

/**
 * The coordination unit's view: one line per agency, the most overdue first and then the most at risk,
 * each figure with its change since last week's scoreboard when that was kept; then the totals, each
 * commitment counted once however many agencies own it; and in the thread the chart of on-time rates
 * and overdue items.
 */
export function buildScoreboard(data: ScoreboardData, view: View, previous?: ScoreSnapshots): Digest {
  const all = data.agencies;
  const weekKey = digestWeek(view.now, view.readerTimeZone).key;
  const header: Block = { type: 'header', text: `All-agency delivery scoreboard · ${weekKey}` };
  if (all.length === 0) {
    return {
      parent: {
        text: `All-agency delivery scoreboard ${weekKey}`,
        blocks: [header, { type: 'context', text: 'No agency has been added yet.' }],
      },
      replies: [],
    };
  }
  const lines = rankedLines(all, view);
  const blocks: Block[] = [
    header,
    {
      type: 'context',
      text: previous
        ? "Most overdue first, then most at risk or blocked. In brackets: the change since last week's scoreboard."
        : 'Most overdue first, then most at risk or blocked. No figures were kept last week, so no changes are shown.',
    },
  ];
  for (const { code, figures } of lines) {
    const before = previous?.[code];
    const isNew = previous !== undefined && before === undefined;
    blocks.push(section(strong(code), text(`${isNew ? ' (new)' : ''} · ${figureText(figures, before)}`)));
  }
  const totals = digestFigures(data.totals, view.timeZoneOf);
  blocks.push(
    { type: 'divider' },
    section(strong('All agencies'), text(` · ${figureText(totals, previous?.[TOTALS])}`)),
  );
  const chart = scoreboardChart(
    lines.map(({ code, figures }) => ({ agency: code, onTime: figures.onTime, overdue: figures.overdue })),
    weekKey,
  );
  const chartTitle = `On-time rate and overdue per agency, ${weekKey}`;
  return {
    parent: {
      text: `All-agency delivery scoreboard ${weekKey}: ${totals.overdue} overdue, ${totals.open} open`,
      blocks,
    },
    replies: [
      {
        text: `📊 ${chartTitle}`,
        blocks: [
          {
            type: 'image',
            title: chartTitle,
            alt: chart.alt,
            svg: chart.svg,
            fileName: `scoreboard-${weekKey}.png`,
          },
        ],
      },
    ],
  };
}

/** This week's figures, to compare next week's scoreboard with. */
export function scoreSnapshots(data: ScoreboardData, view: View): ScoreSnapshots {
  const all = data.agencies;
  const snapshot = (f: DigestFigures): ScoreSnapshot => ({
    open: f.open,
    overdue: f.overdue,
    atRisk: f.atRisk,
    ...(f.onTime.rate === undefined ? {} : { onTimeRate: f.onTime.rate }),
  });
  const snapshots: ScoreSnapshots = {};
  for (const { code, figures } of rankedLines(all, view)) snapshots[code] = snapshot(figures);
  if (all.length > 0) snapshots[TOTALS] = snapshot(digestFigures(data.totals, view.timeZoneOf));
  return snapshots;
}

function rankedLines(all: DigestData[], view: View): Line[] {
  return all
    .map((data) => ({ code: data.agency.code, figures: digestFigures(data, view.timeZoneOf) }))
    .sort(
      (a, b) =>
        b.figures.overdue - a.figures.overdue ||
        b.figures.atRisk - a.figures.atRisk ||
        a.code.localeCompare(b.code),
    );
}

function figureText(f: DigestFigures, before: ScoreSnapshot | undefined): string {
  const moved =
    f.deadlinesMovedLastWeek === 0
      ? '0 deadlines moved last week'
      : `${f.deadlinesMovedLastWeek} deadline${f.deadlinesMovedLastWeek === 1 ? '' : 's'} moved last week (${slippageWords(f.slippageDaysLastWeek)})`;
  return [
    `${f.overdue} overdue${change(f.overdue, before?.overdue)}`,
    `${f.atRisk} at risk or blocked${change(f.atRisk, before?.atRisk)}`,
    `${f.open} open${change(f.open, before?.open)}`,
    `${f.dueThisWeek} due this week`,
    `${f.closedLastWeek} closed last week`,
    `on time ${percentText(f.onTime)}${rateChange(f.onTime.rate, before)}`,
    moved,
  ].join(' · ');
}

function change(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const delta = now - before;
  return delta === 0 ? ' (=)' : ` (${delta > 0 ? '+' : '−'}${Math.abs(delta)})`;
}

function rateChange(rate: number | undefined, before: ScoreSnapshot | undefined): string {
  if (rate === undefined || before?.onTimeRate === undefined) return '';
  const points = Math.round(rate * 100) - Math.round(before.onTimeRate * 100);
  return points === 0 ? ' (=)' : ` (${points > 0 ? '+' : '−'}${Math.abs(points)} pts)`;
}
