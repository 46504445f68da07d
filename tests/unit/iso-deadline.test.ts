import { describe, expect, it } from 'vitest';
import { parseIsoDeadline } from '../../src/import/iso-deadline.js';

describe('parseIsoDeadline', () => {
  it.each([
    ['2028-02-29', { kind: 'date', date: '2028-02-29' }],
    ['2027-03-31T17:00+08:00', { kind: 'instant', at: '2027-03-31T09:00:00.000Z' }],
    ['2027-03-31T17:00:30.25+0530', { kind: 'instant', at: '2027-03-31T11:30:30.250Z' }],
    ['2027-03-31T17:00Z', { kind: 'instant', at: '2027-03-31T17:00:00.000Z' }],
    ['2027-01-01T02:00-05', { kind: 'instant', at: '2027-01-01T07:00:00.000Z' }],
  ])('reads %s', (text, deadline) => {
    expect(parseIsoDeadline(text)).toEqual({ ok: true, deadline });
  });

  it.each([
    ['2027-02-29', 'is not a date that exists'],
    ['2027-13-01', 'is not a date that exists'],
    ['2027-02-30T10:00+08:00', 'is not a date that exists'],
    ['2027-03-31T24:00+08:00', 'is not a time that exists'],
    ['2027-03-31T17:00+15:00', 'impossible UTC offset'],
    ['2027-03-31T17:00', 'has no UTC offset'],
    ['31 March 2027', 'is not an ISO date'],
  ])('refuses %s', (text, reason) => {
    const result = parseIsoDeadline(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(reason);
  });
});
