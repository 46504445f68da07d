import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/dates/duration.js';
import { deliveryFailureReport } from '../../src/messages/delivery-failure-report.js';
import { escalationMessage } from '../../src/messages/escalation-message.js';
import type { Block, Inline, Message } from '../../src/messages/message.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import { isStale, lastProgressAt, overdueRollup } from '../../src/messages/overdue-message.js';
import { reminderMessage } from '../../src/messages/reminder-message.js';
import { schedulerProblemMessage } from '../../src/messages/scheduler-problem-message.js';
import type { View } from '../../src/messages/view.js';
import type { Agency } from '../../src/model/agency.js';
import type { Commitment } from '../../src/model/commitment.js';

const ZONES: Record<string, string> = { MITI: 'Asia/Kuala_Lumpur', MEITY: 'Asia/Kolkata' };
/** Tuesday 1 December 2026, 09:00 in Kuala Lumpur. */
const NOW = new Date('2026-12-01T01:00:00.000Z');
const view: View = {
  readerTimeZone: 'Asia/Kuala_Lumpur',
  now: NOW,
  timeZoneOf: (code) => ZONES[code] ?? 'UTC',
};
const MITI: Agency = {
  code: 'MITI',
  name: 'Trade',
  timeZone: 'Asia/Kuala_Lumpur',
  country: 'MY',
  channels: [],
};

function commitment(id: string, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id,
    title: `Commitment ${id}`,
    owners: ['MITI'],
    deadline: { kind: 'date', date: '2026-12-02' },
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-11-20T00:00:00Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-11-20T00:00:00Z',
    version: 3,
    ...overrides,
  };
}

const inlines = (message: Message): Inline[] =>
  message.blocks.flatMap((block: Block) => (block.type === 'section' ? block.content : []));
const listed = (message: Message) =>
  message.blocks.flatMap((block) => (block.type === 'commitments' ? block.items.map((item) => item.id) : []));

describe('reminder message', () => {
  const owned = commitment('C-7', { person: { platform: 'slack', userId: 'U42', name: 'Aisyah' } });

  it('says what is due when and carries the done, snooze and update buttons', () => {
    const message = reminderMessage(owned, view, 'slack');
    expect(message.text).toBe('Reminder: C-7 Commitment C-7 is due Wed 2 Dec 2026 (tomorrow)');
    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(
      actions?.type === 'actions' && actions.buttons.map((button) => [button.actionId, button.value]),
    ).toEqual([
      [ACTION_IDS.markDone, 'C-7'],
      [ACTION_IDS.snoozeDay, 'C-7'],
      [ACTION_IDS.snoozeWeek, 'C-7'],
      [ACTION_IDS.postUpdate, 'C-7'],
      [ACTION_IDS.changeDeadline, 'C-7'],
    ]);
  });

  it('calls on the owner on their own platform and only names them on another', () => {
    expect(inlines(reminderMessage(owned, view, 'slack'))).toContainEqual({
      kind: 'mention',
      person: owned.person,
    });
    const inTeams = inlines(reminderMessage(owned, view, 'teams'));
    expect(inTeams.some((inline) => inline.kind === 'mention')).toBe(false);
    expect(inTeams).toContainEqual({ kind: 'person', person: owned.person });
  });

  it('without an owner person it mentions nobody', () => {
    expect(inlines(reminderMessage(commitment('C-8'), view, 'slack')).some((i) => i.kind === 'mention')).toBe(
      false,
    );
  });
});

