// digest_build, in a process of its own so that its peak memory is its own: every agency's digest built
// from the seeded store (as the weekly job does, one agency after the other), against a raw read of
// every agency's open items, in alternation. Prints one JSON line: median seconds of each, peak RSS.
import { Redis } from 'ioredis';
import { buildDigest } from '../src/digest/build-digest.js';
import { collectDigestData } from '../src/digest/digest-data.js';
import { AgencyDirectory } from '../src/messages/view.js';
import { indexMember } from '../src/store/commitment-indexes.js';
import { RedisAgencyStore } from '../src/store/redis-agency-store.js';
import { RedisCommitmentStore } from '../src/store/redis-commitment-store.js';
import { commitmentKeys } from '../src/store/redis-keys.js';
import { interleaved, median, timed } from './measure.js';

const redis = new Redis(process.env.REDIS_URL ?? '');
const rounds = Number(process.env.ROUNDS ?? 3);
const agencies = new RedisAgencyStore({ redis });
const store = new RedisCommitmentStore({ redis, timeZoneOf: agencies.timeZoneOf });
const keys = commitmentKeys();
const all = await agencies.list();
const directory = new AgencyDirectory(all, 'UTC');

let peakRss = 0;
let sampling: NodeJS.Timeout | undefined;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

const ours: number[] = [];
const baseline: number[] = [];
await interleaved(
  rounds,
  async () => {
    sampling = setInterval(sample, 5);
    ours.push(
      await timed(async () => {
        const now = new Date();
        for (const agency of all) {
          const data = await collectDigestData(store, agency, now, directory, { agencies: [agency.code] });
          buildDigest(data, { now, readerTimeZone: agency.timeZone, timeZoneOf: directory.timeZoneOf });
          sample();
        }
      }),
    );
    clearInterval(sampling);
  },
  async () => {
    baseline.push(
      await timed(async () => {
        for (const agency of all) {
          const members = await redis.zrange(keys.openForAgency(agency.code), 0, -1);
          for (let at = 0; at < members.length; at += 500) {
            await redis.mget(members.slice(at, at + 500).map((m) => keys.commitment(`C-${Number(m)}`)));
          }
        }
      }),
    );
  },
);
// Keeps the import honest: members are ids padded as the indexes hold them.
if (indexMember('C-1') !== '000000001') throw new Error('index members changed shape');
process.stdout.write(
  `${JSON.stringify({ ours: median(ours) / 1000, baseline: median(baseline) / 1000, peakRssMb: peakRss / 2 ** 20 })}\n`,
);
redis.disconnect();
