import type { OnTimeRate } from '../digest/track-record.js';
import { percentText, TRACK_RECORD_WEEKS } from '../digest/track-record.js';
import { type Chart, niceScale, PALETTE, rect, stripes, svgDocument, textAt } from './chart.js';

export interface ScoreboardRow {
  agency: string;
  onTime: OnTimeRate;
  overdue: number;
}

/** Where things are drawn, exported so that a test can measure the rendered bars against the figures. */
export const SCOREBOARD_LAYOUT = {
  width: 720,
  rowsTop: 96,
  rowHeight: 28,
  barHeight: 16,
  rateLeft: 110,
  rateWidth: 280,
  overdueLeft: 450,
  overdueWidth: 200,
  /** Past this many agencies the chart stops and says how many more there are (a picture stays readable). */
  maxRows: 30,
} as const;

export function scoreboardHeight(rows: number): number {
  const L = SCOREBOARD_LAYOUT;
  return L.rowsTop + Math.min(rows, L.maxRows) * L.rowHeight + (rows > L.maxRows ? 40 : 16);
}

/** Pixels per overdue commitment, for a largest figure of `max`. */
export function overdueUnit(max: number): number {
  return SCOREBOARD_LAYOUT.overdueWidth / niceScale(max).top;
}

/**
 * The coordination unit's picture: per agency, in the scoreboard's order, its on-time rate (solid green,
 * 0 to 100%) and its overdue commitments now (striped vermillion), each bar labelled with its figure.
 */
export function scoreboardChart(rows: readonly ScoreboardRow[], weekKey: string): Chart {
  const L = SCOREBOARD_LAYOUT;
  const shown = rows.slice(0, L.maxRows);
  const height = scoreboardHeight(rows.length);
  const unit = overdueUnit(Math.max(0, ...shown.map((row) => row.overdue)));
  const title = `On-time rate and overdue commitments per agency${weekKey ? `, ${weekKey}` : ''}`;
  const body: string[] = [
    `<defs>${stripes('overdue', PALETTE.vermillion, PALETTE.darkVermillion)}</defs>`,
    textAt(24, 30, title, { size: 17, weight: 'bold' }),
    textAt(
      24,
      52,
      `On time: closed on or before the deadline, last ${TRACK_RECORD_WEEKS} weeks. Overdue: open past the deadline now.`,
      { size: 12, fill: PALETTE.muted },
    ),
    rect(L.rateLeft, 68, 12, 12, PALETTE.green),
    textAt(L.rateLeft + 18, 78, 'On-time rate (0–100%)', { size: 12, weight: 'bold' }),
    rect(L.overdueLeft, 68, 12, 12, 'url(#overdue)'),
    textAt(L.overdueLeft + 18, 78, 'Overdue now', { size: 12, weight: 'bold' }),
  ];
  shown.forEach((row, i) => {
    const y = L.rowsTop + i * L.rowHeight;
    const middle = y + L.barHeight / 2 + 4;
    body.push(textAt(24, middle, row.agency, { size: 12, weight: 'bold' }));
    body.push(rect(L.rateLeft, y, L.rateWidth, L.barHeight, PALETTE.paper, `stroke="${PALETTE.grid}"`));
    if (row.onTime.rate === undefined) {
      body.push(
        textAt(L.rateLeft + 6, middle, 'no closures with a deadline', { size: 11, fill: PALETTE.muted }),
      );
    } else {
      const width = Math.round(row.onTime.rate * L.rateWidth);
      if (width > 0) body.push(rect(L.rateLeft, y, width, L.barHeight, PALETTE.green));
      body.push(textAt(L.rateLeft + L.rateWidth + 6, middle, percentText(row.onTime), { size: 11 }));
    }
    const width = Math.round(row.overdue * unit);
    if (width > 0) body.push(rect(L.overdueLeft, y, width, L.barHeight, 'url(#overdue)'));
    body.push(textAt(L.overdueLeft + width + 6, middle, String(row.overdue), { size: 11 }));
  });
  if (rows.length > L.maxRows) {
    body.push(
      textAt(24, height - 16, `…and ${rows.length - L.maxRows} more agencies: see the scoreboard message.`, {
        size: 12,
        fill: PALETTE.muted,
      }),
    );
  }
  const lines = rows.map(
    (row) =>
      `${row.agency}: ${row.onTime.rate === undefined ? 'no on-time rate (nothing with a deadline closed)' : `on time ${percentText(row.onTime)} (${row.onTime.onTime} of ${row.onTime.closed})`}, ${row.overdue} overdue`,
  );
  const alt = `${title}. ${lines.join('; ')}.`;
  return { svg: svgDocument(L.width, height, title, body), alt, width: L.width, height };
}
