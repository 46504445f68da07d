// slash_http and slash_http_p99: signed `/commit add` and `/commit list` through the real web process
// (bin/web.ts, on the seeded store), each counted when its answer arrived (in the acknowledgement's
// body, or else at the loopback response_url) and only if it is the answer expected, against a bare
// Bolt app that only acknowledges, at the same concurrency, in alternation.
import { randomUUID } from 'node:crypto';
import { agencyCode } from '../bench-data.js';
import { type Command, type LoadResult, runLoad, slashBody } from '../load-generator.js';
import { interleaved, log, percentile, type Row, row } from '../measure.js';
import { type Child, freePort, spawnScript } from '../processes.js';
import type { SlackLoopback } from '../slack-loopback.js';

const SECRET = `bench-${randomUUID()}`;
/**
 * Node's flags for the web role, as deploy/followthrough-web.service and `npm run web` start it
 * (tests/unit/web-node-flags.test.ts keeps the three the same); the bare app gets them too.
 */
export const WEB_NODE_ARGS = ['--max-semi-space-size=64'];
const CONCURRENCY = 64;
const USERS = 64;

export async function slashHttpRows(options: {
  quick: boolean;
  redisUrl: string;
  slack: SlackLoopback;
  agencyCount: number;
}): Promise<Row[]> {
  const [webPort, barePort] = [await freePort(), await freePort()];
  const web = await spawnScript('bin/web.ts', {
    env: {
      REDIS_URL: options.redisUrl,
      PORT: String(webPort),
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: options.slack.apiUrl,
      TRACKER_ADMINS: '*',
      LOG_LEVEL: 'warn',
    },
    nodeArgs: WEB_NODE_ARGS,
    ready: new URL(`http://127.0.0.1:${webPort}/healthz`),
  });
  const bare = await spawnScript('bench/bare-bolt-app.ts', {
    env: { PORT: String(barePort), SLACK_SIGNING_SECRET: SECRET },
    nodeArgs: WEB_NODE_ARGS,
    ready: /listening/,
  });
  try {
    let n = 0;
    const ours = (): Command => {
      n += 1;
      const user = `U${String(n % USERS).padStart(4, '0')}`;
      const channel = `CAG${String(1 + (n % options.agencyCount)).padStart(2, '0')}`;
      const due = new Date(Date.now() + (10 + (n % 300)) * 86_400_000).toISOString().slice(0, 10);
      const add = n % 2 === 1;
      const text = add ? `add Bench deliverable number ${n} due:${due} area:trade` : 'list';
      const { url, posted, forget } = options.slack.responseUrl();
      const expected = add ? /^✅ Added C-\d+: Bench deliverable/ : /^Open commitments of AG\d\d/;
      return {
        body: slashBody(text, user, channel, url),
        answer: { posted, forget, isRight: (answer) => expected.test(answer) },
      };
    };
    const baseline = (): Command => {
      n += 1;
      const body = slashBody(
        'list',
        `U${String(n % USERS).padStart(4, '0')}`,
        'CAG01',
        'http://127.0.0.1:9/',
      );
      return { body };
    };
    const load = (port: number, command: () => Command, durationMs: number) =>
      runLoad({
        url: `http://127.0.0.1:${port}/slack/events`,
        secret: SECRET,
        concurrency: CONCURRENCY,
        durationMs,
        command,
      });
    log(`slash_http: warming up the web process (${agencyCode(0)} and others) and the bare app`);
    await load(webPort, ours, 2_000);
    await load(barePort, baseline, 2_000);
    const rounds = options.quick ? 2 : 3;
    const windowMs = options.quick ? 4_000 : 8_000;
    const results = { ours: [] as LoadResult[], baseline: [] as LoadResult[] };
    const cpu = { ours: 0, baseline: 0, bench: { ours: 0, baseline: 0 } };
    const measured = async (into: 'ours' | 'baseline', child: Child, work: () => Promise<LoadResult>) => {
      const before = child.cpuSeconds();
      const benchBefore = process.cpuUsage();
      results[into].push(await work());
      cpu[into] += child.cpuSeconds() - before;
      const used = process.cpuUsage(benchBefore);
      cpu.bench[into] += (used.user + used.system) / 1e6;
    };
    await interleaved(
      rounds,
      () => measured('ours', web, () => load(webPort, ours, windowMs)),
      () => measured('baseline', bare, () => load(barePort, baseline, windowMs)),
    );
    const sum = (all: LoadResult[]) => ({
      rps: all.reduce((a, r) => a + r.completed, 0) / all.reduce((a, r) => a + r.seconds, 0),
      p99: percentile(
        all.flatMap((r) => r.latencies),
        99,
      ),
      failed: all.reduce((a, r) => a + r.failed, 0),
    });
    const o = sum(results.ours);
    const b = sum(results.baseline);
    const count = (all: LoadResult[]) => all.reduce((a, r) => a + r.completed, 0);
    const perRequest = (seconds: number, n: number) => `${((seconds * 1000) / n).toFixed(3)} ms`;
    log(
      `slash_http CPU per request: web ${perRequest(cpu.ours, count(results.ours))} (bench ${perRequest(cpu.bench.ours, count(results.ours))}), bare app ${perRequest(cpu.baseline, count(results.baseline))} (bench ${perRequest(cpu.bench.baseline, count(results.baseline))})`,
    );
    const inAck = results.ours.reduce((a, r) => a + r.inAck, 0);
    log(`slash_http: ${inAck} of ${count(results.ours)} answers came in the acknowledgement`);
    log(
      `slash_http: ours ${o.rps.toFixed(0)} req/s p99 ${o.p99.toFixed(1)} ms (${o.failed} failed); bare Bolt ${b.rps.toFixed(0)} req/s p99 ${b.p99.toFixed(1)} ms (${b.failed} failed); Slack calls ${JSON.stringify(Object.fromEntries(options.slack.calls))}`,
    );
    if (o.failed > 0) throw new Error(`${o.failed} slash commands got no answer`);
    return [
      row('slash_http', o.rps, b.rps, 'req/s', { atLeast: 0.3 }),
      row('slash_http_p99', o.p99, b.p99, 'ms', { atMost: 3 }),
    ];
  } finally {
    await web.stop();
    await bare.stop();
  }
}
