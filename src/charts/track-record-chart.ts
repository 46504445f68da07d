import type { OnTimeRate, WeekTally } from '../digest/track-record.js';
import { onTimeExplanation, percentText } from '../digest/track-record.js';
import { type Chart, niceScale, PALETTE, rect, stripes, svgDocument, textAt } from './chart.js';

/** Where things are drawn, exported so that a test can measure the rendered bars against the figures. */
export const TRACK_RECORD_LAYOUT = {
  width: 720,
  height: 384,
  plotLeft: 60,
  plotTop: 150,
  plotHeight: 200,
  groupWidth: 53,
  dueOffset: 8,
  closedOffset: 28,
  barWidth: 17,
  gaugeLeft: 24,
  gaugeTop: 88,
  gaugeWidth: 260,
  gaugeHeight: 14,
} as const;

/** Pixels per commitment on the vertical axis, for weeks whose largest figure is `max`. */
export function trackRecordUnit(max: number): number {
  return TRACK_RECORD_LAYOUT.plotHeight / niceScale(max).top;
}

/**
 * An agency's last 12 weeks: per week, the commitments that fell due (solid blue) beside those closed
 * as done (striped orange), each bar labelled with its figure; above them its on-time rate as a gauge.
 */
export function trackRecordChart(agency: string, tallies: readonly WeekTally[], onTime: OnTimeRate): Chart {
  const L = TRACK_RECORD_LAYOUT;
  const max = Math.max(0, ...tallies.flatMap((t) => [t.due, t.closed]));
  const { top, step } = niceScale(max);
  const unit = trackRecordUnit(max);
  const baseline = L.plotTop + L.plotHeight;
  const plotRight = L.plotLeft + L.groupWidth * tallies.length;
  const first = tallies[0]?.week.label ?? '';
  const last = tallies.at(-1)?.week.label ?? '';
  const title = `${agency}: commitments due and closed per week`;
  const body: string[] = [
    `<defs>${stripes('closed', PALETTE.orange, PALETTE.darkOrange)}</defs>`,
    textAt(24, 30, title, { size: 17, weight: 'bold' }),
    textAt(24, 52, `The ${tallies.length} weeks starting ${first} to ${last}, Monday to Sunday`, {
      size: 12,
      fill: PALETTE.muted,
    }),
    textAt(24, 78, `On time: ${percentText(onTime)} (${onTimeExplanation(onTime)})`, {
      size: 12,
      weight: 'bold',
    }),
    rect(L.gaugeLeft, L.gaugeTop, L.gaugeWidth, L.gaugeHeight, PALETTE.paper, `stroke="${PALETTE.ink}"`),
  ];
  if (onTime.rate !== undefined && onTime.rate > 0) {
    body.push(
      rect(L.gaugeLeft, L.gaugeTop, Math.round(onTime.rate * L.gaugeWidth), L.gaugeHeight, PALETTE.green),
    );
  }
  body.push(
    rect(24, 116, 12, 12, PALETTE.blue),
    textAt(42, 126, 'Due that week', { size: 12 }),
    rect(150, 116, 12, 12, 'url(#closed)'),
    textAt(168, 126, 'Closed as done that week', { size: 12 }),
  );
  for (let value = 0; value <= top; value += step) {
    const y = baseline - Math.round(value * unit);
    body.push(
      rect(L.plotLeft, y, plotRight - L.plotLeft, 1, value === 0 ? PALETTE.ink : PALETTE.grid),
      textAt(L.plotLeft - 8, y + 4, String(value), { size: 11, anchor: 'end', fill: PALETTE.muted }),
    );
  }
  tallies.forEach((tally, i) => {
    const x = L.plotLeft + i * L.groupWidth;
    body.push(...bar(x + L.dueOffset, baseline, tally.due, unit, PALETTE.blue));
    body.push(...bar(x + L.closedOffset, baseline, tally.closed, unit, 'url(#closed)'));
    body.push(
      textAt(x + L.groupWidth / 2, baseline + 18, tally.week.label, {
        size: 11,
        anchor: 'middle',
        fill: PALETTE.muted,
      }),
    );
  });
  const weeks = tallies.map((t) => `week of ${t.week.label}: ${t.due} due, ${t.closed} closed`).join('; ');
  const alt = `${title}, the ${tallies.length} weeks starting ${first} to ${last}. ${weeks}. On-time rate: ${percentText(onTime)}, ${onTimeExplanation(onTime)}.`;
  return { svg: svgDocument(L.width, L.height, title, body), alt, width: L.width, height: L.height };
}

/** A bar standing on the baseline, its figure above it; nothing is drawn for zero but the figure. */
function bar(x: number, baseline: number, value: number, unit: number, fill: string): string[] {
  const height = Math.round(value * unit);
  const label = textAt(x + 8.5, baseline - height - 5, String(value), { size: 10, anchor: 'middle' });
  return height > 0 ? [rect(x, baseline - height, 17, height, fill), label] : [label];
}
