import { describe, expect, it } from 'vitest';
import { CommandSyntaxError } from '../../src/errors/command-syntax-error.js';
import { PermissionDeniedError } from '../../src/errors/permission-denied-error.js';
import type { Message } from '../../src/messages/message.js';
import type { ChannelRef } from '../../src/model/platform.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { Tracker } from '../../src/tracker/tracker.js';
import {
  addAgency,
  completedRoutines,
  type Harness,
  runRoutine,
  SLACK_MITI,
  TEAMS_MEITY,
  useSchedulerHarness,
  waitForMoreRuns,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

/**
 * Weekly check-ins with real Redis and BullMQ at chosen instants: who is asked, on which day, once per
 * agency channel per week whatever the runs and workers; what an answer does; and how unanswered
 * check-ins show in the digest and the roll-up.
 */

const newHarness = useSchedulerHarness(useTestRedis());
const TEAMS_MITI: ChannelRef = { platform: 'teams', id: '19:miti@thread.tacv2' };
const IN_MITI: CommandContext = {
  actor: { platform: 'slack', userId: 'U1', name: 'alice' },
  channel: SLACK_MITI,
};
const OUTSIDER: CommandContext = {
  actor: { platform: 'slack', userId: 'U9' },
  channel: { platform: 'slack', id: 'C-ELSEWHERE' },
};
/** Wednesday 4 March 2026, 09:00 in Kuala Lumpur: CHECKIN_CRON's default day and time. */
const CHECKIN_DAY = '2026-03-04T01:00:00Z';

/**
 * MITI (Slack and Teams) and MEITY (Teams); created on 20 Feb: three MITI items without news, one with
 * a note on 1 Mar, one MITI only supports, one closed; and one created on 3 Mar.
 */
async function seed(h: Harness): Promise<Record<string, string>> {
  await addAgency(h, { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
    SLACK_MITI,
    TEAMS_MITI,
  ]);
  await addAgency(h, { code: 'MEITY', name: 'Electronics and IT', timeZone: 'Asia/Kolkata', country: 'IN' }, [
    TEAMS_MEITY,
  ]);
  h.clock.set('2026-02-20T03:00:00Z');
  const add = async (title: string, owners: string[], dueText: string, person?: string) =>
    (
      await h.tracker.run(
        {
          kind: 'add',
          title,
          owners,
          dueText,
          ...(person ? { person: { userId: person, name: person } } : {}),
        },
        IN_MITI,
      )
    ).commitment!.id;
  const ids: Record<string, string> = {
    tariffs: await add('Tariff schedule', ['MITI'], '2026-04-30', 'UAISHA'),
    customs: await add('Customs data exchange', ['MITI'], '2026-03-02'),
    desk: await add('Investment desk', ['MITI', 'MEITY'], '2026-05-15'),
    noted: await add('Chip fund', ['MITI'], '2026-06-30'),
    supported: await add('Fab skills', ['MEITY', 'MITI'], '2026-06-30'),
    closed: await add('Signing ceremony', ['MITI'], '2026-02-27'),
  };
  await h.tracker.run({ kind: 'done', id: ids.closed!, note: 'signed' }, IN_MITI);
  h.clock.set('2026-03-01T03:00:00Z');
  await h.tracker.run({ kind: 'update', id: ids.noted!, note: 'fund approved' }, IN_MITI);
  h.clock.set('2026-03-03T03:00:00Z');
  ids.fresh = await add('Talent exchange', ['MITI'], '2026-07-31');
  return ids;
}

/** The commitment ids a check-in message asks about, in order. */
function asked(message: Message): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'actions' ? [block.buttons[0]!.value.split('|')[0]!] : [],
  );
}

