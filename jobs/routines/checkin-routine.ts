import { WorkingCalendar } from '../../src/calendar/working-days.js';
import { checkinDueToday } from '../../src/checkins/checkin-day.js';
import { needsCheckin } from '../../src/checkins/checkin-news.js';
import { checkinMessages } from '../../src/messages/checkin-message.js';
import { isQuiet, takesCheckins } from '../../src/model/channel-settings.js';
import { scopesOfAgency } from '../../src/model/holiday.js';
import { channelKey } from '../../src/model/platform.js';
import { eachPage } from '../../src/store/each-page.js';
import { agencyView } from './agency-view.js';
import type { RoutineDeps } from './routine-deps.js';

/**
 * An agency's weekly check-in, on its check-in day (CHECKIN_CRON's day in its zone, or the working day
 * before when it does not work then): one message per linked channel that takes check-ins, listing its
 * open commitments without news for a week, each with its answers, more than a handful continuing in
 * the thread. Which commitments are asked about is fixed by the week's first run; the delivery key holds
 * the week, so however often the routine runs (retries, restarts, other workers) a channel gets one.
 */
export async function runCheckin(deps: RoutineDeps, code: string): Promise<string> {
  const agency = await deps.agencies.get(code);
  if (!agency) return `${code} no longer exists`;
  const now = deps.clock.now();
  const calendar = new WorkingCalendar(agency.country, await deps.holidays.daysOf(scopesOfAgency(agency)));
  const due = checkinDueToday(deps.settings.checkinCron, agency.timeZone, calendar, now);
  if (!due) return `not ${code}'s check-in day`;
  const settings = await deps.channelSettings.getMany(agency.channels);
  const channels = agency.channels.filter((channel) => {
    const own = settings.get(channelKey(channel));
    return takesCheckins(own) && !isQuiet(own, now);
  });
  if (channels.length === 0) return `no channel of ${code} takes check-ins now`;
  const record =
    (await deps.checkins.get(code, due.week)) ??
    (await deps.checkins.open({
      agency: code,
      week: due.week,
      at: now.toISOString(),
      ids: await idsNeedingCheckin(deps, code, now),
    }));
  if (record.ids.length === 0) return `${code}: every open commitment had news this week`;
  const keyOf = (channel: string) => `checkin:${code}:${record.week}:${channel}`;
  const pending = [];
  for (const channel of channels) {
    if (!(await deps.records.isDone(keyOf(channelKey(channel))))) pending.push(channel);
  }
  if (pending.length === 0) return `${code} had its ${record.week} check-in`;
  const [commitments, answers, view] = await Promise.all([
    deps.commitments.getMany(record.ids),
    deps.checkins.answers(code, record.week),
    agencyView(deps.agencies, now, agency.timeZone, deps.settings.trackerTimeZone),
  ]);
  // The agency's own channels see its restricted commitments; one given to another agency since the
  // week's first run is no longer theirs to see.
  const [first, ...rest] = checkinMessages(agency, record, commitments, answers, view, {
    agencies: [code],
  });
  for (const channel of pending) {
    await deps.outbox.send({
      key: keyOf(channelKey(channel)),
      kind: 'checkin',
      channel,
      message: first!,
      replies: rest,
    });
  }
  return `${code} ${record.week} check-in of ${record.ids.length} for ${pending.length} channel(s)`;
}

/** The agency's open commitments without news for a week, read a page at a time: a job, not a request. */
async function idsNeedingCheckin(deps: RoutineDeps, code: string, now: Date): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of eachPage(deps.commitments, { kind: 'open-for-agency', agency: code })) {
    ids.push(...page.filter((commitment) => needsCheckin(commitment, code, now)).map((c) => c.id));
  }
  return ids;
}
