import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard, CardElement } from '../../adapters/teams/adaptive-card.js';
import { addFormCard } from '../../adapters/teams/add-form-card.js';
import { CARD_FIELDS, inputId } from '../../adapters/teams/card-action-data.js';
import { pageMessage } from '../../adapters/teams/card-pages.js';
import { answerFor } from '../../adapters/teams/error-answers.js';
import { welcomeMessage } from '../../adapters/teams/membership.js';
import { MAX_LINES_PER_CARD, renderCard } from '../../adapters/teams/render-card.js';
import { parseDuration } from '../../src/dates/duration.js';
import { buildDigest } from '../../src/digest/build-digest.js';
import { buildScoreboard } from '../../src/digest/scoreboard.js';
import { rateOf } from '../../src/digest/track-record.js';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';
import { UnknownCommitmentError } from '../../src/errors/unknown-commitment-error.js';
import {
  commitmentCard,
  commitmentDetails,
  commitmentList,
  notice,
} from '../../src/messages/commitment-messages.js';
import { deliveryFailureReport } from '../../src/messages/delivery-failure-report.js';
import { errorMessage, internalErrorMessage } from '../../src/messages/error-message.js';
import { escalationMessage } from '../../src/messages/escalation-message.js';
import { homeOverview } from '../../src/messages/home-overview.js';
import type { Message } from '../../src/messages/message.js';
import { ACTION_IDS, section, text } from '../../src/messages/message.js';
import { overdueRollup } from '../../src/messages/overdue-message.js';
import { reminderMessage } from '../../src/messages/reminder-message.js';
import { schedulerProblemMessage } from '../../src/messages/scheduler-problem-message.js';
import type { View } from '../../src/messages/view.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { HistoryEvent } from '../../src/model/history-event.js';
import type { PersonRef } from '../../src/model/platform.js';
import { helpResult } from '../../src/tracker/help.js';
import { digestDataOf } from '../support/digest-fixtures.js';
import { checkAdaptiveCard } from '../support/teams-adaptive-cards.js';

const NOW = new Date('2026-06-10T04:00:00Z');
const view: View = {
  now: NOW,
  readerTimeZone: 'Asia/Kuala_Lumpur',
  timeZoneOf: (code) => (code === 'MEITY' ? 'Asia/Kolkata' : 'Asia/Kuala_Lumpur'),
};
const alice: PersonRef = { platform: 'teams', userId: 'aad-alice', name: 'Alice Tan' };
const slackRavi: PersonRef = { platform: 'slack', userId: 'U0RAVI', name: 'ravi' };
const MITI: Agency = {
  code: 'MITI',
  name: 'Ministry of Investment, Trade and Industry',
  timeZone: 'Asia/Kuala_Lumpur',
  country: 'MY',
  channels: [],
};

function commitment(overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 'C-7',
    title: 'Launch the semiconductor supply-chain dialogue',
    owners: ['MITI', 'MEITY'],
    person: alice,
    deadline: { kind: 'date', date: '2026-06-15' },
    area: 'semiconductors',
    source: 'Joint Statement, para 12',
    status: 'open',
    notes: [{ at: '2026-06-02T03:00:00Z', by: 'teams:aad-alice', text: 'Draft terms of reference shared' }],
    createdBy: 'teams:aad-alice',
    createdAt: '2026-06-01T03:00:00Z',
    updatedBy: 'teams:aad-alice',
    updatedAt: '2026-06-02T03:00:00Z',
    version: 2,
    ...overrides,
  };
}

const history: HistoryEvent[] = [
  {
    at: '2026-06-01T03:00:00Z',
    by: 'teams:aad-alice',
    type: 'created',
    changes: { title: { after: 'Launch' } },
  },
  {
    at: '2026-06-03T03:00:00Z',
    by: 'slack:U0RAVI',
    type: 'deadline-moved',
    changes: {
      deadline: { before: { kind: 'date', date: '2026-06-12' }, after: { kind: 'date', date: '2026-06-15' } },
    },
    reason: 'cabinet meets on the 14th',
  },
];

const open = commitment();
const overdue = commitment({
  id: 'C-3',
  title: 'Sign the MoU',
  deadline: { kind: 'date', date: '2026-05-20' },
  person: undefined,
});
const closed = commitment({
  id: 'C-9',
  status: 'done',
  closingNote: 'Signed, see the press release',
  closedAt: '2026-06-05T03:00:00Z',
});
const digestData = digestDataOf(MITI, NOW, {
  open: 2,
  overdue: 1,
  dueThisWeek: 1,
  closedLastWeek: 1,
  record: { ...digestDataOf(MITI, NOW).record, closed: 1, onTime: rateOf(1, 1) },
  lists: {
    overdue: { items: [overdue], total: 1 },
    dueSoon: { items: [open], total: 1 },
    attention: { items: [], total: 0 },
    closedLastWeek: { items: [closed], total: 1 },
  },
});
const digest = buildDigest(digestData, view);
const scoreboard = buildScoreboard({ agencies: [digestData], totals: digestData }, view);