describe('weekly check-ins', () => {
  it('a check-in firing every second on two workers posts once per agency channel per week, asking about commitments without news', async () => {
    const h = await newHarness({ now: CHECKIN_DAY, settings: { checkinCron: '* * * * * *' } });
    const ids = await seed(h);
    h.clock.set(CHECKIN_DAY);
    const second = h.addReplica();
    await Promise.all([h.scheduler.startWorkers(), second.scheduler.startWorkers()]);

    const parents = () => [h.slack.parentsIn(SLACK_MITI.id).length, h.teams.parentsIn(TEAMS_MITI.id).length];
    await waitUntil(() => parents().every((n) => n >= 1), 'MITI’s check-in in both its channels');
    await waitForMoreRuns(h.scheduler, 'checkin', 4, 'MITI');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(parents()).toEqual([1, 1]);
    const [post] = h.slack.parentsIn(SLACK_MITI.id);
    expect(post!.message.text).toBe('MITI weekly check-in, 2026-W10: 3 commitments without news for a week');
    // Soonest deadline first.
    expect(asked(post!.message)).toEqual([ids.customs, ids.tariffs, ids.desk]);
    expect(JSON.stringify(post!.message.blocks)).toContain('"userId":"UAISHA"');
    expect(asked(h.teams.parentsIn(TEAMS_MITI.id)[0]!.message)).toEqual(asked(post!.message));
    // MEITY leads the item MITI only supports: it is asked about in MEITY's channel.
    expect(asked(h.teams.parentsIn(TEAMS_MEITY.id)[0]!.message)).toEqual([ids.supported]);
    expect(await h.checkins.get('MITI', '2026-W10')).toMatchObject({
      ids: [ids.customs, ids.tariffs, ids.desk],
    });

    // The next week: one more each.
    h.clock.set('2026-03-11T01:00:00Z');
    await waitUntil(() => parents().every((n) => n >= 2), 'the next week’s check-ins');
    await waitForMoreRuns(h.scheduler, 'checkin', 3, 'MITI');
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(parents()).toEqual([2, 2]);
    expect(h.slack.parentsIn(SLACK_MITI.id)[1]!.message.text).toContain('2026-W11');
  });

  it('comes on the working day before when the agency does not work on its check-in day', async () => {
    const h = await newHarness({ now: CHECKIN_DAY });
    await seed(h);
    await h.holidays.put({ kind: 'agency', code: 'MITI' }, [
      { date: '2026-03-04', name: 'Staff retreat', source: 'added by a test' },
    ]);
    await h.scheduler.startWorkers();
    h.clock.set(CHECKIN_DAY);
    expect(await runRoutine(h.scheduler, 'checkin', { agency: 'MITI' })).toBe("not MITI's check-in day");
    h.clock.set('2026-03-03T01:00:00Z');
    expect(await runRoutine(h.scheduler, 'checkin', { agency: 'MITI' })).toBe(
      'MITI 2026-W10 check-in of 3 for 2 channel(s)',
    );
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.slack.parentsIn(SLACK_MITI.id)).toHaveLength(1);
    // A run on the day itself, as after a restart, asks nothing more.
    h.clock.set(CHECKIN_DAY);
    expect(await runRoutine(h.scheduler, 'checkin', { agency: 'MITI' })).toBe("not MITI's check-in day");
  });

  it('an answer runs as the matching command, marks the commitment checked and redraws the check-in', async () => {
    const h = await newHarness({ now: CHECKIN_DAY });
    const ids = await seed(h);
    await h.scheduler.startWorkers();
    h.clock.set(CHECKIN_DAY);
    await runRoutine(h.scheduler, 'checkin', { agency: 'MITI' });
    h.clock.set('2026-03-04T02:30:00Z');
    const answer = (id: string, kind: 'on-track' | 'blocked' | 'done', note?: string, ctx = IN_MITI) =>
      h.tracker.run(
        { kind: 'checkin-answer', id, agency: 'MITI', week: '2026-W10', answer: kind, note },
        ctx,
      );

    const onTrack = await answer(ids.tariffs!, 'on-track');
    expect(onTrack.reply.text).toBe(`Updated ${ids.tariffs}: status changed, note added.`);
    expect(await h.commitments.get(ids.tariffs!)).toMatchObject({
      status: 'in-progress',
      notes: [{ text: 'On track', by: 'slack:U1' }],
    });
    const history = JSON.stringify((await h.tracker.run({ kind: 'show', id: ids.tariffs! }, IN_MITI)).reply);
    expect(history).toContain('status changed from open to in progress, with a progress note by ');
    expect(history).toContain('On track — weekly check-in');
    expect(onTrack.replaces?.text).toBe(
      'MITI weekly check-in, 2026-W10: 3 commitments without news for a week',
    );
    expect(asked(onTrack.replaces!)).toEqual([ids.customs, ids.desk]);
    expect(onTrack.replaces).toEqual(
      (
        await h.tracker.run(
          { kind: 'checkin-answer', id: ids.tariffs!, agency: 'MITI', week: '2026-W10', answer: 'on-track' },
          IN_MITI,
        )
      ).replaces,
    );
    expect(JSON.stringify(onTrack.replaces)).toContain('✅ On track · answered by ');

    await expect(answer(ids.customs!, 'blocked')).rejects.toBeInstanceOf(CommandSyntaxError);
    // With administrators listed, someone outside MITI's channels who does not own it may not answer.
    const strict = new Tracker({
      ...h.trackerDeps,
      settings: { ...h.trackerDeps.settings, trackerAdmins: ['slack:UADMIN'] },
    });
    const outsider = strict.run(
      {
        kind: 'checkin-answer',
        id: ids.customs!,
        agency: 'MITI',
        week: '2026-W10',
        answer: 'blocked',
        note: 'x',
      },
      OUTSIDER,
    );
    await expect(outsider).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await h.checkins.answers('MITI', '2026-W10')).has(ids.customs!)).toBe(false);
    expect((await h.commitments.get(ids.customs!))?.status).toBe('open');
    const blocked = await answer(ids.customs!, 'blocked', 'awaiting the customs agency’s API keys');
    expect(await h.commitments.get(ids.customs!)).toMatchObject({
      status: 'blocked',
      notes: [{ text: 'awaiting the customs agency’s API keys' }],
    });
    expect(asked(blocked.replaces!)).toEqual([ids.desk]);

    const done = await answer(ids.desk!, 'done', 'desk opened in Putrajaya');
    expect(done.announcement?.text).toContain(`${ids.desk} is done: desk opened in Putrajaya`);
    expect(await h.commitments.get(ids.desk!)).toMatchObject({
      status: 'done',
      closingNote: 'desk opened in Putrajaya',
    });
    expect([...(await h.checkins.answers('MITI', '2026-W10')).values()].map((a) => [a.id, a.answer])).toEqual(
      expect.arrayContaining([
        [ids.tariffs, 'on-track'],
        [ids.customs, 'blocked'],
        [ids.desk, 'done'],
      ]),
    );
  });

  it('the digest counts commitments without news since the check-in, and the roll-up flags them stale', async () => {
    const h = await newHarness({ now: CHECKIN_DAY });
    const ids = await seed(h);
    await h.scheduler.startWorkers();
    h.clock.set(CHECKIN_DAY);
    await runRoutine(h.scheduler, 'checkin', { agency: 'MITI' });
    h.clock.set('2026-03-04T05:00:00Z');
    await h.tracker.run(
      { kind: 'checkin-answer', id: ids.tariffs!, agency: 'MITI', week: '2026-W10', answer: 'at-risk' },
      IN_MITI,
    );
    await h.tracker.run({ kind: 'update', id: ids.desk!, note: 'site chosen' }, IN_MITI);

    // A digest the same week: the customs item is the one without news.
    await runRoutine(h.scheduler, 'digest', { agency: 'MITI' });
    await waitForDrain([h.scheduler.queues.deliveries]);
    const fields = (message: Message) => {
      const block = message.blocks.find((b) => b.type === 'fields');
      return block?.type === 'fields' ? Object.fromEntries(block.fields.map((f) => [f.label, f.value])) : {};
    };
    const digest = h.slack.parentsIn(SLACK_MITI.id).find((post) => post.message.text.includes('digest'));
    expect(fields(digest!.message)['Check-ins']).toBe('1 of 3 without news this week');

    // The same day, the roll-up gives a day to answer; the next day it calls the silence stale.
    const rollups = () =>
      h.slack.parentsIn(SLACK_MITI.id).filter((post) => post.message.text.startsWith('MITI:'));
    await runRoutine(h.scheduler, 'overdue', { agency: 'MITI' });
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(rollups()[0]!.message.text).toBe('MITI: 1 overdue commitment');
    h.clock.set('2026-03-05T01:00:00Z');
    await runRoutine(h.scheduler, 'overdue', { agency: 'MITI' });
    await waitForDrain([h.scheduler.queues.deliveries]);
    const stale = rollups()[1]!.message;
    expect(stale.text).toBe('MITI: 1 overdue commitment, 1 stale');
    expect(JSON.stringify(stale.blocks)).toContain(
      `"text":"${ids.customs}"},{"kind":"text","text":" has had no answer to the check-in of Wed 4 Mar."}`,
    );

    // The next Monday's digest speaks of that check-in by its day.
    h.clock.set('2026-03-09T01:00:00Z');
    await runRoutine(h.scheduler, 'digest', { agency: 'MITI' });
    await waitForDrain([h.scheduler.queues.deliveries]);
    const next = h.slack.parentsIn(SLACK_MITI.id).filter((post) => post.message.text.includes('digest'))[1];
    expect(fields(next!.message)['Check-ins']).toBe('1 of 3 without news since the check-in of Wed 4 Mar');
  });

  it('a channel with check-ins off, or quiet, is not asked; when none is, nothing is recorded', async () => {
    const h = await newHarness({ now: CHECKIN_DAY });
    await seed(h);
    await h.scheduler.startWorkers();
    h.clock.set('2026-03-02T01:00:00Z');
    await h.tracker.execute('channel settings checkins:off', IN_MITI);
    await h.tracker.execute('channel settings quiet:2026-03-10', {
      actor: { platform: 'teams', userId: '29:ravi' },
      channel: TEAMS_MITI,
    });
    h.clock.set(CHECKIN_DAY);
    expect(await runRoutine(h.scheduler, 'checkin', { agency: 'MITI' })).toBe(
      'no channel of MITI takes check-ins now',
    );
    expect(await h.checkins.get('MITI', '2026-W10')).toBeUndefined();
    await h.tracker.execute('channel settings checkins:on', IN_MITI);
    expect(await runRoutine(h.scheduler, 'checkin', { agency: 'MITI' })).toBe(
      'MITI 2026-W10 check-in of 3 for 1 channel(s)',
    );
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.teams.parentsIn(TEAMS_MITI.id)).toEqual([]);
    expect(await completedRoutines(h.scheduler, 'checkin', 'MITI')).toHaveLength(2);
  });
});
