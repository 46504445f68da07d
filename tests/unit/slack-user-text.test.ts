import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderPage, renderWhole } from '../../adapters/slack/block-kit.js';
import { homeView } from '../../adapters/slack/home-tab.js';
import { deadlineModal, doneModal, messageModal, updateModal } from '../../adapters/slack/modals.js';
import { userText } from '../../adapters/slack/mrkdwn.js';
import { buildDigest } from '../../src/digest/build-digest.js';
import {
  commitmentCard,
  commitmentDetails,
  commitmentList,
  notice,
} from '../../src/messages/commitment-messages.js';
import { homeOverview } from '../../src/messages/home-overview.js';
import { overdueRollup } from '../../src/messages/overdue-message.js';
import { reminderMessage } from '../../src/messages/reminder-message.js';
import type { View } from '../../src/messages/view.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { HistoryEvent } from '../../src/model/history-event.js';
import { digestDataOf } from '../support/digest-fixtures.js';

/** What people type that Slack would otherwise turn into links, pings, formatting or a quote. */
const TYPED =
  'Renew access at <https://evil.example/login> *today* _urgent_ ~gone~ `code` https://bare.example #general @here <!channel>';
const QUOTED = '> not a quote\nsecond line *bold*';

const NOW = new Date('2026-11-25T02:00:00Z');
const view: View = { now: NOW, readerTimeZone: 'Asia/Kuala_Lumpur', timeZoneOf: () => 'Asia/Kuala_Lumpur' };
const MITI: Agency = {
  code: 'MITI',
  name: 'Ministry <b>*Trade*</b>',
  timeZone: 'Asia/Kuala_Lumpur',
  country: 'MY',
  channels: [],
};

const commitment: Commitment = {
  id: 'C-7',
  title: TYPED,
  owners: ['MITI'],
  person: { platform: 'teams', userId: 'aad-1', name: '*Priya* _Ops_ <@U1>' },
  deadline: { kind: 'date', date: '2026-11-20' },
  area: 'trade',
  source: TYPED,
  status: 'open',
  notes: [{ at: '2026-11-24T01:00:00Z', by: 'slack:U1', text: QUOTED }],
  createdBy: 'slack:U1',
  createdAt: '2026-11-01T00:00:00Z',
  updatedBy: 'slack:U1',
  updatedAt: '2026-11-24T01:00:00Z',
  version: 3,
};
const closed: Commitment = {
  ...commitment,
  id: 'C-8',
  status: 'done',
  closingNote: TYPED,
  closedAt: '2026-11-24T02:00:00Z',
};
const history: HistoryEvent[] = [
  { at: '2026-11-01T00:00:00Z', by: 'slack:U1', type: 'created', changes: {} },
  { at: '2026-11-24T01:00:00Z', by: 'slack:U1', type: 'note-added', changes: { note: { after: QUOTED } } },
  {
    at: '2026-11-24T01:30:00Z',
    by: 'teams:aad-2',
    type: 'deadline-moved',
    changes: {
      deadline: { before: { kind: 'date', date: '2026-11-10' }, after: { kind: 'date', date: '2026-11-20' } },
    },
    reason: TYPED,
  },
];
const reading = { leadTimeZone: 'Asia/Kuala_Lumpur', readerTimeZone: 'Asia/Kuala_Lumpur', now: NOW };

type Rendered = { text?: string; blocks: KnownBlock[] | unknown[] };

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...commitment, id: `C-${i + 10}` }));
const digest = buildDigest(
  digestDataOf(MITI, NOW, {
    open: 1,
    overdue: 1,
    closedLastWeek: 1,
    lists: {
      overdue: { items: [commitment], total: 1 },
      dueSoon: { items: [commitment], total: 1 },
      attention: { items: [], total: 0 },
      closedLastWeek: { items: [closed], total: 1 },
    },
    movesLastWeek: [
      {
        commitment,
        move: {
          id: commitment.id,
          at: '2026-11-24T01:30:00Z',
          by: 'slack:U1',
          after: '2026-12-20',
          reason: TYPED,
        },
      },
    ],
  }),
  view,
);

