import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../src/charts/chart.js';
import { renderPng } from '../../src/charts/render-png.js';
import { overdueUnit, SCOREBOARD_LAYOUT } from '../../src/charts/scoreboard-chart.js';
import { TRACK_RECORD_LAYOUT, trackRecordUnit } from '../../src/charts/track-record-chart.js';
import { buildDigest } from '../../src/digest/build-digest.js';
import { collectDigestData, collectScoreboardData } from '../../src/digest/digest-data.js';
import { buildScoreboard } from '../../src/digest/scoreboard.js';
import type { ImageBlock, Message } from '../../src/messages/message.js';
import { AgencyDirectory, type View } from '../../src/messages/view.js';
import type { Commitment } from '../../src/model/commitment.js';
import { leadAgency } from '../../src/model/commitment.js';
import { dueInstant } from '../../src/model/deadline.js';
import { SEES_EVERYTHING } from '../../src/model/visibility.js';
import { anyOf, darkPixels, decodePng, heightAt, near, widthAt } from '../support/png-pixels.js';
import { allCommitments } from '../support/read-store.js';
import { seedStocktake } from '../support/stocktake-seed.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker, type TestTracker } from '../support/test-tracker.js';

const { redis, prefix } = useTestRedis();
const DAY_MS = 86_400_000;

/** MITI's weeks start at Monday 00:00 in Kuala Lumpur: Sunday 16:00 UTC. */
const FIRST_WEEK = Date.parse('2026-09-06T16:00:00.000Z');

let run = 0;
async function seeded(): Promise<{
  t: TestTracker;
  all: Commitment[];
  view: View;
  directory: AgencyDirectory;
}> {
  const t = buildTestTracker(redis, `${prefix}c${++run}:`);
  await seedStocktake(t);
  const agencies = await t.agencies.list();
  const directory = new AgencyDirectory(agencies, 'UTC');
  const view = { now: t.clock.now(), readerTimeZone: 'Asia/Kuala_Lumpur', timeZoneOf: directory.timeZoneOf };
  // The test may read everything: the figures below are worked out from the store, not by the code under test.
  return { t, all: await allCommitments(t.commitments), view, directory };
}

function imageOf(message: Message): ImageBlock {
  const block = message.blocks[0];
  if (block?.type !== 'image') throw new Error('not a chart');
  return block;
}

function dueAt(c: Commitment, view: View): number {
  return c.deadline ? dueInstant(c.deadline, view.timeZoneOf(leadAgency(c))) : Number.NaN;
}

