import { describe, expect, it } from 'vitest';
import { SCHEDULER_IDS } from '../../jobs/scheduler-keys.js';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';
import { InvalidValueError } from '../../src/errors/invalid-value-error.js';
import { PermissionDeniedError } from '../../src/errors/permission-denied-error.js';
import type { Message } from '../../src/messages/message.js';
import type { ChannelRef } from '../../src/model/platform.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import { Tracker } from '../../src/tracker/tracker.js';
import {
  addAgency,
  type Harness,
  runRoutine,
  SLACK_MITI,
  secondsAhead,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

/**
 * `channel settings` with real Redis and BullMQ: what it shows and who may change it, and that each
 * setting reaches the jobs: a digest schedule of the channel's own, its reminder offsets, check-ins off
 * (scheduler-checkins.test.ts), and quiet days.
 */

const newHarness = useSchedulerHarness(useTestRedis());
const TEAMS_MITI: ChannelRef = { platform: 'teams', id: '19:miti@thread.tacv2' };
const IN_SLACK: CommandContext = {
  actor: { platform: 'slack', userId: 'U1', name: 'alice' },
  channel: SLACK_MITI,
};
const IN_TEAMS: CommandContext = { actor: { platform: 'teams', userId: '29:ravi' }, channel: TEAMS_MITI };
/** Monday 2 March 2026, 10:00 in Kuala Lumpur. */
const MONDAY = '2026-03-02T02:00:00Z';

async function start(now = MONDAY): Promise<Harness> {
  const h = await newHarness({ now });
  await addAgency(h, { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
    SLACK_MITI,
    TEAMS_MITI,
  ]);
  return h;
}

function fields(message: Message): Record<string, string> {
  const block = message.blocks.find((b) => b.type === 'fields');
  return block?.type === 'fields' ? Object.fromEntries(block.fields.map((f) => [f.label, f.value])) : {};
}

describe('channel settings', () => {
  it('shows the defaults, changes what it is given, announces the change and keeps each channel apart', async () => {
    const h = await start();
    const shown = await h.tracker.execute('channel settings', IN_SLACK);
    expect(fields(shown.reply)).toEqual({
      'Weekly digest': 'Mondays at 09:00 Kuala Lumpur time (the default)',
      'Check-ins':
        'on: Wednesdays at 09:00 Kuala Lumpur time, on the working day before when that is not a working day',
      Reminders: '4s, 2s, 0s before each deadline (the default)',
      Quiet: 'no: posts go out',
    });
    expect(shown.announcement).toBeUndefined();
    const changed = await h.tracker.execute(
      'channel settings digest:fri 16:30 checkins:off reminders:3d,0d quiet:9 Mar',
      IN_SLACK,
    );
    expect(fields(changed.reply)).toEqual({
      'Weekly digest': 'Fridays at 16:30 Kuala Lumpur time',
      'Check-ins': 'off: no weekly check-ins here',
      Reminders: '3d, 0d before each deadline',
      Quiet:
        'until Mon 9 Mar 2026: nothing is posted here before then, and what falls due meanwhile is skipped, not saved for later',
    });
    expect(changed.announcement?.text).toBe('⚙️ Changed. Settings of this channel for MITI');
    expect(await h.channelSettings.get(SLACK_MITI)).toEqual({
      digest: '30 16 * * 5',
      checkins: false,
      reminders: ['3d', '0d'],
      quiet: { date: '2026-03-09', at: '2026-03-08T16:00:00.000Z' },
    });
    expect(await h.channelSettings.get(TEAMS_MITI)).toEqual({});
    await h.tracker.execute(
      'channel settings digest:default checkins:on reminders:default quiet:off',
      IN_SLACK,
    );
    expect(await h.channelSettings.get(SLACK_MITI)).toEqual({});
    // Unlinking forgets them.
    await h.tracker.execute('channel settings checkins:off', IN_TEAMS);
    await h.tracker.execute('channel unlink', IN_TEAMS);
    expect(await h.channelSettings.get(TEAMS_MITI)).toEqual({});
  });

  it('is for channels linked to an agency: others are told to link first, or that they may not', async () => {
    const h = await start();
    const unlinked: ChannelRef = { platform: 'slack', id: 'C-RANDOM' };
    const strict = new Tracker({
      ...h.trackerDeps,
      settings: { ...h.trackerDeps.settings, trackerAdmins: ['slack:UADMIN'] },
    });
    await expect(
      strict.execute('channel settings checkins:off', {
        actor: { platform: 'slack', userId: 'U9' },
        channel: unlinked,
      }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(
      strict.execute('channel settings checkins:off', {
        actor: { platform: 'slack', userId: 'UADMIN' },
        channel: unlinked,
      }),
    ).rejects.toThrow('link it first with `channel link <AGENCY>`');
    // In a linked channel, anyone there may.
    await strict.execute('channel settings checkins:off', {
      actor: { platform: 'slack', userId: 'U9' },
      channel: SLACK_MITI,
    });
    expect(await h.channelSettings.get(SLACK_MITI)).toEqual({ checkins: false });
  });

  it('refuses a bad value or a quiet day that is not ahead, and changes nothing', async () => {
    const h = await start();
    await expect(
      h.tracker.execute('channel settings digest:someday checkins:off', IN_SLACK),
    ).rejects.toBeInstanceOf(InvalidValueError);
    await expect(
      h.tracker.execute('channel settings checkins:off quiet:2026-03-02', IN_SLACK),
    ).rejects.toBeInstanceOf(InvalidDateError);
    await expect(h.tracker.execute('channel settings quiet:tomorrow 5pm', IN_SLACK)).rejects.toThrow(
      'has a time of day',
    );
    expect(await h.channelSettings.get(SLACK_MITI)).toEqual({});
  });

  it('a digest time of its own gets its own schedule in the agency’s zone, and the agency’s schedule skips that channel', async () => {
    const h = await start();
    await h.scheduler.startWorkers();
    await h.tracker.run(
      { kind: 'add', title: 'Tariff schedule', owners: ['MITI'], dueText: '2026-04-30' },
      IN_SLACK,
    );
    await h.tracker.execute('channel settings digest:fri 16:30', IN_SLACK);
    const own = SCHEDULER_IDS.channelDigest('MITI', 'slack:C-MITI');
    expect(await h.scheduler.queues.routines.getJobScheduler(own)).toMatchObject({
      pattern: '30 16 * * 5',
      tz: 'Asia/Kuala_Lumpur',
    });
    expect(await runRoutine(h.scheduler, 'digest', { agency: 'MITI' })).toBe(
      'MITI 2026-W10 digest for 1 channel(s)',
    );
    expect(await runRoutine(h.scheduler, 'digest', { agency: 'MITI', channel: 'slack:C-MITI' })).toBe(
      'MITI 2026-W10 digest for 1 channel(s)',
    );
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.teams.parentsIn(TEAMS_MITI.id)).toHaveLength(1);
    expect(h.slack.parentsIn(SLACK_MITI.id)).toHaveLength(1);
    // Back to the default: the channel's own schedule goes, and a second digest that week does not come.
    await h.tracker.execute('channel settings digest:default', IN_SLACK);
    expect(await h.scheduler.queues.routines.getJobScheduler(own)).toBeUndefined();
    await runRoutine(h.scheduler, 'digest', { agency: 'MITI' });
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.slack.parentsIn(SLACK_MITI.id)).toHaveLength(1);
    // digest:off: none at all there.
    await h.tracker.execute('channel settings digest:off', IN_TEAMS);
    h.clock.set('2026-03-09T02:00:00Z');
    expect(await runRoutine(h.scheduler, 'digest', { agency: 'MITI' })).toBe(
      'MITI 2026-W11 digest for 1 channel(s)',
    );
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.teams.parentsIn(TEAMS_MITI.id)).toHaveLength(1);
  });

  it('reminder offsets of its own replan the pending reminders: each channel is reminded at its offsets', async () => {
    const h = await start(new Date().toISOString());
    await h.scheduler.startWorkers();
    h.clock.set(new Date());
    const due = secondsAhead(8);
    const { commitment } = await h.tracker.run(
      { kind: 'add', title: 'Semiconductor MoU annex', owners: ['MITI'], dueText: due.text },
      IN_SLACK,
    );
    const jobs = async () =>
      (await h.scheduler.queues.reminders.getDelayed())
        .filter((job) => job.data.commitmentId === commitment!.id)
        .map((job) => [job.data.offset, [...(job.data.channels ?? [])].sort()])
        .sort();
    const both = ['slack:C-MITI', 'teams:19:miti@thread.tacv2'];
    expect(await jobs()).toEqual([
      ['0s', both],
      ['2s', both],
      ['4s', both],
    ]);
    h.clock.set(new Date());
    await h.tracker.execute('channel settings reminders:2s', IN_SLACK);
    expect(await jobs()).toEqual([
      ['0s', ['teams:19:miti@thread.tacv2']],
      ['2s', both],
      ['4s', ['teams:19:miti@thread.tacv2']],
    ]);
    await waitUntil(() => h.teams.postsTo(TEAMS_MITI.id).length >= 3, 'three reminders in Teams');
    await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);
    expect(h.slack.postsTo(SLACK_MITI.id).map((post) => post.message.text)).toEqual([
      expect.stringContaining(`Reminder: ${commitment!.id}`),
    ]);
    expect(h.teams.postsTo(TEAMS_MITI.id)).toHaveLength(3);
  });

  it('a quiet channel is posted nothing until its day: what falls due meanwhile is skipped, not held', async () => {
    const h = await start();
    await h.scheduler.startWorkers();
    await h.tracker.run(
      { kind: 'add', title: 'Customs data exchange', owners: ['MITI'], dueText: '2026-03-03' },
      IN_SLACK,
    );
    await h.tracker.execute('channel settings quiet:2026-03-06', IN_SLACK);
    // Thursday 5 March: overdue, but the Slack channel is quiet; Teams is not.
    h.clock.set('2026-03-05T01:00:00Z');
    await runRoutine(h.scheduler, 'overdue', { agency: 'MITI' });
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.slack.postsTo(SLACK_MITI.id)).toEqual([]);
    expect(h.teams.postsTo(TEAMS_MITI.id)).toHaveLength(1);
    const skipped = await h.replicas[0]!.connection.hgetall(
      `${h.prefix}jobs:delivery:overdue:MITI:2026-03-05:slack:C-MITI`,
    );
    expect(skipped).toMatchObject({ done: '1', skipped: 'slack:C-MITI is quiet until 2026-03-06' });
    // Friday 6 March: posts go out again; Thursday's roll-up does not come late.
    h.clock.set('2026-03-06T01:00:00Z');
    await runRoutine(h.scheduler, 'overdue', { agency: 'MITI' });
    await waitForDrain([h.scheduler.queues.deliveries]);
    expect(h.slack.postsTo(SLACK_MITI.id).map((post) => post.message.text)).toEqual([
      'MITI: 1 overdue commitment',
    ]);
  });
});
