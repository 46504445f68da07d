import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/model/platform.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import {
  addAgency,
  COORDINATION,
  completedRoutines,
  type Harness,
  OPERATOR,
  SLACK_MITI,
  TEAMS_MEITY,
  useSchedulerHarness,
  waitForMoreRuns,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

const newHarness = useSchedulerHarness(useTestRedis());

const TEAMS_MITI: ChannelRef = { platform: 'teams', id: '19:miti@thread.tacv2' };
const SLACK_DPIIT: ChannelRef = { platform: 'slack', id: 'C-DPIIT' };
const SLACK_EMPTY: ChannelRef = { platform: 'slack', id: 'C-EMPTY' };
const USER: CommandContext = { actor: { platform: 'slack', userId: 'U1' } };
const EVERY_SECOND = '* * * * * *';

/** A cron firing every second, so that a test sees many runs within one (frozen) week. */
function startEverySecond(): Promise<Harness> {
  return newHarness({ now: '2026-02-20T03:00:00Z', settings: { digestCron: EVERY_SECOND } });
}

/** MITI on Wed 4 Mar 2026 (W10): one overdue, one due this week, one at risk whose deadline moved last week, one closed last week. */
async function seedMiti(h: Harness): Promise<void> {
  const add = async (title: string, dueText: string, area: string) =>
    (await h.tracker.run({ kind: 'add', title, owners: ['MITI'], dueText, area }, USER)).commitment!;
  const due = await add('Chip design fund', '2026-03-06', 'semiconductors');
  const overdue = await add('Talent exchange', '2026-03-02', 'people');
  const atRisk = await add('Tariff schedule', '2026-04-30', 'trade');
  const closed = await add('Signing ceremony', '2026-02-27', 'trade');
  h.clock.set('2026-02-25T03:00:00Z');
  await h.tracker.run({ kind: 'done', id: closed.id, note: 'signed' }, USER);
  await h.tracker.run(
    { kind: 'update', id: atRisk.id, status: 'at-risk', dueText: '2026-05-15', reason: 'customs' },
    USER,
  );
  expect([due.id, overdue.id]).toHaveLength(2);
}

describe('weekly digest', () => {
  it('a cron firing every second, on two replicas, posts one digest per agency channel per ISO week', async () => {
    const h = await startEverySecond();
    await addAgency(h, { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
      SLACK_MITI,
      TEAMS_MITI,
    ]);
    await addAgency(
      h,
      { code: 'MEITY', name: 'Electronics and IT', timeZone: 'Asia/Kolkata', country: 'IN' },
      [TEAMS_MEITY],
    );
    await seedMiti(h);
    await h.tracker.run({ kind: 'add', title: 'Fab skills', owners: ['MEITY'], dueText: '2026-06-01' }, USER);
    h.clock.set('2026-03-04T06:00:00Z');
    const second = h.addReplica();
    await Promise.all([h.scheduler.startWorkers(), second.scheduler.startWorkers()]);

    const parents = () => [
      h.slack.parentsIn(SLACK_MITI.id).length,
      h.teams.parentsIn(TEAMS_MITI.id).length,
      h.teams.parentsIn(TEAMS_MEITY.id).length,
      h.slack.parentsIn(COORDINATION.id).length,
    ];
    await waitUntil(() => parents().every((n) => n >= 1), 'the first digests and the scoreboard');
    await waitForMoreRuns(h.scheduler, 'digest', 4, 'MITI');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(parents()).toEqual([1, 1, 1, 1]);

    const [parent] = h.slack.parentsIn(SLACK_MITI.id);
    expect(parent!.message.text).toContain('MITI weekly delivery digest, 2026-W10');
    const fields = parent!.message.blocks.find((block) => block.type === 'fields');
    expect(
      fields?.type === 'fields' && Object.fromEntries(fields.fields.map((f) => [f.label, f.value])),
    ).toEqual({
      Open: '3',
      'Due this week': '1',
      Overdue: '1',
      'At risk or blocked': '1',
      'Closed last week': '1',
      'On-time rate': '100%: 1 of 1 closed on or before the deadline in the last 12 weeks',
      'Deadlines moved last week': '1 (15 days of slippage in total)',
    });
    expect(h.slack.repliesTo(parent!).map((reply) => reply.message.text)).toEqual([
      '📊 MITI: due and closed per week, last 12 weeks',
      '🔴 Overdue (1)',
      '📅 Due in the next 14 days (1)',
      '🟠 At risk or blocked (1)',
      '🗓️ Deadlines moved last week (1, 15 days of slippage in total)',
      '✅ Closed last week (1)',
    ]);
    expect(h.teams.repliesTo(h.teams.parentsIn(TEAMS_MITI.id)[0]!)).toHaveLength(6);
    const [scoreboard] = h.slack.parentsIn(COORDINATION.id);
    expect(scoreboard!.message.text).toContain('All-agency delivery scoreboard');
    expect(h.slack.repliesTo(scoreboard!).map((reply) => reply.message.blocks[0]!.type)).toEqual(['image']);

    // The next week: one more each, however many runs.
    h.clock.set('2026-03-11T06:00:00Z');
    await waitUntil(() => parents().every((n) => n >= 2), 'the next week’s digests');
    await waitForMoreRuns(h.scheduler, 'digest', 3, 'MITI');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(parents()).toEqual([2, 2, 2, 2]);
    expect(h.slack.parentsIn(SLACK_MITI.id)[1]!.message.text).toContain('2026-W11');
    // The second scoreboard compares with the figures the first one kept: the chip fund fell overdue.
    const lines = h.slack
      .parentsIn(COORDINATION.id)[1]!
      .message.blocks.map((block) =>
        block.type === 'section'
          ? block.content.map((part) => ('text' in part ? part.text : '')).join('')
          : '',
      );
    expect(lines.find((line) => line.startsWith('MITI'))).toMatch(
      /^MITI · 2 overdue \(\+1\) · 1 at risk or blocked \(=\)/,
    );
  });

  it('a run with no linked channel or nothing to report posts nothing and leaves the week for a channel linked later', async () => {
    const h = await startEverySecond();
    await addAgency(h, { code: 'DPIIT', name: 'Industry', timeZone: 'Asia/Kolkata', country: 'IN' }, []);
    await addAgency(h, { code: 'EMPTY', name: 'Nothing yet', timeZone: 'Asia/Kolkata', country: 'IN' }, [
      SLACK_EMPTY,
    ]);
    await h.tracker.run(
      { kind: 'add', title: 'Investor desk', owners: ['DPIIT'], dueText: '2026-03-20' },
      USER,
    );
    h.clock.set('2026-03-04T06:00:00Z');
    await h.scheduler.startWorkers();

    await waitForMoreRuns(h.scheduler, 'digest', 2, 'DPIIT');
    await waitForMoreRuns(h.scheduler, 'digest', 2, 'EMPTY');
    expect(await completedRoutines(h.scheduler, 'digest', 'DPIIT')).toContain('DPIIT has no linked channel');
    expect(await completedRoutines(h.scheduler, 'digest', 'EMPTY')).toContain('EMPTY has nothing to report');

    // Linked on Wednesday: this week's digest comes at the next run, once.
    await h.tracker.run(
      { kind: 'channel-link', agency: 'DPIIT' },
      { actor: OPERATOR.actor, channel: SLACK_DPIIT },
    );
    await waitUntil(() => h.slack.parentsIn(SLACK_DPIIT.id).length >= 1, 'DPIIT’s digest after linking');
    await waitForMoreRuns(h.scheduler, 'digest', 3, 'DPIIT');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.slack.parentsIn(SLACK_DPIIT.id)).toHaveLength(1);
    expect(h.slack.parentsIn(SLACK_DPIIT.id)[0]!.message.text).toContain('2026-W10');
    expect(h.slack.postsTo(SLACK_EMPTY.id)).toHaveLength(0);
  });
});
