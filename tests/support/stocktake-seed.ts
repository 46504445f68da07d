import type { Commitment } from '../../src/model/commitment.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { readAll } from './read-store.js';
import type { TestTracker } from './test-tracker.js';
import { addAgencies, CONSOLE } from './test-tracker.js';

/** Monday 30 November 2026, 09:00 in Kuala Lumpur: when MITI's weekly digest runs. */
export const STOCKTAKE_NOW = '2026-11-30T01:00:00.000Z';

const AISHA: CommandContext = { actor: { platform: 'slack', userId: 'U0AISHA', name: 'aisha' } };
/** Per week of the 12 before STOCKTAKE_NOW (weeks starting 7 Sep … 23 Nov): how many fell due. */
const DUE_PER_WEEK = [2, 1, 3, 0, 2, 4, 1, 2, 3, 1, 0, 2];
const AREAS = ['trade', 'semiconductors', 'digital'];
const DAY_MS = 86_400_000;

/**
 * Twelve weeks of an agreement's delivery, added and closed through the tracker at the instants they
 * happened: MITI's commitments fall due on the Wednesday of each week, some shared with MEITY; most are
 * closed on the Tuesday before (on time), some on the Friday after (late), some never (overdue now, with
 * progress notes); one is cancelled, and some deadlines move with a reason. Ends with the clock at
 * STOCKTAKE_NOW. The figures are not returned: tests work them out from the store.
 */
export async function seedStocktake(t: TestTracker): Promise<void> {
  t.clock.set('2026-08-20T02:00:00.000Z');
  await addAgencies(t.tracker);
  await t.tracker.execute('agency add DPIIT "Department for Promotion of Industry" tz:Asia/Kolkata', CONSOLE);
  const closings: { at: number; id: string; note: string }[] = [];
  const monday = Date.parse('2026-09-06T16:00:00.000Z');
  for (const [week, count] of DUE_PER_WEEK.entries()) {
    for (let j = 0; j < count; j += 1) {
      const wednesday = new Date(monday + (week * 7 + 2) * DAY_MS + 8 * 3_600_000);
      const owners = (week + j) % 4 === 0 ? 'MITI,MEITY' : 'MITI';
      const area = AREAS[(week + j) % AREAS.length];
      const due = wednesday.toISOString().slice(0, 10);
      const added = await t.tracker.execute(
        `add Working group report ${week + 1}.${j + 1} owner:${owners} <@U0AISHA> due:${due} area:${area}`,
        AISHA,
      );
      const id = added.commitment!.id;
      const kind = (week + j) % 5;
      if (kind === 0 && week >= 9) continue; // left open: overdue now
      if (kind === 1) closings.push({ at: wednesday.getTime() + 2 * DAY_MS, id, note: 'minutes filed late' });
      else if (kind !== 0) closings.push({ at: wednesday.getTime() - DAY_MS, id, note: 'report tabled' });
    }
  }
  // One dropped: cancelled work never counts as due.
  const dropped = await t.tracker.execute(
    'add Trade fair pavilion owner:MITI <@U0AISHA> due:2026-10-14 area:trade',
    AISHA,
  );
  closings.push({
    at: Date.parse('2026-10-01T03:00:00.000Z'),
    id: `cancel:${dropped.commitment!.id}`,
    note: '',
  });
  // Open work still to come, one of it owned by a second agency only.
  await t.tracker.execute(
    'add Semiconductor fab incentives owner:MITI <@U0AISHA> due:2026-12-02 area:semiconductors',
    AISHA,
  );
  await t.tracker.execute('add Digital trade pact owner:MEITY due:2026-12-15 area:digital', AISHA);
  await t.tracker.execute('add Startup corridor owner:DPIIT due:2027-02-01 area:digital', AISHA);

  for (const closing of closings.sort((a, b) => a.at - b.at)) {
    t.clock.set(new Date(closing.at));
    if (closing.id.startsWith('cancel:')) {
      await t.tracker.execute(`cancel ${closing.id.slice(7)} merged into the CEO forum`, AISHA);
    } else {
      await t.tracker.execute(`done ${closing.id} ${closing.note}`, AISHA);
    }
  }

  // Last week: notes on what is overdue, deadlines moved with their reasons, one at risk.
  t.clock.set('2026-11-24T03:00:00.000Z');
  const open = await readAll(t.commitments, { kind: 'open-for-agency', agency: 'MITI' });
  const overdue = open.filter((c) => c.deadline?.kind === 'date' && c.deadline.date < '2026-11-24');
  for (const c of overdue) {
    await t.tracker.execute(`update ${c.id} note:"awaiting cabinet note on ${c.title}"`, AISHA);
  }
  const fab = open.find((c) => c.title === 'Semiconductor fab incentives') as Commitment;
  await t.tracker.execute(`update ${fab.id} due:2026-12-16 reason:"awaiting cabinet note"`, AISHA);
  t.clock.set('2026-11-26T03:00:00.000Z');
  await t.tracker.execute(`update ${fab.id} due:2026-12-23 reason:"budget committee"`, AISHA);
  await t.tracker.execute(`update ${fab.id} status:at-risk note:"vendor late"`, AISHA);
  t.clock.set(STOCKTAKE_NOW);
}