describe('charts, rendered to PNG and read back pixel by pixel', () => {
  it("an agency's weekly chart shows, per week, the commitments that fell due and were closed, and its on-time rate", async () => {
    const { t, all, view, directory } = await seeded();
    const miti = await collectDigestData(
      t.commitments,
      (await t.agencies.get('MITI'))!,
      view.now,
      directory,
      SEES_EVERYTHING,
    );
    const chart = imageOf(buildDigest(miti, view).replies[0]!);
    const pixels = decodePng(renderPng(chart.svg));
    expect([pixels.width, pixels.height]).toEqual([TRACK_RECORD_LAYOUT.width, TRACK_RECORD_LAYOUT.height]);

    const mine = all.filter((c) => c.owners.includes('MITI'));
    const expected = Array.from({ length: 12 }, (_, week) => {
      const [start, end] = [FIRST_WEEK + week * 7 * DAY_MS, FIRST_WEEK + (week + 1) * 7 * DAY_MS];
      const inWeek = (at: number) => at >= start && at < end;
      return {
        due: mine.filter((c) => c.status !== 'cancelled' && inWeek(dueAt(c, view))).length,
        closed: mine.filter((c) => c.status === 'done' && inWeek(Date.parse(c.closedAt!))).length,
      };
    });
    expect(expected.some((week) => week.due > 0 && week.closed > 0)).toBe(true);

    const L = TRACK_RECORD_LAYOUT;
    const unit = trackRecordUnit(Math.max(...expected.flatMap((week) => [week.due, week.closed])));
    const baseline = L.plotTop + L.plotHeight;
    const isDue = near(PALETTE.blue);
    const isClosed = anyOf(near(PALETTE.orange), near(PALETTE.darkOrange));
    const measured = expected.map((_, week) => {
      const left = L.plotLeft + week * L.groupWidth;
      const middle = (offset: number) => left + offset + Math.floor(L.barWidth / 2);
      return {
        due: Math.round(heightAt(pixels, middle(L.dueOffset), baseline, isDue) / unit),
        closed: Math.round(heightAt(pixels, middle(L.closedOffset), baseline, isClosed) / unit),
      };
    });
    expect(measured).toEqual(expected);

    const window = [FIRST_WEEK, FIRST_WEEK + 12 * 7 * DAY_MS];
    const closedDated = mine.filter((c) => {
      const at = Date.parse(c.closedAt ?? '');
      return c.status === 'done' && c.deadline && at >= window[0]! && at < window[1]!;
    });
    const rate =
      closedDated.filter((c) => Date.parse(c.closedAt!) <= dueAt(c, view)).length / closedDated.length;
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThan(1);
    const gauge = widthAt(pixels, L.gaugeLeft + 1, L.gaugeTop + L.gaugeHeight / 2, near(PALETTE.green)) + 1;
    expect(Math.abs(gauge - rate * L.gaugeWidth)).toBeLessThanOrEqual(1.5);
    expect(chart.alt).toContain(`On-time rate: ${Math.round(rate * 100)}%`);

    // The title is text: it renders from the packaged font, whatever fonts the host has.
    expect(darkPixels(pixels, { x: 24, y: 14, width: 300, height: 20 })).toBeGreaterThan(300);
  });

  it("the scoreboard's chart shows each agency's on-time rate and overdue count, most overdue first", async () => {
    const { t, all, view } = await seeded();
    const data = await collectScoreboardData(
      t.commitments,
      await t.agencies.list(),
      view.now,
      'UTC',
      SEES_EVERYTHING,
    );
    const chart = imageOf(buildScoreboard(data, view).replies[0]!);
    const pixels = decodePng(renderPng(chart.svg));

    const overdueOf = (code: string) =>
      all.filter(
        (c) =>
          c.owners.includes(code) &&
          !['done', 'cancelled'].includes(c.status) &&
          dueAt(c, view) < view.now.getTime(),
      ).length;
    const codes = ['DPIIT', 'MEITY', 'MITI'];
    const order = [...codes].sort((a, b) => overdueOf(b) - overdueOf(a) || a.localeCompare(b));
    expect(overdueOf(order[0]!)).toBeGreaterThan(0);
    const L = SCOREBOARD_LAYOUT;
    const unit = overdueUnit(Math.max(...codes.map(overdueOf)));
    const isOverdue = anyOf(near(PALETTE.vermillion), near(PALETTE.darkVermillion));
    order.forEach((code, row) => {
      const y = L.rowsTop + row * L.rowHeight + L.barHeight / 2;
      expect(Math.round(widthAt(pixels, L.overdueLeft, y, isOverdue) / unit)).toBe(overdueOf(code));
      const closed = all.filter(
        (c) =>
          c.owners.includes(code) &&
          c.status === 'done' &&
          c.deadline &&
          Date.parse(c.closedAt!) >= FIRST_WEEK,
      );
      const onTime = closed.filter((c) => Date.parse(c.closedAt!) <= dueAt(c, view)).length;
      const width = widthAt(pixels, L.rateLeft, y, near(PALETTE.green));
      if (closed.length === 0) expect(width).toBe(0);
      else expect(Math.abs(width - (onTime / closed.length) * L.rateWidth)).toBeLessThanOrEqual(1);
    });
    expect(chart.alt).toContain(`${order[0]}: on time`);
  });
});