/** Every kind of message the Teams bot sends: answers, announcements, scheduler posts, its own notes. */
const EVERY_MESSAGE: [string, Message][] = [
  ['help', helpResult().reply],
  ['help for a subcommand', helpResult('add').reply],
  ['a notice', notice('✅ Added C-7: Launch (Mon 15 Jun 2026 (in 5 days)).', 'MITI · Asia/Kuala_Lumpur')],
  [
    'a user error with usage',
    errorMessage(
      new InvalidDateError('31 Feb', 'impossible', 'There is no 31 February.', 'add <title> due:<date>'),
    ),
  ],
  ['an unknown commitment', errorMessage(new UnknownCommitmentError('C-99'))],
  ['an internal error', internalErrorMessage('abc12345')],
  [
    'a connector refusal',
    answerFor(Object.assign(new Error('x'), { statusCode: 403 }), pino({ level: 'silent' }), {}, NOW),
  ],
  ['an open commitment card', commitmentCard(open, view, 'New commitment C-7, led by MITI:')],
  ['a closed commitment card', commitmentCard(closed, view, '✅ C-9 is done: Signed')],
  ['commitment details', commitmentDetails(open, history, view)],
  ['closed commitment details', commitmentDetails(closed, history, view)],
  ['a list', commitmentList('Open commitments', [open, overdue], view, 'Nothing is open.')],
  ['an empty list', commitmentList('Open commitments', [], view, 'Nothing is open. 🎉')],
  [
    'a home overview',
    homeOverview(
      { items: [open], total: 1, more: false },
      { items: [overdue], total: undefined, more: true },
      ['MITI'],
      view,
    ),
  ],
  ['a digest parent', digest.parent],
  ...digest.replies.map((reply, i): [string, Message] => [`digest reply ${i + 1}`, reply]),
  ['a scoreboard', scoreboard.parent],
  ['a scoreboard chart', scoreboard.replies[0]!],
  ['a reminder on Teams', reminderMessage(open, view, 'teams')],
  ['a reminder for a Slack owner', reminderMessage({ ...open, person: slackRavi }, view, 'teams')],
  ['an overdue roll-up', overdueRollup(MITI, [overdue], view)],
  ['an escalation', escalationMessage([overdue], parseDuration('7d')!, view)],
  [
    'a scheduler problem',
    schedulerProblemMessage({
      scheduler: 'digest-MITI',
      pattern: '0 9 * * 1',
      timeZone: 'Asia/Kuala_Lumpur',
      reason: 'bad cron',
    }),
  ],
  [
    'a delivery failure report',
    deliveryFailureReport(
      [
        {
          key: 'reminder:C-7:v3:1d:teams:19:x',
          channel: 'teams:19:x',
          reason: 'bot removed',
          at: '2026-06-09T01:00:00Z',
        },
      ],
      'Asia/Kuala_Lumpur',
    ),
  ],
  ['the welcome in a channel', welcomeMessage('channel')],
  ['the welcome in a personal chat', welcomeMessage('personal')],
];

function expectValid(card: AdaptiveCard): void {
  const { events } = checkAdaptiveCard(card);
  expect(events).toEqual([]);
}

function elements(card: AdaptiveCard): CardElement[] {
  const out: CardElement[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as CardElement;
    if (typeof element.type === 'string') out.push(element);
    for (const key of ['body', 'items', 'inlines', 'actions', 'card']) if (key in element) walk(element[key]);
  };
  walk(card);
  return out;
}

describe('every card the bot can send passes Microsoft’s Adaptive Cards SDK', () => {
  it('(the check itself reports unknown elements, bad values and duplicate input ids)', () => {
    const { events } = checkAdaptiveCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Bogus' },
        { type: 'TextBlock', text: 'x', size: 'Huge' },
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Input.Text', id: 'a', label: 'B' },
      ],
    });
    expect(events.join('\n')).toMatch(/Bogus/);
    expect(events.join('\n')).toMatch(/Huge/);
    expect(events.join('\n')).toMatch(/[Dd]uplicate/);
  });

  it.each(EVERY_MESSAGE)('%s', (_name, message) => {
    const cards = pageMessage(message).map((page) => renderCard(page));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.version).toBe('1.5');
      expectValid(card);
    }
  });

  it('the Track as commitment form, with agencies, without, and with a problem to fix', () => {
    expectValid(
      addFormCard({ title: 'Share the draft MoU', lead: 'MITI', source: 'Teams message from Ravi' }, [
        'MEITY',
        'MITI',
      ]),
    );
    expectValid(addFormCard({ supporting: ['MEITY'] }, ['MEITY', 'MITI'], 'There is no 31 February.'));
    expectValid(addFormCard({}, [], 'Add an agency first with `agency add`.'));
  });

  it('a list longer than one card is cut into valid cards of at most 25 lines', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      commitment({ id: `C-${i + 1}`, title: `Item ${i + 1}` }),
    );
    const cards = pageMessage(commitmentList('All commitments', many, view, 'none')).map((page) =>
      renderCard(page),
    );
    expect(cards).toHaveLength(3);
    const lines = cards.map(
      (card) => elements(card).filter((e) => e.type === 'Container' && e.spacing === 'Small').length,
    );
    expect(lines).toEqual([MAX_LINES_PER_CARD, MAX_LINES_PER_CARD, 10]);
    cards.forEach(expectValid);
    expect(cards[2]!.fallbackText).toMatch(/\(3\/3\)$/);
  });
});

