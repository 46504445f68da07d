import type { SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render-text.js';
import { renderPage } from '../../adapters/slack/block-kit.js';
import { dateToken } from '../../adapters/slack/date-token.js';
import type { CardElement } from '../../adapters/teams/adaptive-card.js';
import { renderCard } from '../../adapters/teams/render-card.js';
import { commitmentCard, commitmentDetails } from '../../src/messages/commitment-messages.js';
import type { Message } from '../../src/messages/message.js';
import { momentInline, section, text } from '../../src/messages/message.js';
import { moment } from '../../src/messages/moment.js';
import type { View } from '../../src/messages/view.js';
import type { Commitment } from '../../src/model/commitment.js';
import { checkAdaptiveCard, renderedCardText } from '../support/teams-adaptive-cards.js';

/** Friday 4 December 2026, 10:30 UTC. */
const NOW = new Date('2026-12-04T10:30:00Z');
const view: View = {
  now: NOW,
  readerTimeZone: 'UTC',
  timeZoneOf: (code) => (code === 'MEITY' ? 'Asia/Kolkata' : 'Asia/Kuala_Lumpur'),
};
/** 17:00 in Kuala Lumpur on Friday 11 December. */
const DUE = '2026-12-11T09:00:00.000Z';
const EPOCH = Date.parse(DUE) / 1000;

function commitment(overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 'C-7',
    title: 'Semiconductor talent exchange',
    owners: ['MITI', 'MEITY'],
    deadline: { kind: 'instant', at: DUE },
    status: 'open',
    notes: [],
    createdBy: 'console:operator',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedBy: 'console:operator',
    updatedAt: '2026-12-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

const SLACK_TOKEN = `<!date^${EPOCH}^{date_short_pretty} {time}|Fri 11 Dec 2026 09:00 UTC>`;
const TEAMS_TOKENS = '{{DATE(2026-12-11T09:00:00Z, SHORT)}} {{TIME(2026-12-11T09:00:00Z)}}';

describe('one rule for a moment: the lead agency’s zone named by place, then the reader’s own clock', () => {
  it('the core writes a deadline in the lead agency’s zone, whatever agency reads it', () => {
    const card = commitmentCard(commitment(), view);
    const block = card.blocks.find((b) => b.type === 'commitments');
    expect(block?.type === 'commitments' && block.items[0]).toMatchObject({
      dueText: 'Fri 11 Dec 2026 17:00 Kuala Lumpur time (in 6 days)',
      dueMoment: { at: '2026-12-11T09:00:00Z', text: 'Fri 11 Dec 2026 17:00 Kuala Lumpur time' },
    });
  });

  it('Slack: the line says Kuala Lumpur time, and a date token of its own gives the reader’s clock', () => {
    const [line] = renderPage(commitmentCard(commitment(), view)).blocks.filter(
      (b): b is SectionBlock => b.type === 'section' && !!b.fields,
    );
    expect(line!.text?.text).toContain('due Fri 11 Dec 2026 17:00 Kuala Lumpur time (in 6 days)');
    expect(line!.text?.text).not.toContain('<!date');
    expect(line!.fields).toEqual([{ type: 'mrkdwn', text: `🕓 ${SLACK_TOKEN} your time`, verbatim: true }]);
  });

  it('Slack: a field naming a moment gets a field of its own with the token, and so does a stamp', () => {
    const details = commitmentDetails(
      commitment({ snoozedUntil: '2026-12-05T10:30:00.000Z' }),
      [{ at: '2026-12-01T00:00:00.000Z', by: 'console:operator', type: 'created', changes: {} }],
      view,
    );
    const rendered = JSON.stringify(renderPage(details).blocks);
    expect(rendered).toContain(JSON.stringify(`*Deadline, your time*\n${SLACK_TOKEN}`).slice(1, -1));
    expect(rendered).toContain('*Snoozed until*\\nSat 5 Dec 2026 18:30 Kuala Lumpur time (in 1 day)');
    expect(rendered).toContain('*Snoozed until, your time*');
    expect(rendered).toContain(
      '1 Dec 2026 08:00 Kuala Lumpur time · created, with no deadline by console:operator',
    );
    expect(rendered).toContain(`<!date^${Date.parse('2026-12-01T00:00:00Z') / 1000}^`);
  });

  it('Slack: the token falls back to the moment in UTC and escapes nothing a person typed', () => {
    expect(dateToken(moment(DUE, 'Asia/Kuala_Lumpur'))).toBe(SLACK_TOKEN);
    const typed = renderPage(commitmentCard(commitment({ title: '<!date^1^{time}|x>' }), view));
    expect(JSON.stringify(typed.blocks)).toContain('&lt;!date^1^{time}|x&gt;');
  });

  it('Teams: the line says Kuala Lumpur time, and DATE()/TIME() give the reader’s clock, rendered by the SDK', () => {
    const card = renderCard(commitmentCard(commitment(), view));
    const json = JSON.stringify(card);
    expect(json).toContain('due Fri 11 Dec 2026 17:00 Kuala Lumpur time (in 6 days)');
    expect(json).toContain(`🕓 ${TEAMS_TOKENS} your time`);
    expect(checkAdaptiveCard(card).events).toEqual([]);
    const shown = renderedCardText(card);
    expect(shown).toContain('your time');
    expect(shown).not.toContain('{{');
  });

  it('Teams: a field naming a moment gets a fact of its own on the reader’s clock, as do history stamps', () => {
    const details = commitmentDetails(
      commitment({ snoozedUntil: '2026-12-05T10:30:00.000Z' }),
      [{ at: '2026-12-01T00:00:00.000Z', by: 'console:operator', type: 'created', changes: {} }],
      view,
    );
    const card = renderCard(details);
    const json = JSON.stringify(card);
    expect(json).toContain(`{"title":"Deadline, your time","value":"${TEAMS_TOKENS}"}`);
    expect(json).toContain('Snoozed until, your time');
    expect(json).toContain('1 Dec 2026 08:00 Kuala Lumpur time ({{DATE(2026-12-01T00:00:00Z, SHORT)}}');
    expect(checkAdaptiveCard(card).events).toEqual([]);
    expect(renderedCardText(card)).not.toContain('{{');
  });

  it('Teams: a moment in a line of text goes into a TextBlock, where DATE() works', () => {
    const message: Message = {
      text: 'held',
      blocks: [section(text('Held until '), momentInline(moment(DUE, 'Asia/Kolkata')), text('.'))],
    };
    const [block] = renderCard(message).body as CardElement[];
    expect(block).toMatchObject({
      type: 'TextBlock',
      text: `Held until Fri 11 Dec 2026 14:30 India time (${TEAMS_TOKENS} your time).`,
    });
  });

  it('Teams: a typed {{DATE(…)}} stays the text that was typed', () => {
    const card = renderCard(
      commitmentCard(commitment({ title: '{{DATE(2017-02-14T06:00:00Z, SHORT)}}' }), view),
    );
    expect(renderedCardText(card)).toContain('DATE(2017-02-14T06:00:00Z, SHORT)');
  });

  it('the console shows the lead agency’s zone only', () => {
    const shown = renderText(commitmentCard(commitment(), view));
    expect(shown).toContain('due Fri 11 Dec 2026 17:00 Kuala Lumpur time (in 6 days)');
    const held: Message = {
      text: 'held',
      blocks: [section(text('until '), momentInline(moment(DUE, 'Asia/Kolkata')))],
    };
    expect(renderText(held)).toBe('until Fri 11 Dec 2026 14:30 India time');
  });
});
