import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Chart } from '../charts/chart.js';
import { scoreboardChart } from '../charts/scoreboard-chart.js';
import { trackRecordChart } from '../charts/track-record-chart.js';
import { momentText } from '../dates/time-display.js';
import { moveDays, movedCommitments, slippageWords } from '../digest/deadline-moves.js';
import type { DigestFigures } from '../digest/digest-data.js';
import { daysOverdue, latestNote, overdueWords } from '../digest/overdue-facts.js';
import { onTimeExplanation, percentText, TRACK_RECORD_WEEKS } from '../digest/track-record.js';
import { dueText } from '../messages/commitment-line.js';
import { daysMovedWords, deadlineFromText, deadlineWords } from '../messages/history-words.js';
import type { View } from '../messages/view.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import { dueInstant } from '../model/deadline.js';
import { parsePersonKey, personKey } from '../model/platform.js';
import { type ReportData, type ReportSection, sectionFigures } from './report-data.js';
import { REPORT_CSS } from './report-style.js';

const FORTNIGHT_MS = 14 * 86_400_000;

/**
 * The stocktake as one self-contained HTML page: inline CSS, charts as inline images, no request to
 * anywhere. A summary first, then a page per agency and per area with its figures, its chart, its overdue
 * items with owners and latest notes, and its deadline moves. Prints on A4, a section to a page.
 */
export function reportHtml(data: ReportData, view: View): string {
  const names = peopleNames(data);
  const scope = [
    data.scope.agency ?? 'all agencies',
    data.scope.area ? `area ${data.scope.area}` : 'all areas',
  ].join(', ');
  const generated = momentText(data.now.getTime(), data.readerTimeZone);
  const title = `Delivery stocktake: ${scope}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body><main>',
    '<header class="cover">',
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">Generated ${esc(generated)} by followthrough. Figures cover the ${TRACK_RECORD_WEEKS} full weeks before this one and what is open now.</p>`,
    `<p class="meta">${esc(restrictedWords(data.restrictedOf))}</p>`,
    '</header>',
    summary(data, view),
    ...ranked(data.agencies, view).map(({ section }) => sectionHtml(section, view, names)),
    ...(data.scope.area && data.agencies.length > 0
      ? []
      : data.areas.map((section) => sectionHtml(section, view, names))),
    '</main></body></html>',
  ].join('\n');
}

/** What the reader is told about restricted commitments: which are in the report, so none is assumed absent. */
function restrictedWords(restrictedOf: ReportData['restrictedOf']): string {
  if (restrictedOf === 'all')
    return 'Restricted commitments are included: keep this report to those who may see them.';
  if (restrictedOf.length === 0) {
    return 'Restricted commitments are not included: it was made where only open commitments may be seen.';
  }
  return `Restricted commitments of ${restrictedOf.join(', ')} are included, as in their channels: keep this report to those who may see them. Those of other agencies are not.`;
}

function summary(data: ReportData, view: View): string {
  if (data.agencies.length === 0)
    return '<section class="summary"><p>No agency is in this report’s scope.</p></section>';
  const rows = data.agencies.map((s) => ({
    section: s,
    f: sectionFigures(s.data, view.now, view.timeZoneOf),
  }));
  rows.sort(
    (a, b) =>
      b.f.overdue - a.f.overdue || b.f.atRisk - a.f.atRisk || a.section.title.localeCompare(b.section.title),
  );
  const chart = scoreboardChart(
    rows.map(({ section, f }) => ({ agency: section.title, onTime: f.onTime, overdue: f.overdue })),
    '',
  );
  return [
    '<section class="summary">',
    '<h2>Summary by agency</h2>',
    '<table class="figures"><thead><tr><th>Agency</th><th>Open</th><th>Overdue</th><th>At risk or blocked</th><th>Due this week</th>',
    `<th>Closed, ${TRACK_RECORD_WEEKS} weeks</th><th>On-time rate</th><th>Deadlines moved, ${TRACK_RECORD_WEEKS} weeks</th></tr></thead><tbody>`,
    ...rows.map(({ section, f }) => {
      const moved = movedCommitments(section.moves, view.timeZoneOf);
      return `<tr><th scope="row">${esc(section.title)}</th>${cells([f.open, f.overdue, f.atRisk, f.dueThisWeek, section.data.done.length, percentText(f.onTime), movedText(moved)])}</tr>`;
    }),
    '</tbody></table>',
    `<p class="note">On-time rate: of the commitments with a deadline closed as done in the last ${TRACK_RECORD_WEEKS} weeks, the share closed on or before it. A commitment owned by several agencies counts for each.</p>`,
    figure(chart),
    '</section>',
  ].join('\n');
}