describe('commitment buttons', () => {
  const card = renderCard(commitmentCard(open, view));
  const actions = elements(card).filter((e) => e.type.startsWith('Action.'));

  it('acting at once are Universal Actions with the neutral action id as verb and the commitment as value', () => {
    const snooze = actions.find((a) => a.verb === ACTION_IDS.snoozeDay);
    expect(snooze).toMatchObject({
      type: 'Action.Execute',
      data: { action: ACTION_IDS.snoozeDay, value: 'C-7' },
    });
  });

  it('Mark done asks for the closing note inside the card', () => {
    const form = actions.find(
      (a) => a.type === 'Action.ShowCard' && a.title === 'Mark done',
    ) as CardElement & { card: AdaptiveCard };
    const inputs = elements(form.card).filter((e) => e.type.startsWith('Input.'));
    expect(inputs.map((i) => i.id)).toEqual([inputId(CARD_FIELDS.closingNote, 'C-7')]);
    expect(elements(form.card).find((e) => e.type === 'Action.Execute')).toMatchObject({
      verb: ACTION_IDS.markDone,
      style: 'positive',
    });
  });

  it('Change deadline asks for a date and a required reason', () => {
    const form = actions.find((a) => a.title === 'Change deadline') as CardElement & { card: AdaptiveCard };
    const inputs = elements(form.card).filter((e) => e.type.startsWith('Input.'));
    expect(inputs).toMatchObject([
      { type: 'Input.Date', id: 'newDue.C-7', isRequired: true },
      { type: 'Input.Text', id: 'dueReason.C-7', isRequired: true },
    ]);
  });

  it('Post update offers the active statuses and requires a note', () => {
    const form = actions.find((a) => a.title === 'Post update') as CardElement & { card: AdaptiveCard };
    const [status, note] = elements(form.card).filter((e) => e.type.startsWith('Input.'));
    expect((status!.choices as { value: string }[]).map((c) => c.value)).toEqual([
      'open',
      'in-progress',
      'at-risk',
      'blocked',
    ]);
    expect(note).toMatchObject({ id: 'updateNote.C-7', isRequired: true });
  });

  it('two commitments with buttons in one card keep their inputs apart', () => {
    const both: Message = {
      text: 'two',
      blocks: [...commitmentCard(open, view).blocks, ...commitmentCard(overdue, view).blocks],
    };
    const ids = elements(renderCard(both))
      .filter((e) => e.type.startsWith('Input.'))
      .map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expectValid(renderCard(both));
  });

  it('the SDK reads the forms back: Universal Actions inside the cards they open, date input included', () => {
    const roundTrip = JSON.stringify(checkAdaptiveCard(card).roundTrip);
    expect(roundTrip.match(/"Action\.Execute"/g)).toHaveLength(5);
    expect(roundTrip).toContain('"Input.Date"');
  });

  it('a closed commitment has no buttons', () => {
    expect(elements(renderCard(commitmentCard(closed, view))).some((e) => e.type === 'ActionSet')).toBe(
      false,
    );
  });
});

describe('layout', () => {
  it('a divider puts a separator on the next element', () => {
    const card = renderCard({
      text: 'x',
      blocks: [section(text('a')), { type: 'divider' }, section(text('b'))],
    });
    expect(card.body[1]).toMatchObject({ separator: true });
    expect(card.body[0]).not.toHaveProperty('separator');
  });

  it('a message without blocks still shows its text', () => {
    const card = renderCard({ text: 'Nothing to report', blocks: [] });
    expect(card.body).toEqual([
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Nothing to report' }] },
    ]);
    expectValid(card);
  });

  it('splitting leaves a short message whole', () => {
    const message = commitmentList('Open', [open], view, 'none');
    expect(pageMessage(message)).toEqual([message]);
  });
});
