import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/model/platform.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { REMOVED_FROM_CHANNEL, type RecordedPost } from '../support/recording-gateway.js';
import {
  addAgency,
  COORDINATION,
  type Harness,
  OPERATOR,
  runRoutine,
  SLACK_MITI,
  secondsAhead,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

/**
 * What the jobs post about restricted commitments, with real Redis and BullMQ: digests, roll-ups,
 * check-ins and reminders go to the owning agencies' own channels, which see them; the coordination
 * channel, linked to no agency, gets neither their titles nor their counts.
 */

const newHarness = useSchedulerHarness(useTestRedis());
const SLACK_MINDEF: ChannelRef = { platform: 'slack', id: 'C-MINDEF' };
const TEAMS_MINDEF: ChannelRef = { platform: 'teams', id: '19:mindef@thread.tacv2' };
const USER: CommandContext = { actor: { platform: 'slack', userId: 'U1' }, channel: SLACK_MINDEF };

const PATROL = 'Maritime patrol protocol'; // MINDEF, restricted
const EXERCISE = 'Joint naval exercise'; // MINDEF and MITI, restricted
const PORT_CALL = 'Naval port call'; // MINDEF, open
const TARIFFS = 'Tariff schedule'; // MITI, open

async function start(now: string): Promise<Harness> {
  const h = await newHarness({ now });
  await addAgency(h, { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
    SLACK_MITI,
  ]);
  await addAgency(h, { code: 'MINDEF', name: 'Defence', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
    SLACK_MINDEF,
    TEAMS_MINDEF,
  ]);
  return h;
}

const textOf = (posts: readonly RecordedPost[]) => JSON.stringify(posts.map((post) => post.message));

function postsIn(h: Harness, channel: ChannelRef): RecordedPost[] {
  return (channel.platform === 'slack' ? h.slack : h.teams).postsTo(channel.id);
}

describe('scheduled posts of restricted commitments', () => {
  it("digests, roll-ups and check-ins show them in their agencies' channels only; the coordination channel gets neither titles nor counts", async () => {
    const h = await start('2026-02-20T03:00:00Z');
    const add = (title: string, owners: string[], visibility: 'open' | 'restricted') =>
      h.tracker.run({ kind: 'add', title, owners, dueText: '2026-03-02', visibility }, USER);
    await add(PATROL, ['MINDEF'], 'restricted');
    await add(EXERCISE, ['MINDEF', 'MITI'], 'restricted');
    await add(PORT_CALL, ['MINDEF'], 'open');
    await add(TARIFFS, ['MITI'], 'open');
    // Wednesday 11 March 2026, 09:00 in Kuala Lumpur: nine days overdue, and the check-in day.
    h.clock.set('2026-03-11T01:00:00Z');
    await h.scheduler.startWorkers();
    for (const agency of ['MINDEF', 'MITI']) {
      await runRoutine(h.scheduler, 'digest', { agency });
      await runRoutine(h.scheduler, 'overdue', { agency });
      await runRoutine(h.scheduler, 'checkin', { agency });
    }
    await runRoutine(h.scheduler, 'scoreboard');
    await runRoutine(h.scheduler, 'coordination');
    await waitForDrain([h.scheduler.queues.deliveries]);

    for (const channel of [SLACK_MINDEF, TEAMS_MINDEF]) {
      const mindef = textOf(postsIn(h, channel));
      // The digest, the roll-up and the check-in each name them.
      expect(mindef.split(PATROL).length - 1, channel.id).toBeGreaterThanOrEqual(3);
      expect(mindef).toContain(EXERCISE);
      expect(mindef).toContain(PORT_CALL);
    }
    const miti = textOf(h.slack.postsTo(SLACK_MITI.id));
    expect(miti).not.toContain(PATROL);
    // MITI co-owns the exercise: its channel sees it, in MITI's digest and roll-up.
    expect(miti).toContain(EXERCISE);
    expect(miti).toContain(TARIFFS);

    const coordination = h.slack.postsTo(COORDINATION.id);
    const scoreboard = coordination.find((post) => post.message.text.startsWith('All-agency'));
    const escalation = coordination.find((post) => post.message.text.startsWith('Escalated'));
    expect(escalation?.message.text).toBe('Escalated: 2 commitments overdue for more than 7d (MINDEF, MITI)');
    const seen = textOf(coordination);
    for (const title of [PATROL, EXERCISE]) expect(seen).not.toContain(title);
    for (const title of [PORT_CALL, TARIFFS]) expect(seen).toContain(title);
    // Each agency's line and the totals count the open commitments only.
    const lines = JSON.stringify(scoreboard?.message.blocks);
    expect(lines).toMatch(/"MINDEF"\},\{"kind":"text","text":" · 1 overdue · 0 at risk or blocked · 1 open/);
    expect(lines).toMatch(/"MITI"\},\{"kind":"text","text":" · 1 overdue · 0 at risk or blocked · 1 open/);
    expect(scoreboard?.message.text).toContain('2 overdue, 2 open');
  });

  it("reminders of a restricted commitment go to its owning agencies' channels and nowhere else", async () => {
    const h = await start(new Date().toISOString());
    await h.scheduler.startWorkers();
    const due = secondsAhead(5);
    h.clock.set(new Date());
    await h.tracker.run(
      { kind: 'add', title: PATROL, owners: ['MINDEF'], dueText: due.text, visibility: 'restricted' },
      USER,
    );
    await waitUntil(
      () => postsIn(h, SLACK_MINDEF).length >= 3 && postsIn(h, TEAMS_MINDEF).length >= 3,
      'the three reminders in both of MINDEF’s channels',
    );
    await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);
    expect(textOf(postsIn(h, SLACK_MINDEF))).toContain(PATROL);
    expect(h.slack.postsTo(SLACK_MITI.id)).toEqual([]);
    expect(h.slack.postsTo(COORDINATION.id)).toEqual([]);
  });

  it('the coordination channel linked to an agency sees that agency’s restricted commitments in its escalations', async () => {
    const h = await start('2026-02-20T03:00:00Z');
    await h.tracker.run(
      { kind: 'channel-link', agency: 'MINDEF' },
      { actor: OPERATOR.actor, channel: COORDINATION },
    );
    await h.tracker.run(
      { kind: 'add', title: PATROL, owners: ['MINDEF'], dueText: '2026-03-02', visibility: 'restricted' },
      USER,
    );
    h.clock.set('2026-03-11T01:00:00Z');
    await h.scheduler.startWorkers();
    await runRoutine(h.scheduler, 'coordination');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(textOf(h.slack.postsTo(COORDINATION.id))).toContain(PATROL);
  });

  it("the coordination channel's failure report names a failed reminder of a restricted commitment it may not see by its kind alone, not by its id and deadline", async () => {
    const h = await start(new Date().toISOString());
    h.teams.behave(REMOVED_FROM_CHANNEL);
    await h.scheduler.startWorkers();
    const due = secondsAhead(1);
    h.clock.set(new Date());
    const added = await h.tracker.run(
      { kind: 'add', title: PATROL, owners: ['MINDEF'], dueText: due.text, visibility: 'restricted' },
      USER,
    );
    const id = added.commitment!.id;
    const deliveries = h.scheduler.queues.deliveries;
    await waitUntil(async () => (await deliveries.getFailedCount()) >= 1, 'a reminder to Teams to fail');

    h.clock.set(new Date(Date.now() + 60_000));
    await runRoutine(h.scheduler, 'coordination');
    await waitForDrain([deliveries]);

    const [report] = h.slack
      .postsTo(COORDINATION.id)
      .filter((post) => post.message.text.includes('could not be delivered'));
    const shown = JSON.stringify(report!.message);
    expect(shown).toContain(TEAMS_MINDEF.id);
    expect(shown).toContain('the bot was removed');
    expect(shown).toContain('reminder');
    expect(shown).not.toContain(id);
    expect(shown).not.toContain(PATROL);
  });
});
