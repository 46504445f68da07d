import { afterEach, describe, expect, it } from 'vitest';
import type { Commitment } from '../../src/model/commitment.js';
import { type Deadline, dueInstant, sameDeadline } from '../../src/model/deadline.js';
import { isOverdue, ragOf } from '../../src/model/rag.js';
import type { Status } from '../../src/model/status.js';

const ZONES: Record<string, string> = {
  MITI: 'Asia/Kuala_Lumpur',
  MEITY: 'Asia/Kolkata',
  DBT: 'Europe/London',
  SUBREI: 'America/Santiago',
};
const timeZoneOf = (code: string) => ZONES[code] ?? 'UTC';

const DAY_MS = 86_400_000;

function commitment(overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 'C-1',
    title: 'Semiconductor supply-chain MoU',
    owners: ['MITI'],
    status: 'open',
    notes: [],
    createdBy: 'slack:U1',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'slack:U1',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

const onDay = (date: string): Deadline => ({ kind: 'date', date });
const at = (iso: string): Deadline => ({ kind: 'instant', at: iso });
const iso = (ms: number) => new Date(ms).toISOString();

describe('dueInstant', () => {
  it('keeps a date-only deadline met until the last millisecond of that day in the lead zone', () => {
    expect(iso(dueInstant(onDay('2026-12-15'), 'Asia/Kuala_Lumpur'))).toBe('2026-12-15T15:59:59.999Z');
    expect(iso(dueInstant(onDay('2026-12-15'), 'Asia/Kolkata'))).toBe('2026-12-15T18:29:59.999Z');
    expect(iso(dueInstant(onDay('2026-12-15'), 'UTC'))).toBe('2026-12-15T23:59:59.999Z');
    expect(iso(dueInstant(onDay('2026-12-15'), 'America/Sao_Paulo'))).toBe('2026-12-16T02:59:59.999Z');
  });

  it('ends the day London springs forward (a 23-hour day) at the new BST midnight', () => {
    expect(iso(dueInstant(onDay('2027-03-27'), 'Europe/London'))).toBe('2027-03-27T23:59:59.999Z');
    expect(iso(dueInstant(onDay('2027-03-28'), 'Europe/London'))).toBe('2027-03-28T22:59:59.999Z');
  });

  it('ends the day London falls back (a 25-hour day) at the GMT midnight', () => {
    expect(iso(dueInstant(onDay('2026-10-24'), 'Europe/London'))).toBe('2026-10-24T22:59:59.999Z');
    expect(iso(dueInstant(onDay('2026-10-25'), 'Europe/London'))).toBe('2026-10-25T23:59:59.999Z');
  });

  it('ends a day whose own midnight was skipped (Santiago springs forward at 00:00) at the next midnight', () => {
    // 6 Sep 2026 starts at 01:00 -03 in Santiago; it still ends at 00:00 -03 on 7 Sep.
    expect(iso(dueInstant(onDay('2026-09-05'), 'America/Santiago'))).toBe('2026-09-06T03:59:59.999Z');
    expect(iso(dueInstant(onDay('2026-09-06'), 'America/Santiago'))).toBe('2026-09-07T02:59:59.999Z');
  });

  it('rolls over month and year ends', () => {
    expect(iso(dueInstant(onDay('2026-12-31'), 'Asia/Kuala_Lumpur'))).toBe('2026-12-31T15:59:59.999Z');
    expect(iso(dueInstant(onDay('2028-02-29'), 'UTC'))).toBe('2028-02-29T23:59:59.999Z');
  });

  it('takes an instant deadline as the instant itself, whatever the lead zone', () => {
    expect(iso(dueInstant(at('2026-12-15T17:00:00+08:00'), 'Europe/London'))).toBe(
      '2026-12-15T09:00:00.000Z',
    );
  });
});

describe('sameDeadline', () => {
  it('compares days by their text and instants by the moment they name', () => {
    expect(sameDeadline(onDay('2026-12-15'), onDay('2026-12-15'))).toBe(true);
    expect(sameDeadline(onDay('2026-12-15'), onDay('2026-12-16'))).toBe(false);
    expect(sameDeadline(at('2026-12-15T17:00:00+08:00'), at('2026-12-15T09:00:00.000Z'))).toBe(true);
    expect(sameDeadline(at('2026-12-15T17:00:00+08:00'), at('2026-12-15T17:00:00.000Z'))).toBe(false);
  });

  it('never takes a day for an instant, even the instant that ends it', () => {
    expect(sameDeadline(onDay('2026-12-15'), at('2026-12-15T23:59:59.999Z'))).toBe(false);
    expect(sameDeadline(at('2026-12-15T00:00:00.000Z'), onDay('2026-12-15'))).toBe(false);
  });

  it('treats no deadline as equal only to no deadline', () => {
    expect(sameDeadline(undefined, undefined)).toBe(true);
    expect(sameDeadline(undefined, onDay('2026-12-15'))).toBe(false);
    expect(sameDeadline(onDay('2026-12-15'), undefined)).toBe(false);
  });
});

describe('isOverdue', () => {
  const due15 = commitment({ deadline: onDay('2026-12-15') });

  it('is overdue from the first millisecond after the day ends in the lead zone, not before', () => {
    expect(isOverdue(due15, new Date('2026-12-15T15:59:59.998Z'), 'Asia/Kuala_Lumpur')).toBe(false);
    expect(isOverdue(due15, new Date('2026-12-15T15:59:59.999Z'), 'Asia/Kuala_Lumpur')).toBe(false);
    expect(isOverdue(due15, new Date('2026-12-15T16:00:00.000Z'), 'Asia/Kuala_Lumpur')).toBe(true);
  });

  it('reads the day in the zone it is given, so Kolkata is still on time when Kuala Lumpur is late', () => {
    expect(isOverdue(due15, new Date('2026-12-15T16:00:00.000Z'), 'Asia/Kolkata')).toBe(false);
    expect(isOverdue(due15, new Date('2026-12-15T18:30:00.000Z'), 'Asia/Kolkata')).toBe(true);
  });

  it('is met at its exact instant and overdue a millisecond later', () => {
    const exact = commitment({ deadline: at('2026-12-15T09:00:00.000Z') });
    expect(isOverdue(exact, new Date('2026-12-15T09:00:00.000Z'), 'UTC')).toBe(false);
    expect(isOverdue(exact, new Date('2026-12-15T09:00:00.001Z'), 'UTC')).toBe(true);
  });

  it('is never overdue without a deadline or once closed', () => {
    const late = new Date('2027-06-01T00:00:00.000Z');
    expect(isOverdue(commitment(), late, 'UTC')).toBe(false);
    expect(isOverdue({ ...due15, status: 'done' }, late, 'UTC')).toBe(false);
    expect(isOverdue({ ...due15, status: 'cancelled' }, late, 'UTC')).toBe(false);
  });

  it('turns overdue on the DST days in London exactly when the local day ends', () => {
    const spring = commitment({ deadline: onDay('2027-03-28') });
    expect(isOverdue(spring, new Date('2027-03-28T22:59:59.999Z'), 'Europe/London')).toBe(false);
    expect(isOverdue(spring, new Date('2027-03-28T23:00:00.000Z'), 'Europe/London')).toBe(true);
    const autumn = commitment({ deadline: onDay('2026-10-25') });
    expect(isOverdue(autumn, new Date('2026-10-25T23:00:00.000Z'), 'Europe/London')).toBe(false);
    expect(isOverdue(autumn, new Date('2026-10-26T00:00:00.000Z'), 'Europe/London')).toBe(true);
  });
});

describe('ragOf', () => {
  const rag = (c: Commitment, now: string) => ragOf(c, new Date(now), timeZoneOf);
  const FAR = onDay('2027-06-30');
  const NOW = '2026-12-01T03:00:00.000Z';

  it.each(['done', 'cancelled'] as Status[])('is closed for %s, even long past its deadline', (status) => {
    expect(rag(commitment({ status, deadline: onDay('2026-01-01') }), NOW)).toBe('closed');
  });

  it.each(['open', 'in-progress', 'at-risk', 'blocked'] as Status[])(
    'is red when %s and overdue',
    (status) => {
      expect(rag(commitment({ status, deadline: onDay('2026-11-30') }), NOW)).toBe('red');
    },
  );

  it('is red when blocked, however far off the deadline or with none', () => {
    expect(rag(commitment({ status: 'blocked', deadline: FAR }), NOW)).toBe('red');
    expect(rag(commitment({ status: 'blocked' }), NOW)).toBe('red');
  });

  it('is amber when at risk, however far off the deadline or with none', () => {
    expect(rag(commitment({ status: 'at-risk', deadline: FAR }), NOW)).toBe('amber');
    expect(rag(commitment({ status: 'at-risk' }), NOW)).toBe('amber');
  });

  it('is amber when open and due within 7 days, but green when in progress', () => {
    const soon = onDay('2026-12-04');
    expect(rag(commitment({ status: 'open', deadline: soon }), NOW)).toBe('amber');
    expect(rag(commitment({ status: 'in-progress', deadline: soon }), NOW)).toBe('green');
  });

  it('is green when open with a deadline beyond 7 days or none at all', () => {
    expect(rag(commitment({ deadline: FAR }), NOW)).toBe('green');
    expect(rag(commitment(), NOW)).toBe('green');
  });

  it('is amber from the day it reads "(in 7 days)" and green the day before, in the lead zone', () => {
    // 8 Dec begins at 16:00Z on 7 Dec in Kuala Lumpur: from then, 15 Dec is 7 days ahead.
    const c = commitment({ deadline: onDay('2026-12-15') });
    expect(rag(c, '2026-12-07T15:59:59.999Z')).toBe('green');
    expect(rag(c, '2026-12-07T16:00:00.000Z')).toBe('amber');
  });

  it('is amber for a time of day from exactly 8 days before it, while it reads "(in 7 days)"', () => {
    const at = '2026-12-15T09:00:00.000Z';
    const c = commitment({ deadline: { kind: 'instant', at } });
    expect(rag(c, iso(Date.parse(at) - 8 * DAY_MS))).toBe('green');
    expect(rag(c, iso(Date.parse(at) - 8 * DAY_MS + 1))).toBe('amber');
  });

  it('is amber on the last millisecond of the deadline day and red right after, in the lead zone', () => {
    const c = commitment({ deadline: onDay('2026-12-15') });
    expect(rag(c, '2026-12-15T15:59:59.999Z')).toBe('amber');
    expect(rag(c, '2026-12-15T16:00:00.000Z')).toBe('red');
  });

  it('reads the deadline in the lead agency zone, not a supporting agency zone', () => {
    const now = '2026-12-15T17:00:00.000Z';
    expect(rag(commitment({ owners: ['MITI', 'MEITY'], deadline: onDay('2026-12-15') }), now)).toBe('red');
    expect(rag(commitment({ owners: ['MEITY', 'MITI'], deadline: onDay('2026-12-15') }), now)).toBe('amber');
  });

  it('turns red when the London lead day ends on the spring-forward day, at 23:00 UTC', () => {
    const c = commitment({ owners: ['DBT'], deadline: onDay('2027-03-28') });
    expect(rag(c, '2027-03-28T22:59:59.999Z')).toBe('amber');
    expect(rag(c, '2027-03-28T23:00:00.000Z')).toBe('red');
  });

  it('turns red when the London lead day ends on the fall-back day, at midnight UTC', () => {
    const c = commitment({ owners: ['DBT'], deadline: onDay('2026-10-25') });
    expect(rag(c, '2026-10-25T23:30:00.000Z')).toBe('amber');
    expect(rag(c, '2026-10-26T00:00:00.000Z')).toBe('red');
  });
});

describe('independence from the process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC', 'America/Sao_Paulo'])(
    'gives the same answers with the process in %s',
    (zone) => {
      process.env.TZ = zone;
      const c = commitment({ deadline: onDay('2026-12-15') });
      expect(iso(dueInstant(onDay('2026-12-15'), 'Asia/Kuala_Lumpur'))).toBe('2026-12-15T15:59:59.999Z');
      expect(iso(dueInstant(onDay('2027-03-28'), 'Europe/London'))).toBe('2027-03-28T22:59:59.999Z');
      expect(isOverdue(c, new Date('2026-12-15T15:59:59.998Z'), 'Asia/Kuala_Lumpur')).toBe(false);
      expect(isOverdue(c, new Date('2026-12-15T16:00:00.000Z'), 'Asia/Kuala_Lumpur')).toBe(true);
      expect(ragOf(c, new Date('2026-12-15T16:00:00.000Z'), timeZoneOf)).toBe('red');
    },
  );
});