/** Agencies as the scoreboard orders them: the most overdue first, then the most at risk. */
function ranked(sections: ReportSection[], view: View): { section: ReportSection; f: DigestFigures }[] {
  return sections
    .map((section) => ({ section, f: sectionFigures(section.data, view.now, view.timeZoneOf) }))
    .sort(
      (a, b) =>
        b.f.overdue - a.f.overdue ||
        b.f.atRisk - a.f.atRisk ||
        a.section.title.localeCompare(b.section.title),
    );
}

function sectionHtml(section: ReportSection, view: View, names: Map<string, string>): string {
  const f = sectionFigures(section.data, view.now, view.timeZoneOf);
  const label = section.kind === 'area' ? section.data.agency.code : section.title;
  const chart = trackRecordChart(label, section.data.record.tallies, section.data.record.onTime);
  const now = view.now.getTime();
  const overdue = section.data.open.filter((c) => dueOf(c, view) < now);
  const soon = section.data.open.filter((c) => dueOf(c, view) >= now && dueOf(c, view) < now + FORTNIGHT_MS);
  return [
    `<section class="page ${section.kind}" id="${esc(`${section.kind}-${label}`)}">`,
    `<h2>${esc(section.title)}${section.subtitle ? ` <small>${esc(section.subtitle)}</small>` : ''}</h2>`,
    figureList(f, section),
    figure(chart),
    `<h3>Overdue (${overdue.length})</h3>`,
    overdue.length === 0 ? '<p class="none">Nothing is overdue.</p>' : overdueTable(overdue, view, names),
    `<h3>Due in the next 14 days (${soon.length})</h3>`,
    soon.length === 0
      ? '<p class="none">Nothing falls due in the next 14 days.</p>'
      : soonTable(soon, view, names),
    movesHtml(section, view, names),
    '</section>',
  ].join('\n');
}

function figureList(f: DigestFigures, section: ReportSection): string {
  const items: [string, string, string?][] = [
    ['Open', String(f.open)],
    ['Overdue', String(f.overdue)],
    ['At risk or blocked', String(f.atRisk)],
    ['Due this week', String(f.dueThisWeek)],
    [`Closed, last ${TRACK_RECORD_WEEKS} weeks`, String(section.data.done.length)],
    ['On-time rate', percentText(f.onTime), onTimeExplanation(f.onTime)],
  ];
  const card = ([term, value, explain]: [string, string, string?]) =>
    `<div><dt>${esc(term)}</dt><dd>${esc(value)}${explain ? `<span class="explain">${esc(explain)}</span>` : ''}</dd></div>`;
  return `<dl class="cards">${items.map(card).join('')}</dl>`;
}

