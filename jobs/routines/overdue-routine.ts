import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { WorkingCalendar } from '../../src/calendar/working-days.js';
import { latestStanding } from '../../src/checkins/checkin-news.js';
import { type CalendarDay, calendarDayIn, dayNumber, isoDay } from '../../src/dates/calendar-day.js';
import { overdueRollup, type UnansweredCheckin } from '../../src/messages/overdue-message.js';
import type { Agency } from '../../src/model/agency.js';
import { scopesOfAgency } from '../../src/model/holiday.js';
import { channelKey } from '../../src/model/platform.js';
import { agencyView } from './agency-view.js';
import type { RoutineDeps } from './routine-deps.js';

/** The roll-up lists the longest overdue first, this many; its heading counts them all. */
const ROLLUP_LINES = 50;

/**
 * What the agency's latest check-in, if asked on an earlier day, is still waiting to hear about: a day
 * to answer is given before silence counts against a commitment.
 */
async function unansweredCheckin(
  deps: RoutineDeps,
  agency: Agency,
  today: CalendarDay,
): Promise<UnansweredCheckin | undefined> {
  const now = deps.clock.now().getTime();
  const standing = await latestStanding(deps.checkins, deps.commitments, agency.code, now, {
    agencies: [agency.code],
  });
  if (!standing) return undefined;
  const asked = new Date(standing.record.at);
  if (dayNumber(calendarDayIn(agency.timeZone, asked)) >= dayNumber(today)) return undefined;
  const day = format(new TZDate(asked.getTime(), agency.timeZone), 'EEE d MMM');
  return { ids: new Set(standing.withoutNews), day };
}

/**
 * An agency's overdue roll-up: on its working days only, one message per linked channel listing its most
 * overdue commitments and counting the rest (none when nothing is overdue), once per local day whatever
 * the retries.
 */
export async function runOverdueRollup(deps: RoutineDeps, code: string): Promise<string> {
  const agency = await deps.agencies.get(code);
  if (!agency) return `${code} no longer exists`;
  const now = deps.clock.now();
  const today = calendarDayIn(agency.timeZone, now);
  const holidays = await deps.holidays.daysOf(scopesOfAgency(agency));
  const closed = new WorkingCalendar(agency.country, holidays).closedBecause(today);
  if (closed) return `${isoDay(today)} is not a working day for ${code} (${closed})`;
  if (agency.channels.length === 0) return `${code} has no linked channel`;
  const view = await agencyView(deps.agencies, now, agency.timeZone, deps.settings.trackerTimeZone);
  // Posted only in the agency's own channels, which see all of its restricted commitments.
  const overdue = await deps.commitments.page(
    { kind: 'open-for-agency', agency: code, due: { before: now.getTime() } },
    { offset: 0, limit: ROLLUP_LINES },
    { agencies: [code] },
  );
  const total = overdue.total ?? overdue.items.length;
  if (total === 0) return `${code} has nothing overdue`;
  const unanswered = await unansweredCheckin(deps, agency, today);
  const message = overdueRollup(agency, overdue.items, view, total, unanswered);
  for (const channel of agency.channels) {
    await deps.outbox.send({
      key: `overdue:${code}:${isoDay(today)}:${channelKey(channel)}`,
      kind: 'overdue',
      channel,
      message,
    });
  }
  return `${code}: ${total} overdue`;
}