/** Every surface the bot shows user text on, rendered as Slack gets it. */
const SURFACES: [string, () => Rendered][] = [
  [
    'the announcement of an added commitment',
    () =>
      renderWhole(
        commitmentCard(commitment, view, `🆕 New commitment ${commitment.id}`, { callOwner: true }),
      ),
  ],
  [
    'a closing announcement with its note',
    () => renderWhole(commitmentCard(closed, view, `✅ C-8 is done: ${TYPED}`)),
  ],
  ['a private answer quoting the text', () => renderPage(notice(`Updated: ${TYPED}`, TYPED))],
  ['show, with notes, source and history', () => renderPage(commitmentDetails(closed, history, view))],
  ['a reminder', () => renderWhole(reminderMessage(commitment, view, 'slack'))],
  ['an overdue roll-up', () => renderWhole(overdueRollup(MITI, [commitment], view))],
  [
    'a digest parent and its replies',
    () => ({ blocks: [digest.parent, ...digest.replies].flatMap((m) => renderWhole(m).blocks) }),
  ],
  [
    'a list, second page behind Show more',
    () =>
      renderPage(commitmentList('All', many(30), view, 'none'), {
        page: 1,
        pageSize: 20,
        moreValue: () => 'x',
      }),
  ],
  [
    'the App Home',
    () =>
      homeView(
        homeOverview(
          { items: [commitment], total: 1, more: false },
          { items: [commitment], total: undefined, more: true },
          ['MITI'],
          view,
        ),
        notice(TYPED),
      ),
  ],
  ['the Mark done modal', () => doneModal(commitment, { id: 'C-7' }, reading)],
  ['the Post update modal', () => updateModal(commitment, { id: 'C-7' }, reading)],
  ['the Change deadline modal', () => deadlineModal(commitment, { id: 'C-7' }, reading)],
  ['a message modal', () => messageModal('Note', notice(TYPED, TYPED))],
];

interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  verbatim?: boolean;
}

function textObjects(rendered: Rendered): TextObject[] {
  const found: TextObject[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string')
      found.push(record as unknown as TextObject);
    for (const value of Object.values(record)) visit(value);
  };
  visit(rendered.blocks);
  return found;
}

/** What a reader sees of a text object: entities decoded, invisible marks and look-alikes read as what they stand for. */
function asShown(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/∗/g, '*')
    .replace(/ˍ/g, '_')
    .replace(/∼/g, '~')
    .replace(/ˋ/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('user text reaches Slack exactly as typed, on every surface', () => {
  it.each(SURFACES)(
    '%s: mrkdwn is verbatim and nothing typed links, pings, formats or quotes',
    (_name, render) => {
      const rendered = render();
      const objects = textObjects(rendered);
      expect(objects.length).toBeGreaterThan(0);
      const mrkdwn = [
        ...objects.filter((object) => object.type === 'mrkdwn').map((object) => object.text),
        rendered.text ?? '',
      ];
      for (const object of objects) {
        if (object.type === 'mrkdwn') expect(object.verbatim).toBe(true);
        // The only markup left is the bot's own: a mention of a Slack user by id, and a date token.
        const own = /<@U[A-Z0-9]+>|<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>|]*>/g;
        expect(object.text.replace(own, '')).not.toMatch(/[<>]/);
      }
      // plain_text shows formatting characters as typed; in mrkdwn they must not format.
      for (const text of mrkdwn) {
        expect(text).not.toMatch(/\*today\*|_urgent_|~gone~|`code`|\*bold\*|\*Priya\*|_Ops_/);
        expect(text).not.toMatch(/(^|\n)\s*&gt;/);
      }
    },
  );

  it.each(SURFACES.filter(([name]) => !/modal|Home|roll-up|digest|list/.test(name)))(
    '%s: shows every typed character',
    (_name, render) => {
      const shown = textObjects(render())
        .map((object) => asShown(object.text))
        .join('\n');
      expect(shown).toContain(TYPED);
    },
  );

  it('a title on a list line is inert mrkdwn that reads as typed, beside a real mention', () => {
    const owned = { ...commitment, person: { platform: 'slack' as const, userId: 'U42' } };
    const rendered = renderPage(commitmentList('All', [owned], view, 'none'));
    const line = textObjects(rendered).find((object) => object.text.includes('C-7'))!;
    expect(line.type).toBe('mrkdwn');
    expect(line.text).toContain('<@U42>');
    expect(asShown(line.text)).toContain(TYPED);
  });

  it('text alone goes as plain_text, shown exactly as typed', () => {
    const [object] = textObjects(renderPage(notice(TYPED)));
    expect(object).toMatchObject({ type: 'plain_text' });
    expect(asShown(object!.text)).toBe(TYPED);
    expect(object!.text).toContain('*today* _urgent_');
  });

  it('userText neutralises each mrkdwn control and nothing else', () => {
    expect(userText('a*b_c~d`e & <f> ok')).toBe('a∗bˍc∼dˋe &amp; &lt;f&gt; ok');
    expect(userText('> quote\n  > again')).toBe('\u00ad&gt; quote\n  \u00ad&gt; again');
    expect(userText('Launch the dialogue, phase 2')).toBe('Launch the dialogue, phase 2');
  });

  it('userText changes a text holding any one of the controls alone, not only several together', () => {
    const shown = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '*': '∗', _: 'ˍ', '~': '∼', '`': 'ˋ' };
    for (const [control, as] of Object.entries(shown)) expect(userText(`a${control}b`)).toBe(`a${as}b`);
    expect(userText('> alone')).toBe('\u00ad&gt; alone');
  });
});
