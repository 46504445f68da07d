/** Where "now" comes from; calendar logic takes one so tests can pick the instant. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests and replays. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The one place that uses the machine's own zone, on purpose. chrono-node computes weekdays, "today"
 * and "in 2 weeks" with a Date's local fields; given this reference, whose local calendar shows `day`
 * at noon (a time no daylight-saving change skips), the calendar fields it reads back are those of
 * `day` wherever the server runs. Nothing else may build a Date from local fields.
 */
export function hostLocalNoonOf(day: { year: number; month: number; day: number }): Date {
  return new Date(day.year, day.month - 1, day.day, 12, 0, 0, 0);
}
