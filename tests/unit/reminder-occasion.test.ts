import { describe, expect, it } from 'vitest';
import {
  type ReminderOccasion,
  reminderPlanBasis,
  reminderWithdrawnBecause,
} from '../../src/calendar/reminder-occasion.js';
import type { Commitment } from '../../src/model/commitment.js';

/** The 1d reminder of a 15 Dec deadline, at 09:00 in Kuala Lumpur on the 14th. */
const AT = Date.parse('2026-12-14T01:00:00Z');
const reminder: ReminderOccasion = {
  commitmentId: 'C-7',
  deadline: { kind: 'date', date: '2026-12-15' },
  offset: '1d',
  agency: 'MITI',
  at: AT,
};

function commitment(overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 'C-7',
    title: 'Semiconductor MoU annex',
    owners: ['MITI', 'MEITY'],
    deadline: { kind: 'date', date: '2026-12-15' },
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-12-01T00:00:00Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-12-01T00:00:00Z',
    version: 3,
    ...overrides,
  };
}

/** A few seconds after the reminder's moment, as when a 429 held its post back. */
const late = new Date(AT + 5_000);

describe('whether a planned reminder is still due', () => {
  it('stays due through edits that leave its deadline, owner and snooze: a note, a title, a status', () => {
    const edited = commitment({
      version: 9,
      title: 'Semiconductor MoU annex (signed draft)',
      status: 'at-risk',
      notes: [{ at: '2026-12-14T01:00:02Z', by: 'slack:U1', text: 'meeting set' }],
    });
    expect(reminderWithdrawnBecause(edited, reminder, late)).toBeUndefined();
  });

  it('is withdrawn when the commitment closed, its deadline moved or the agency no longer owns it', () => {
    expect(reminderWithdrawnBecause(commitment({ status: 'done' }), reminder, late)).toBe(
      'the commitment is done',
    );
    expect(reminderWithdrawnBecause(commitment({ status: 'cancelled' }), reminder, late)).toBe(
      'the commitment is cancelled',
    );
    const moved = commitment({ deadline: { kind: 'date', date: '2026-12-22' } });
    expect(reminderWithdrawnBecause(moved, reminder, late)).toBe('its deadline moved');
    expect(reminderWithdrawnBecause(commitment({ deadline: undefined }), reminder, late)).toBe(
      'its deadline moved',
    );
    expect(reminderWithdrawnBecause(commitment({ owners: ['MEITY'] }), reminder, late)).toBe(
      'MITI no longer owns it',
    );
  });

  it('an instant deadline is the same however it is written', () => {
    const atNine = { ...reminder, deadline: { kind: 'instant' as const, at: '2026-12-15T09:00:00+08:00' } };
    const sameInstant = commitment({ deadline: { kind: 'instant', at: '2026-12-15T01:00:00.000Z' } });
    expect(reminderWithdrawnBecause(sameInstant, atNine, late)).toBeUndefined();
    const anHourLater = commitment({ deadline: { kind: 'instant', at: '2026-12-15T02:00:00Z' } });
    expect(reminderWithdrawnBecause(anHourLater, atNine, late)).toBe('its deadline moved');
  });

  it('is held back by a snooze that lasts past both its moment and now, and due again once it ends', () => {
    // Snoozed a second after the reminder came due, while its post was held back, for a minute.
    const snoozed = commitment({ snoozedUntil: new Date(AT + 61_000).toISOString() });
    expect(reminderWithdrawnBecause(snoozed, reminder, late)).toBe(
      `it is snoozed until ${snoozed.snoozedUntil}`,
    );
    expect(reminderWithdrawnBecause(snoozed, reminder, new Date(AT + 61_000))).toBeUndefined();
    // A snooze that ended before the moment does not hold it, whatever the clock says.
    const ended = commitment({ snoozedUntil: new Date(AT - 1).toISOString() });
    expect(reminderWithdrawnBecause(ended, reminder, new Date(AT - 60_000))).toBeUndefined();
  });

  it('the reminder a snooze moved is due at its moment, and withdrawn when the commitment is snoozed again', () => {
    const until = '2026-12-12T01:00:00.000Z';
    const moved = { ...reminder, offset: 'snooze', at: Date.parse(until), snoozedUntil: until };
    // Planned at the snooze's end, by a clock that has not reached it.
    expect(reminderWithdrawnBecause(commitment({ snoozedUntil: until }), moved, new Date(0))).toBeUndefined();
    const again = commitment({ snoozedUntil: '2026-12-13T01:00:00.000Z' });
    expect(reminderWithdrawnBecause(again, moved, new Date(Date.parse(until)))).toBe('it was snoozed again');
  });
});

describe('the plan basis', () => {
  const basis = reminderPlanBasis(commitment());

  it('is unchanged by a note, a title, the person, a status between open states or a new version', () => {
    expect(
      reminderPlanBasis(
        commitment({
          version: 4,
          title: 'Renamed',
          status: 'blocked',
          person: { platform: 'slack', userId: 'U42' },
          notes: [{ at: '2026-12-02T00:00:00Z', by: 'slack:U1', text: 'meeting set' }],
        }),
      ),
    ).toBe(basis);
  });

  it('changes with the deadline, closing, a snooze and the owners', () => {
    for (const changed of [
      commitment({ deadline: { kind: 'date', date: '2026-12-16' } }),
      commitment({ deadline: undefined }),
      commitment({ status: 'done' }),
      commitment({ snoozedUntil: '2026-12-05T00:00:00Z' }),
      commitment({ owners: ['MITI'] }),
      commitment({ owners: ['MEITY', 'MITI'] }),
    ]) {
      expect(reminderPlanBasis(changed)).not.toBe(basis);
    }
  });

  it('reads an instant deadline as its moment, not its spelling', () => {
    expect(
      reminderPlanBasis(commitment({ deadline: { kind: 'instant', at: '2026-12-15T09:00+08:00' } })),
    ).toBe(reminderPlanBasis(commitment({ deadline: { kind: 'instant', at: '2026-12-15T01:00:00Z' } })));
  });
});