describe('overdue roll-up', () => {
  it('lists every overdue commitment and flags those with no progress note for 30 days as stale', () => {
    const stale = commitment('C-1', {
      createdAt: '2026-10-01T00:00:00Z',
      notes: [{ at: '2026-10-20T00:00:00Z', by: 'slack:U1', text: 'kick-off' }],
    });
    const fresh = commitment('C-2', {
      createdAt: '2026-10-01T00:00:00Z',
      notes: [{ at: '2026-11-25T00:00:00Z', by: 'slack:U1', text: 'draft' }],
    });
    const message = overdueRollup(MITI, [stale, fresh], view);
    expect(message.text).toBe('MITI: 2 overdue commitments, 1 stale');
    expect(listed(message)).toEqual(['C-1', 'C-2']);
    const staleLines = message.blocks.filter(
      (block) =>
        block.type === 'section' &&
        block.content.some((inline) => inline.kind === 'strong' && inline.text === 'Stale: '),
    );
    expect(staleLines).toEqual([
      {
        type: 'section',
        content: [
          { kind: 'strong', text: 'Stale: ' },
          { kind: 'strong', text: 'C-1' },
          { kind: 'text', text: ' has had no progress note for 42 days.' },
        ],
      },
    ]);
  });

  it('calls on each owner person once, in one line, however many of the items are theirs', () => {
    const aisyah = { platform: 'slack' as const, userId: 'U42', name: 'Aisyah' };
    const ravi = { platform: 'teams' as const, userId: '29:ravi', name: 'Ravi' };
    const message = overdueRollup(
      MITI,
      [
        commitment('C-1', { person: aisyah }),
        commitment('C-2'),
        commitment('C-3', { person: ravi }),
        commitment('C-4', { person: { ...aisyah, name: undefined } }),
      ],
      view,
    );
    expect(
      inlines(message).filter((inline) => inline.kind === 'mention' || inline.kind === 'person'),
    ).toEqual([
      { kind: 'mention', person: aisyah },
      { kind: 'mention', person: ravi },
    ]);
    expect(message.blocks).toContainEqual({
      type: 'section',
      content: [
        { kind: 'text', text: 'Owners: ' },
        { kind: 'mention', person: aisyah },
        { kind: 'text', text: ', ' },
        { kind: 'mention', person: ravi },
      ],
    });
    // The lines still name each owner; whether a line notifies is the adapter's to say.
    const lines = message.blocks.flatMap((block) => (block.type === 'commitments' ? block.items : []));
    expect(lines.map((line) => line.person?.userId)).toEqual(['U42', undefined, '29:ravi', 'U42']);
  });

  it('with no owner person it calls on no one', () => {
    const message = overdueRollup(MITI, [commitment('C-1'), commitment('C-2')], view);
    expect(inlines(message).some((inline) => inline.kind === 'mention')).toBe(false);
  });

  it('counts from creation when there is no note, and exactly 30 days is stale', () => {
    const created = commitment('C-3', { createdAt: '2026-11-01T01:00:00Z' });
    expect(lastProgressAt(created)).toBe(Date.parse('2026-11-01T01:00:00Z'));
    expect(isStale(created, NOW)).toBe(true);
    expect(isStale(created, new Date(NOW.getTime() - 1))).toBe(false);
  });
});

describe('coordination messages', () => {
  it('an escalation lists the commitments and their owning agencies', () => {
    const message = escalationMessage(
      [commitment('C-1'), commitment('C-4', { owners: ['MITI', 'MEITY'] })],
      parseDuration('7d')!,
      view,
    );
    expect(message.text).toBe('Escalated: 2 commitments overdue for more than 7d (MEITY, MITI)');
    expect(listed(message)).toEqual(['C-1', 'C-4']);
  });

  it('an escalation names the owner person in its line but calls on no one', () => {
    const aisyah = { platform: 'slack' as const, userId: 'U42', name: 'Aisyah' };
    const message = escalationMessage([commitment('C-1', { person: aisyah })], parseDuration('7d')!, view);
    expect(inlines(message).some((inline) => inline.kind === 'mention')).toBe(false);
    const lines = message.blocks.flatMap((block) => (block.type === 'commitments' ? block.items : []));
    expect(lines.map((line) => line.person)).toEqual([aisyah]);
  });

  it('the failure report names each delivery, where it was going and why it failed', () => {
    const message = deliveryFailureReport(
      [
        {
          key: 'reminder:C-7:v3:1d:teams:19:x',
          channel: 'teams:19:x',
          reason: 'bot removed',
          at: '2026-12-01T00:30:00.000Z',
        },
      ],
      'Asia/Kuala_Lumpur',
    );
    expect(message.text).toContain('1 message could not be delivered');
    expect(inlines(message)).toEqual([
      { kind: 'code', text: 'reminder:C-7:v3:1d:teams:19:x' },
      { kind: 'text', text: ' to teams:19:x at ' },
      { kind: 'moment', moment: { at: '2026-12-01T00:30:00Z', text: '1 Dec 2026 08:30 Kuala Lumpur time' } },
      { kind: 'text', text: ': bot removed' },
    ]);
  });

  it('a schedule problem says which schedule, its cron and zone, and why', () => {
    const message = schedulerProblemMessage({
      scheduler: 'digest-MITI',
      pattern: '0 0 31 2,4 *',
      timeZone: 'Asia/Kuala_Lumpur',
      reason: 'the cron expression never matches from now on.',
    });
    expect(message.text).toBe(
      'The schedule digest-MITI ("0 0 31 2,4 *" in Asia/Kuala_Lumpur) has no next run: the cron expression never matches from now on.',
    );
  });
});
