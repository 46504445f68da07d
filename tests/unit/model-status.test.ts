import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  CLOSED_STATUSES,
  canTransition,
  isClosed,
  isStatus,
  STATUSES,
  type Status,
} from '../../src/model/status.js';

const ACTIVE: Status[] = ['open', 'in-progress', 'at-risk', 'blocked'];
const CLOSED: Status[] = ['done', 'cancelled'];

/** Every status the design lets each status move to, written out rather than computed. */
const ALLOWED: Record<Status, Status[]> = {
  open: ['in-progress', 'at-risk', 'blocked', 'done', 'cancelled'],
  'in-progress': ['open', 'at-risk', 'blocked', 'done', 'cancelled'],
  'at-risk': ['open', 'in-progress', 'blocked', 'done', 'cancelled'],
  blocked: ['open', 'in-progress', 'at-risk', 'done', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

const pairs = STATUSES.flatMap((from) =>
  STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const),
);

describe('canTransition', () => {
  it('covers all 36 pairs of the six statuses', () => {
    expect(STATUSES).toEqual(['open', 'in-progress', 'at-risk', 'blocked', 'done', 'cancelled']);
    expect(pairs).toHaveLength(36);
  });

  it.each(pairs)('%s → %s is %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each(STATUSES.map((s) => [s]))('refuses %s → itself, since nothing would change', (status) => {
    expect(canTransition(status, status)).toBe(false);
  });

  it.each(CLOSED.map((s) => [s]))('lets %s leave only by being reopened to open', (from) => {
    expect(STATUSES.filter((to) => canTransition(from, to))).toEqual(['open']);
  });

  it.each(ACTIVE.map((s) => [s]))('lets %s move to every other status, closed ones included', (from) => {
    expect(STATUSES.filter((to) => canTransition(from, to))).toEqual(STATUSES.filter((to) => to !== from));
  });

  it('does not let done become cancelled or cancelled become done without a reopen', () => {
    expect(canTransition('done', 'cancelled')).toBe(false);
    expect(canTransition('cancelled', 'done')).toBe(false);
  });
});

describe('isClosed', () => {
  it.each([
    ['open', false],
    ['in-progress', false],
    ['at-risk', false],
    ['blocked', false],
    ['done', true],
    ['cancelled', true],
  ] as const)('%s is closed: %s', (status, closed) => {
    expect(isClosed(status)).toBe(closed);
  });

  it('splits the statuses into the active and closed lists with nothing left over', () => {
    expect([...ACTIVE_STATUSES, ...CLOSED_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect(ACTIVE_STATUSES.some(isClosed)).toBe(false);
    expect(CLOSED_STATUSES.every(isClosed)).toBe(true);
  });
});

describe('isStatus', () => {
  it('accepts the six statuses and refuses anything else, case included', () => {
    expect(STATUSES.every(isStatus)).toBe(true);
    expect(isStatus('Done')).toBe(false);
    expect(isStatus('closed')).toBe(false);
    expect(isStatus('')).toBe(false);
  });
});