function overdueTable(items: Commitment[], view: View, names: Map<string, string>): string {
  const rows = [...items]
    .sort((a, b) => dueOf(a, view) - dueOf(b, view))
    .map((c) => {
      const note = latestNote(c);
      const noteText = note
        ? `${esc(note.text)} <span class="by">(${esc(day(note.at, view))}, ${esc(nameOf(note.by, names))})</span>`
        : '<span class="none">no progress note yet</span>';
      return `<tr><td class="id">${esc(c.id)}</td><td>${esc(c.title)}<div class="sub">${esc(c.owners.join(', '))} · due ${esc(dueText(c, view))}</div></td><td>${esc(c.person ? personLabel(c.person.platform, c.person.userId, c.person.name, names) : 'none named')}</td><td class="num">${esc(overdueWords(daysOverdue(c, view.now, view.timeZoneOf(leadAgency(c)))))}</td><td>${noteText}</td></tr>`;
    });
  return `<table class="list"><thead><tr><th>Id</th><th>Commitment</th><th>Owner</th><th>Late by</th><th>Latest progress note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function soonTable(items: Commitment[], view: View, names: Map<string, string>): string {
  const rows = items.map(
    (c) =>
      `<tr><td class="id">${esc(c.id)}</td><td>${esc(c.title)}<div class="sub">${esc(c.owners.join(', '))}</div></td><td>${esc(c.person ? personLabel(c.person.platform, c.person.userId, c.person.name, names) : 'none named')}</td><td>${esc(dueText(c, view))}</td><td>${esc(c.status.replace('-', ' '))}</td></tr>`,
  );
  return `<table class="list"><thead><tr><th>Id</th><th>Commitment</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function movesHtml(section: ReportSection, view: View, names: Map<string, string>): string {
  const moved = movedCommitments(section.moves, view.timeZoneOf);
  const heading = `<h3>Deadline moves, last ${TRACK_RECORD_WEEKS} weeks (${moved.length === 0 ? 'none' : movedText(moved)})</h3>`;
  if (moved.length === 0) return `${heading}<p class="none">No deadline moved.</p>`;
  const rows = section.moves.map(({ move, commitment }) => {
    const lead = view.timeZoneOf(leadAgency(commitment));
    const before = deadlineFromText(move.before);
    const after = deadlineFromText(move.after);
    const days = moveDays(move, lead);
    return `<tr><td class="id">${esc(commitment.id)}</td><td>${esc(commitment.title)}</td><td>${esc(before ? deadlineWords(before, lead) : 'none')}</td><td>${esc(after ? deadlineWords(after, lead) : 'removed')}</td><td class="num">${esc(days === undefined ? '–' : daysMovedWords(days).replace(/^ \((.*)\)$/, '$1') || 'same day')}</td><td>${esc(day(move.at, view))}, ${esc(nameOf(move.by, names))}</td><td>${esc(move.reason ?? '')}</td></tr>`;
  });
  return `${heading}<table class="list"><thead><tr><th>Id</th><th>Commitment</th><th>From</th><th>To</th><th>By</th><th>When, who</th><th>Why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function movedText(moved: ReturnType<typeof movedCommitments>): string {
  if (moved.length === 0) return '0';
  const days = moved.reduce((sum, entry) => sum + entry.slippageDays, 0);
  return `${moved.length}, ${slippageWords(days)}`;
}

/** A chart as an image in the page itself (an SVG data URI), its figures in the alt text. */
function figure(chart: Chart): string {
  const src = `data:image/svg+xml;base64,${Buffer.from(chart.svg).toString('base64')}`;
  return `<figure><img src="${src}" width="${chart.width}" height="${chart.height}" alt="${esc(chart.alt)}"></figure>`;
}

function cells(values: (string | number)[]): string {
  return values.map((value) => `<td class="num">${esc(String(value))}</td>`).join('');
}

/** Names the report knows: owner persons carry theirs, so their notes and moves show names, not ids. */
function peopleNames(data: ReportData): Map<string, string> {
  const names = new Map<string, string>();
  for (const section of data.agencies) {
    for (const c of [...section.data.open, ...section.data.done, ...section.moves.map((m) => m.commitment)]) {
      if (c.person?.name) names.set(personKey(c.person), c.person.name);
    }
  }
  return names;
}

function nameOf(by: string, names: Map<string, string>): string {
  const person = parsePersonKey(by);
  return person ? personLabel(person.platform, person.userId, undefined, names) : by;
}

function personLabel(
  platform: string,
  userId: string,
  name: string | undefined,
  names: Map<string, string>,
): string {
  if (platform === 'console') return userId;
  return `@${name ?? names.get(`${platform}:${userId}`) ?? userId}`;
}

function day(iso: string, view: View): string {
  return format(new TZDate(Date.parse(iso), view.readerTimeZone), 'd MMM yyyy');
}

function dueOf(c: Commitment, view: View): number {
  return c.deadline ? dueInstant(c.deadline, view.timeZoneOf(leadAgency(c))) : Number.POSITIVE_INFINITY;
}

/** Everything shown is escaped: titles and notes are user text and never become markup. */
export function esc(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
