import { buildDigest } from '../../src/digest/build-digest.js';
import {
  collectDigestData,
  collectScoreboardData,
  hasNothingToReport,
} from '../../src/digest/digest-data.js';
import { digestWeek } from '../../src/digest/digest-week.js';
import { buildScoreboard, scoreSnapshots } from '../../src/digest/scoreboard.js';
import { DIGEST_OFF } from '../../src/model/channel-settings.js';
import { channelKey } from '../../src/model/platform.js';
import { agencyDirectory, agencyView, channelAudience } from './agency-view.js';
import type { RoutineDeps } from './routine-deps.js';

/**
 * An agency's weekly digest, once per linked channel per ISO week of the agency's zone, however often
 * the cron fires or the job runs: the week is in the delivery key. The agency's schedule serves its
 * channels with no digest time of their own; `channel` is the one a channel's own schedule serves. A
 * run that finds no channel, or nothing to report, posts nothing and leaves the week unused, so a
 * channel linked mid-week gets that week's digest at the next run.
 */
export async function runDigest(deps: RoutineDeps, code: string, channel?: string): Promise<string> {
  const agency = await deps.agencies.get(code);
  if (!agency) return `${code} no longer exists`;
  if (agency.channels.length === 0) return `${code} has no linked channel`;
  const settings = await deps.channelSettings.getMany(agency.channels);
  const own = (key: string) => settings.get(key)?.digest;
  const served = agency.channels.filter((linked) => {
    const key = channelKey(linked);
    return channel
      ? key === channel && own(key) !== undefined && own(key) !== DIGEST_OFF
      : own(key) === undefined;
  });
  if (served.length === 0) return `no channel of ${code} takes ${channel ? 'this' : 'its default'} digest`;
  const now = deps.clock.now();
  const zones = await agencyDirectory(deps.agencies, deps.settings.trackerTimeZone);
  // Posted only in the agency's own channels, which see all of its restricted commitments.
  const data = await collectDigestData(
    deps.commitments,
    agency,
    now,
    zones,
    { agencies: [code] },
    deps.checkins,
  );
  if (hasNothingToReport(data)) return `${code} has nothing to report`;
  const keyOf = (key: string) => `digest:${code}:${data.week.key}:${key}`;
  const pending = [];
  for (const linked of served) {
    if (!(await deps.records.isDone(keyOf(channelKey(linked))))) pending.push(linked);
  }
  if (pending.length === 0) return `${code} had its ${data.week.key} digest`;
  const view = await agencyView(deps.agencies, now, agency.timeZone, deps.settings.trackerTimeZone);
  const digest = buildDigest(data, view);
  for (const linked of pending) {
    await deps.outbox.send({
      key: keyOf(channelKey(linked)),
      kind: 'digest',
      channel: linked,
      message: digest.parent,
      replies: digest.replies,
    });
  }
  return `${code} ${data.week.key} digest for ${pending.length} channel(s)`;
}

/**
 * The coordination channel's all-agency scoreboard, once per ISO week of the coordination unit's zone,
 * with the chart in its thread. The week's figures are kept (the first run's, whatever the retries), so
 * that next week's scoreboard can show each agency's change. The coordination channel is a channel like
 * any other: restricted commitments count only in the lines of agencies linked to it, never in the totals.
 */
export async function runScoreboard(deps: RoutineDeps): Promise<string> {
  const channel = deps.settings.coordinationChannel;
  if (!channel) return 'no coordination channel';
  const now = deps.clock.now();
  const week = digestWeek(now, deps.settings.trackerTimeZone);
  const key = `scoreboard:${week.key}:${channelKey(channel)}`;
  if (await deps.records.isDone(key)) return `scoreboard of ${week.key} posted already`;
  const agencies = await deps.agencies.list();
  const all = await collectScoreboardData(
    deps.commitments,
    agencies,
    now,
    deps.settings.trackerTimeZone,
    await channelAudience(deps.agencies, channel),
  );
  if (all.agencies.every(hasNothingToReport)) return 'nothing to report';
  const view = await agencyView(
    deps.agencies,
    now,
    deps.settings.trackerTimeZone,
    deps.settings.trackerTimeZone,
  );
  const previousWeek = digestWeek(new Date(week.lastWeekStart), deps.settings.trackerTimeZone).key;
  const previous = await deps.snapshots.read(previousWeek);
  await deps.snapshots.keep(week.key, scoreSnapshots(all, view));
  const scoreboard = buildScoreboard(all, view, previous);
  await deps.outbox.send({
    key,
    kind: 'scoreboard',
    channel,
    message: scoreboard.parent,
    replies: scoreboard.replies,
  });
  return `scoreboard of ${week.key}`;
}
