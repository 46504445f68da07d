// digest_build and digest_peak_rss: see bench/digest-child.ts, run as a process of its own.
import { log, type Row, row } from '../measure.js';
import { spawnScript } from '../processes.js';

export async function digestRows(options: { quick: boolean; redisUrl: string }): Promise<Row[]> {
  const child = await spawnScript('bench/digest-child.ts', {
    env: { REDIS_URL: options.redisUrl, ROUNDS: options.quick ? '3' : '5' },
  });
  const output = await child.exited;
  const line = output.trim().split('\n').at(-1) ?? '';
  let result: { ours: number; baseline: number; peakRssMb: number };
  try {
    result = JSON.parse(line);
  } catch {
    throw new Error(`digest benchmark failed:\n${child.output()}`);
  }
  log(
    `digest_build: ours ${result.ours.toFixed(3)} s, raw read of open items ${result.baseline.toFixed(3)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  );
  return [
    row('digest_build', result.ours, result.baseline, 's', { atMost: 3 }),
    row('digest_peak_rss', result.peakRssMb, 250, 'MB', { atMost: 1 }),
  ];
}
