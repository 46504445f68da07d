import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/messages/message.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import {
  addMitiAndMeity,
  COORDINATION,
  completedRoutines,
  type Harness,
  SLACK_MITI,
  TEAMS_MEITY,
  useSchedulerHarness,
  waitForMoreRuns,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

const newHarness = useSchedulerHarness(useTestRedis());

const USER: CommandContext = { actor: { platform: 'slack', userId: 'U1' } };

/** The daily routines fire every second; the frozen clock says which day it is. */
async function start(now: string): Promise<Harness> {
  const h = await newHarness({ now, tuning: { dailyCron: '* * * * * *' } });
  await addMitiAndMeity(h);
  return h;
}

const listed = (message: Message) =>
  message.blocks.flatMap((block) => (block.type === 'commitments' ? block.items.map((item) => item.id) : []));

async function onDay(h: Harness, instant: string): Promise<void> {
  h.clock.set(instant);
  // Two full rounds of every agency's roll-up and the coordination run under the new date.
  await waitForMoreRuns(h.scheduler, 'overdue', 2, 'MITI');
  await waitForMoreRuns(h.scheduler, 'overdue', 2, 'MEITY');
  await waitForMoreRuns(h.scheduler, 'coordination', 2);
  await waitForDrain([h.scheduler.queues.deliveries]);
}

describe('overdue roll-up and escalation', () => {
  it('posts one roll-up per agency channel per working day, flags stale items and escalates once a week', async () => {
    const h = await start('2026-01-20T03:00:00Z');
    const add = async (title: string, owners: string[], dueText: string) =>
      (await h.tracker.run({ kind: 'add', title, owners, dueText }, USER)).commitment!.id;
    const longOverdue = await add('Customs data exchange', ['MITI'], '2026-01-28');
    const shared = await add('Joint chip testing lab', ['MITI', 'MEITY'], '2026-03-06');
    await add('Tariff schedule', ['MITI'], '2026-04-30');
    h.clock.set('2026-03-01T03:00:00Z');
    await h.tracker.run({ kind: 'update', id: shared, note: 'site shortlisted' }, USER);
    await h.scheduler.startWorkers();

    // Mon 9 Mar.
    await onDay(h, '2026-03-09T03:00:00Z');
    expect(h.slack.postsTo(SLACK_MITI.id)).toHaveLength(1);
    expect(h.teams.postsTo(TEAMS_MEITY.id)).toHaveLength(1);
    const miti = h.slack.postsTo(SLACK_MITI.id)[0]!.message;
    expect(listed(miti)).toEqual([longOverdue, shared]);
    expect(miti.text).toBe('MITI: 2 overdue commitments, 1 stale');
    expect(JSON.stringify(miti.blocks)).toContain(
      `"text":"${longOverdue}"},{"kind":"text","text":" has had no progress note for 48 days."}`,
    );
    expect(listed(h.teams.postsTo(TEAMS_MEITY.id)[0]!.message)).toEqual([shared]);
    const escalations = () => h.slack.postsTo(COORDINATION.id);
    expect(escalations()).toHaveLength(1);
    expect(listed(escalations()[0]!.message)).toEqual([longOverdue]);

    // Tue 10 Mar: the roll-ups again, no second escalation within the week.
    await onDay(h, '2026-03-10T03:00:00Z');
    expect(h.slack.postsTo(SLACK_MITI.id)).toHaveLength(2);
    expect(h.teams.postsTo(TEAMS_MEITY.id)).toHaveLength(2);
    expect(escalations()).toHaveLength(1);

    // Sat 14 Mar: a weekend for both.
    await onDay(h, '2026-03-14T03:00:00Z');
    expect(h.slack.postsTo(SLACK_MITI.id)).toHaveLength(2);
    expect(h.teams.postsTo(TEAMS_MEITY.id)).toHaveLength(2);
    expect(await completedRoutines(h.scheduler, 'overdue', 'MEITY')).toContain(
      '2026-03-14 is not a working day for MEITY (weekend)',
    );

    // Mon 16 Mar: a new week escalates both, the shared one now overdue for more than 7 days.
    await onDay(h, '2026-03-16T03:00:00Z');
    expect(h.slack.postsTo(SLACK_MITI.id)).toHaveLength(3);
    expect(escalations()).toHaveLength(2);
    expect(listed(escalations()[1]!.message)).toEqual([longOverdue, shared]);
  }, 60_000);

  it('a public holiday skips that agency’s roll-up only: Republic Day in India, a working Monday in Malaysia', async () => {
    const h = await start('2026-01-05T03:00:00Z');
    await h.tracker.run(
      { kind: 'add', title: 'Trade data MoU', owners: ['MITI', 'MEITY'], dueText: '2026-01-09' },
      USER,
    );
    await h.scheduler.startWorkers();

    await onDay(h, '2026-01-26T04:00:00Z');
    await waitUntil(() => h.slack.postsTo(SLACK_MITI.id).length === 1, 'MITI’s roll-up');
    expect(h.teams.postsTo(TEAMS_MEITY.id)).toHaveLength(0);
    expect(await completedRoutines(h.scheduler, 'overdue', 'MEITY')).toContain(
      '2026-01-26 is not a working day for MEITY (Republic Day)',
    );
  });

  it('a holiday India’s list gives, which date-holidays does not know, skips MEITY’s roll-up: Guru Nanak’s Birthday', async () => {
    const h = await start('2026-11-02T03:00:00Z');
    await h.tracker.run(
      { kind: 'add', title: 'Trade data MoU', owners: ['MITI', 'MEITY'], dueText: '2026-11-04' },
      USER,
    );
    await h.holidays.put({ kind: 'region', code: 'IN' }, [
      { date: '2026-11-24', name: "Guru Nanak's Birthday", source: 'imported from india.ics' },
    ]);
    await h.scheduler.startWorkers();

    // Tuesday 24 November: a working day in Malaysia, a holiday on India's list.
    await onDay(h, '2026-11-24T04:00:00Z');
    await waitUntil(() => h.slack.postsTo(SLACK_MITI.id).length === 1, 'MITI’s roll-up');
    expect(h.teams.postsTo(TEAMS_MEITY.id)).toHaveLength(0);
    expect(await completedRoutines(h.scheduler, 'overdue', 'MEITY')).toContain(
      "2026-11-24 is not a working day for MEITY (Guru Nanak's Birthday)",
    );
  });
});
