import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgencyDirectory, type View } from '../../src/messages/view.js';
import type { Commitment } from '../../src/model/commitment.js';
import { leadAgency } from '../../src/model/commitment.js';
import { dueInstant } from '../../src/model/deadline.js';
import { SEES_EVERYTHING } from '../../src/model/visibility.js';
import { buildReport } from '../../src/report/build-report.js';
import { printToPdf, screenshot } from '../support/chromium.js';
import { decodePng } from '../support/png-pixels.js';
import { allCommitments } from '../support/read-store.js';
import { seedStocktake } from '../support/stocktake-seed.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker, type TestTracker } from '../support/test-tracker.js';

// jsdom ships no type declarations; only its constructor and the document are used.
// biome-ignore lint/suspicious/noExplicitAny: the DOM is walked freely in assertions
type Dom = { window: { document: any } };
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => Dom };
const { redis, prefix } = useTestRedis();
const DAY_MS = 86_400_000;
/** The 12 weeks before Monday 30 Nov 2026, in Kuala Lumpur and in Kolkata. */
const WINDOW_START: Record<string, number> = {
  MITI: Date.parse('2026-09-06T16:00:00.000Z'),
  MEITY: Date.parse('2026-09-06T18:30:00.000Z'),
  DPIIT: Date.parse('2026-09-06T18:30:00.000Z'),
};

let run = 0;
async function seeded(): Promise<{ t: TestTracker; all: Commitment[]; view: View }> {
  const t = buildTestTracker(redis, `${prefix}r${++run}:`);
  await seedStocktake(t);
  const directory = new AgencyDirectory(await t.agencies.list(), 'UTC');
  const view = { now: t.clock.now(), readerTimeZone: 'Asia/Kuala_Lumpur', timeZoneOf: directory.timeZoneOf };
  return { t, all: await allCommitments(t.commitments), view };
}

