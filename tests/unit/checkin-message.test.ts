import { describe, expect, it } from 'vitest';
import { LIMITS, renderWhole } from '../../adapters/slack/block-kit.js';
import { CARD_BYTE_BUDGET, cardBytes } from '../../adapters/teams/card-pages.js';
import { renderCard } from '../../adapters/teams/render-card.js';
import {
  batchOf,
  CHECKIN_BATCH,
  checkinMessages,
  decodeCheckinRef,
  encodeCheckinRef,
} from '../../src/messages/checkin-message.js';
import { ACTION_IDS, type Block } from '../../src/messages/message.js';
import type { View } from '../../src/messages/view.js';
import type { Agency } from '../../src/model/agency.js';
import type { CheckinAnswer, CheckinRecord } from '../../src/model/checkin.js';
import type { Commitment } from '../../src/model/commitment.js';
import { TEXT_LIMITS } from '../../src/model/limits.js';
import { SEES_EVERYTHING } from '../../src/model/visibility.js';
import { checkAdaptiveCard } from '../support/teams-adaptive-cards.js';

const NOW = new Date('2026-03-04T01:00:00Z');
const MITI: Agency = {
  code: 'MITI',
  name: 'Trade',
  timeZone: 'Asia/Kuala_Lumpur',
  country: 'MY',
  channels: [],
};
const view: View = { now: NOW, readerTimeZone: MITI.timeZone, timeZoneOf: () => MITI.timeZone };

function commitment(n: number, extra: Partial<Commitment> = {}): Commitment {
  return {
    id: `C-${n}`,
    title: `Item ${n}`,
    owners: ['MITI'],
    status: 'open',
    notes: [],
    deadline: { kind: 'date', date: '2026-06-30' },
    createdBy: 'slack:U1',
    createdAt: '2026-02-01T00:00:00Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-02-01T00:00:00Z',
    version: 1,
    ...extra,
  };
}

function record(count: number): CheckinRecord {
  return {
    agency: 'MITI',
    week: '2026-W10',
    at: NOW.toISOString(),
    ids: Array.from({ length: count }, (_, i) => `C-${i + 1}`),
  };
}

const buttonsOf = (blocks: Block[]) =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.buttons.map((b) => b.label) : []));

describe('the check-in message', () => {
  it('lists each commitment with its five answers, calling on the owners, more than a batch in the thread', () => {
    const items = Array.from({ length: 8 }, (_, i) =>
      commitment(i + 1, i === 0 ? { person: { platform: 'slack', userId: 'U7', name: 'aisha' } } : {}),
    );
    const [first, second, ...rest] = checkinMessages(
      MITI,
      record(8),
      items,
      new Map(),
      view,
      SEES_EVERYTHING,
    );
    expect(rest).toEqual([]);
    expect(first!.text).toBe(
      'MITI weekly check-in, 2026-W10: 8 commitments without news for a week (1 of 2)',
    );
    expect(first!.blocks[0]).toEqual({
      type: 'header',
      text: '🗓️ Weekly check-in · MITI · 2026-W10 (1 of 2)',
    });
    expect(first!.blocks).toContainEqual({
      type: 'section',
      content: [
        { kind: 'text', text: 'Owners: ' },
        { kind: 'mention', person: { platform: 'slack', userId: 'U7', name: 'aisha' } },
      ],
    });
    expect(buttonsOf(first!.blocks)).toHaveLength(CHECKIN_BATCH * 5);
    expect(buttonsOf(first!.blocks).slice(0, 5)).toEqual([
      'On track',
      'At risk',
      'Blocked',
      'Done',
      'Post update',
    ]);
    expect(buttonsOf(second!.blocks)).toHaveLength(2 * 5);
    const button = first!.blocks.find((block) => block.type === 'actions');
    expect(button?.type === 'actions' && button.buttons[0]).toEqual({
      label: 'On track',
      actionId: ACTION_IDS.checkinOnTrack,
      value: 'C-1|MITI|2026-W10',
      style: 'primary',
    });
    expect(batchOf(record(8), 'C-7')).toBe(1);
    expect(decodeCheckinRef(encodeCheckinRef({ id: 'C-7', agency: 'MITI', week: '2026-W10' }))).toEqual({
      id: 'C-7',
      agency: 'MITI',
      week: '2026-W10',
    });
  });

  it('shows an answered commitment with its answer and who gave it, and one closed meanwhile without buttons', () => {
    const answers = new Map<string, CheckinAnswer>([
      ['C-1', { id: 'C-1', answer: 'at-risk', by: 'teams:29:ravi', at: NOW.toISOString() }],
    ]);
    const items = [commitment(1), commitment(2, { status: 'done' }), commitment(3)];
    const [message] = checkinMessages(MITI, record(3), items, answers, view, SEES_EVERYTHING);
    expect(buttonsOf(message!.blocks)).toHaveLength(5);
    expect(message!.blocks).toContainEqual({
      type: 'section',
      content: [
        { kind: 'text', text: '✅ At risk · answered by ' },
        { kind: 'person', person: { platform: 'teams', userId: '29:ravi' } },
      ],
    });
    expect(message!.blocks).toContainEqual({ type: 'context', text: 'Closed meanwhile (done).' });
  });

  it('fits one Slack message and one Teams card with a full batch of the longest titles', () => {
    const long = 'W'.repeat(TEXT_LIMITS.title);
    const items = Array.from({ length: CHECKIN_BATCH }, (_, i) =>
      commitment(i + 1, {
        title: long,
        area: 'semiconductors',
        person: { platform: 'teams', userId: `29:p${i}`, name: `Person ${i}` },
      }),
    );
    const [message] = checkinMessages(MITI, record(CHECKIN_BATCH), items, new Map(), view, SEES_EVERYTHING);
    const slack = renderWhole(message!);
    expect(slack.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(JSON.stringify(slack)).not.toContain('more not shown');
    const card = renderCard(message!);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(checkAdaptiveCard(card).events).toEqual([]);
  });
});
