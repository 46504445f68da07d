// home_at_scale: the App Home of a person at the largest size (two agencies' open items and their own),
// rendered as Slack's view, against a raw read of 100 items. list_growth: `list owner:X`'s first page at
// the largest size against the same at a tenth of it. All in this process, in alternation.
import type { Redis } from 'ioredis';
import { renderPage } from '../../adapters/slack/block-kit.js';
import { homeView } from '../../adapters/slack/home-tab.js';
import { FixedClock } from '../../src/ports/clock.js';
import { noopPlanner } from '../../src/ports/planner.js';
import { RedisAgencyStore } from '../../src/store/redis-agency-store.js';
import { RedisChannelSettingsStore } from '../../src/store/redis-channel-settings-store.js';
import { RedisCheckinStore } from '../../src/store/redis-checkin-store.js';
import { RedisCommitmentStore } from '../../src/store/redis-commitment-store.js';
import { RedisHolidayStore } from '../../src/store/redis-holiday-store.js';
import { commitmentKeys } from '../../src/store/redis-keys.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { Tracker } from '../../src/tracker/tracker.js';
import { agencyCode } from '../bench-data.js';
import { log, median, type Row, row, timed } from '../measure.js';

function trackerOn(redis: Redis, prefix: string): Tracker {
  const agencies = new RedisAgencyStore({ redis, prefix });
  const commitments = new RedisCommitmentStore({ redis, prefix, timeZoneOf: agencies.timeZoneOf });
  return new Tracker({
    commitments,
    agencies,
    holidays: new RedisHolidayStore(redis, prefix),
    channelSettings: new RedisChannelSettingsStore(redis, prefix),
    checkins: new RedisCheckinStore(redis, prefix),
    clock: new FixedClock(new Date()),
    planner: noopPlanner,
    settings: {
      trackerTimeZone: 'UTC',
      trackerAdmins: [],
      channelDefaults: {
        digestCron: '0 9 * * 1',
        checkinCron: '0 9 * * 3',
        reminderOffsets: ['7d', '1d', '0d'],
      },
    },
  });
}

export async function homeAndListRows(options: {
  quick: boolean;
  redis: Redis;
  largestPrefix: string;
  tenthPrefix: string;
}): Promise<Row[]> {
  const samples = options.quick ? 150 : 400;
  const large = trackerOn(options.redis, options.largestPrefix);
  const small = trackerOn(options.redis, options.tenthPrefix);
  const keys = commitmentKeys(options.largestPrefix);
  const person: CommandContext = { actor: { platform: 'slack', userId: 'U0007' } };
  const codes = [agencyCode(0), agencyCode(1)];
  const home = async () => homeView(await large.overview(person, codes));
  const raw100 = async () => {
    const members = await options.redis.zrange(keys.openForAgency(codes[0]!), 0, 99);
    await options.redis.mget(members.map((m) => keys.commitment(`C-${Number(m)}`)));
  };
  const list = (tracker: Tracker) => async () => {
    const ctx: CommandContext = {
      actor: { platform: 'slack', userId: 'U0007' },
      channel: { platform: 'slack', id: 'CAG01' },
      page: { index: 0, size: 20 },
    };
    const result = await tracker.execute(`list owner:${codes[0]}`, ctx);
    renderPage(result.reply, { pageSize: 20 });
  };
  const times = { home: [] as number[], raw: [] as number[], large: [] as number[], small: [] as number[] };
  for (let warm = 0; warm < 30; warm += 1) {
    await home();
    await raw100();
    await list(large)();
    await list(small)();
  }
  for (let i = 0; i < samples; i += 1) {
    const pairs: [number[], () => Promise<unknown>][] = [
      [times.home, home],
      [times.raw, raw100],
      [times.large, list(large)],
      [times.small, list(small)],
    ];
    for (const [into, work] of i % 2 === 0 ? pairs : pairs.reverse()) into.push(await timed(work));
  }
  const [h, r, l, s] = [median(times.home), median(times.raw), median(times.large), median(times.small)];
  log(`home_at_scale: ${h.toFixed(2)} ms vs raw 100 items ${r.toFixed(2)} ms`);
  log(
    `list_growth: list owner:${codes[0]} ${l.toFixed(2)} ms at the largest size, ${s.toFixed(2)} ms at a tenth`,
  );
  return [row('home_at_scale', h, r, 'ms', { atMost: 5 }), row('list_growth', l, s, 'ms', { atMost: 1.5 })];
}
