// What every row of the benchmark shares: timing, statistics, and the row itself.

export interface Row {
  name: string;
  ours: number;
  baseline: number;
  unit: string;
  /** ours / baseline. */
  ratio: number;
  /** e.g. `ratio >= 0.3` */
  target: string;
  pass: boolean;
}

export function row(
  name: string,
  ours: number,
  baseline: number,
  unit: string,
  target: { atLeast: number } | { atMost: number },
): Row {
  const ratio = ours / baseline;
  const pass = 'atLeast' in target ? ratio >= target.atLeast : ratio <= target.atMost;
  const text = 'atLeast' in target ? `ratio >= ${target.atLeast}` : `ratio <= ${target.atMost}`;
  return {
    name,
    ours: round(ours),
    baseline: round(baseline),
    unit,
    ratio: round(ratio, 3),
    target: text,
    pass,
  };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Runs ours and the baseline in alternation, `rounds` times each, the one first in a round changing every
 * round, so that drift on a shared machine (another process waking up) falls on both alike.
 */
export async function interleaved(
  rounds: number,
  ours: (round: number) => Promise<void>,
  baseline: (round: number) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    if (i % 2 === 0) {
      await ours(i);
      await baseline(i);
    } else {
      await baseline(i);
      await ours(i);
    }
  }
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