function dueAt(c: Commitment, view: View): number {
  return c.deadline ? dueInstant(c.deadline, view.timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
}

const isOpen = (c: Commitment) => c.status !== 'done' && c.status !== 'cancelled';

describe('the stocktake report', () => {
  it('gives each agency figures that match the store, its overdue items with owners and latest notes, and its deadline moves', async () => {
    const { t, all, view } = await seeded();
    const report = await buildReport(t.commitments, await t.agencies.list(), {}, view, SEES_EVERYTHING);
    expect(report.fileName).toBe('stocktake-2026-11-30.html');
    const doc = new JSDOM(report.html).window.document;
    const now = view.now.getTime();

    const summary = [...doc.querySelectorAll('section.summary table.figures tbody tr')].map((row) => [
      row.querySelector('th')!.textContent,
      ...[...row.querySelectorAll('td')].map((cell) => cell.textContent),
    ]);
    const expected = ['DPIIT', 'MEITY', 'MITI'].map((code) => {
      const mine = all.filter((c) => c.owners.includes(code));
      const open = mine.filter(isOpen);
      const closed = mine.filter(
        (c) =>
          c.status === 'done' &&
          Date.parse(c.closedAt!) >= WINDOW_START[code]! &&
          Date.parse(c.closedAt!) < now,
      );
      const dated = closed.filter((c) => c.deadline);
      const onTime = dated.filter((c) => Date.parse(c.closedAt!) <= dueAt(c, view)).length;
      return {
        code,
        overdue: open.filter((c) => dueAt(c, view) < now).length,
        row: [
          code,
          String(open.length),
          String(open.filter((c) => dueAt(c, view) < now).length),
          String(open.filter((c) => c.status === 'at-risk' || c.status === 'blocked').length),
          String(open.filter((c) => dueAt(c, view) >= now && dueAt(c, view) < now + 6 * DAY_MS).length),
          String(closed.length),
          dated.length === 0 ? 'none yet' : `${Math.round((onTime / dated.length) * 100)}%`,
        ],
      };
    });
    expected.sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code));
    expect(summary.map((row) => row.slice(0, 7))).toEqual(expected.map((e) => e.row));
    expect(expected[0]!.overdue).toBeGreaterThan(0);

    const miti = doc.querySelector('section#agency-MITI')!;
    const overdueRows = [...miti.querySelectorAll('h3 + table.list tbody tr')].filter((row) =>
      row.closest('table')?.previousElementSibling?.textContent?.startsWith('Overdue'),
    );
    const overdueIds = all
      .filter((c) => c.owners.includes('MITI') && isOpen(c) && dueAt(c, view) < now)
      .sort((a, b) => dueAt(a, view) - dueAt(b, view))
      .map((c) => c.id);
    expect(overdueRows.map((row) => row.querySelector('td.id')!.textContent)).toEqual(overdueIds);
    for (const row of overdueRows) {
      const c = all.find((item) => item.id === row.querySelector('td.id')!.textContent)!;
      const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
      expect(cells[2]).toBe('@U0AISHA');
      expect(cells[3]).toMatch(/^\d+ days? overdue$/);
      expect(cells[4]).toContain(c.notes.at(-1)!.text);
    }

    const fab = all.find((c) => c.title === 'Semiconductor fab incentives')!;
    const moves = [...miti.querySelectorAll('table.list tbody tr')]
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))
      .filter((cells) => cells[0] === fab.id);
    expect(moves).toEqual([
      [
        fab.id,
        fab.title,
        '2 Dec 2026',
        '16 Dec 2026',
        '14 days later',
        '24 Nov 2026, @U0AISHA',
        'awaiting cabinet note',
      ],
      [
        fab.id,
        fab.title,
        '16 Dec 2026',
        '23 Dec 2026',
        '7 days later',
        '26 Nov 2026, @U0AISHA',
        'budget committee',
      ],
    ]);
    expect(miti.textContent).toContain('Deadline moves, last 12 weeks (1, 21 days of slippage in total)');
    expect([...doc.querySelectorAll('section.area h2')].map((h) => h.textContent)).toEqual([
      'Area: digital',
      'Area: semiconductors',
      'Area: trade',
    ]);
  });

  it('is one self-contained page: no script, no stylesheet or image from anywhere, user text escaped', async () => {
    const { t, view } = await seeded();
    t.clock.set('2026-11-10T00:00:00.000Z');
    const typed = await t.tracker.execute(
      'add <img src=https://example.org/x.png> & <script>alert(1)</script> owner:MITI due:2026-11-20',
      { actor: { platform: 'console', userId: 'operator' } },
    );
    t.clock.set(view.now);
    const title = typed.commitment!.title;
    expect(title).toContain('<script>');
    const { html } = await buildReport(
      t.commitments,
      await t.agencies.list(),
      { agency: 'MITI' },
      view,
      SEES_EVERYTHING,
    );
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll('script, link, iframe, object, embed')).toHaveLength(0);
    const sources = [...doc.querySelectorAll('[src], [href]')].map(
      (el) => el.getAttribute('src') ?? el.getAttribute('href'),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(html).not.toMatch(/url\(|@import/);
    expect(doc.body.textContent).toContain(title);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc.querySelectorAll('figure img[alt]').length).toBe(doc.querySelectorAll('figure img').length);
  });

  it('renders in headless Chromium: a screenshot with its charts, and A4 pages when printed', async () => {
    const { t, view } = await seeded();
    const report = await buildReport(t.commitments, await t.agencies.list(), {}, view, SEES_EVERYTHING);
    const dir = await mkdtemp(join(tmpdir(), 'ft-report-'));
    const page = join(dir, report.fileName);
    await writeFile(page, report.html);

    const shot = join(dir, 'report.png');
    await screenshot(page, shot, { width: 1000, height: 1400 });
    const pixels = decodePng(await readFile(shot));
    expect([pixels.width, pixels.height]).toEqual([1000, 1400]);
    let coloured = 0;
    for (let y = 0; y < pixels.height; y += 4) {
      for (let x = 0; x < pixels.width; x += 4) {
        const [r, g, b] = pixels.at(x, y);
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
      }
    }
    // The charts' bars are the page's colour: a blank or unstyled page has none.
    expect(coloured).toBeGreaterThan(500);
    if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(shot, 'docs/stocktake-report.png');

    const pdf = join(dir, 'report.pdf');
    await printToPdf(page, pdf);
    const text = (await readFile(pdf)).toString('latin1');
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    // A cover with the summary, then one page at least for each of 3 agencies and 3 areas.
    expect(pages.length).toBeGreaterThanOrEqual(7);
    // A4 in points: 595 × 842.
    const boxes = text.match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
    expect(boxes.length).toBe(pages.length);
    for (const box of boxes) expect(box).toMatch(/^\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]$/);
  });
});
