import { describe, expect, it, vi } from 'vitest';
import { parseDuration } from '../../src/dates/duration.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import type { RecordedPost } from '../support/recording-gateway.js';
import {
  addAgency,
  addMitiAndMeity,
  type Harness,
  SLACK_MITI,
  secondsAhead,
  TEAMS_MEITY,
  useSchedulerHarness,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

const newHarness = useSchedulerHarness(useTestRedis());

const SLACK_USER: CommandContext = { actor: { platform: 'slack', userId: 'U1' }, channel: SLACK_MITI };
/** How late a post may come after its moment: a delayed job, then a delivery job. */
const LATE_MS = 1_500;
const EARLY_MS = 50;

async function start(): Promise<Harness> {
  const h = await newHarness();
  await h.scheduler.startWorkers();
  await addMitiAndMeity(h);
  return h;
}

async function add(h: Harness, owners: string[], dueText: string): Promise<Commitment> {
  h.clock.set(new Date());
  const result = await h.tracker.run(
    {
      kind: 'add',
      title: 'Semiconductor MoU annex',
      owners,
      dueText,
      person: { userId: 'U42', name: 'Aisyah' },
    },
    SLACK_USER,
  );
  return result.commitment!;
}

async function run(h: Harness, command: Parameters<Harness['tracker']['run']>[0]): Promise<void> {
  h.clock.set(new Date());
  await h.tracker.run(command, SLACK_USER);
}

function expectAround(posts: RecordedPost[], moments: number[]): void {
  expect(posts.map((post) => post.at)).toHaveLength(moments.length);
  posts.forEach((post, i) => {
    expect(post.at, `post ${i + 1}`).toBeGreaterThanOrEqual(moments[i]! - EARLY_MS);
    expect(post.at, `post ${i + 1}`).toBeLessThanOrEqual(moments[i]! + LATE_MS);
  });
}

async function settle(h: Harness): Promise<void> {
  await waitForDrain([h.scheduler.queues.reminders, h.scheduler.queues.deliveries]);
}

describe('reminders', () => {
  it('fire once at each offset before the deadline, in every owning agency’s channel on its own platform', async () => {
    const h = await start();
    const due = secondsAhead(6);
    await add(h, ['MITI', 'MEITY'], due.text);
    const moments = [due.at - 4000, due.at - 2000, due.at];

    await waitUntil(
      () => h.slack.posts.length >= 3 && h.teams.posts.length >= 3,
      'three reminders on each platform',
    );
    await settle(h);

    expectAround(h.slack.postsTo(SLACK_MITI.id), moments);
    expectAround(h.teams.postsTo(TEAMS_MEITY.id), moments);
    const [slackReminder] = h.slack.posts;
    const [teamsReminder] = h.teams.posts;
    // The owner is a Slack user: mentioned in Slack, named in Teams.
    expect(JSON.stringify(slackReminder!.message.blocks)).toContain('"kind":"mention"');
    expect(JSON.stringify(teamsReminder!.message.blocks)).not.toContain('"kind":"mention"');
    expect(JSON.stringify(teamsReminder!.message.blocks)).toContain('Aisyah');
    for (const post of [slackReminder!, teamsReminder!]) {
      const actions = post.message.blocks.find((block) => block.type === 'actions');
      expect(actions?.type === 'actions' && actions.buttons.map((b) => b.actionId)).toEqual(
        expect.arrayContaining([ACTION_IDS.markDone, ACTION_IDS.snoozeDay, ACTION_IDS.postUpdate]),
      );
    }
  });

  it('moving the deadline replaces the pending reminders', async () => {
    const h = await start();
    const first = secondsAhead(5);
    const created = await add(h, ['MITI'], first.text);
    const moved = {
      at: first.at + 4000,
      text: new Date(first.at + 4000).toISOString().replace('.000Z', 'Z'),
    };
    await run(h, { kind: 'update', id: created.id, dueText: moved.text, reason: 'annex needs legal review' });
    expect(await h.scheduler.queues.reminders.getDelayedCount()).toBe(3);

    await waitUntil(() => h.slack.posts.length >= 3, 'three reminders of the moved deadline');
    await settle(h);

    // Nothing at the old moments (+1 s, +3 s); the new ones at +5, +7, +9 s.
    expectAround(h.slack.postsTo(SLACK_MITI.id), [moved.at - 4000, moved.at - 2000, moved.at]);
  });

  it('snoozing holds back the reminders before it ends and posts one when it ends', async () => {
    const h = await start();
    const due = secondsAhead(7);
    const created = await add(h, ['MITI'], due.text);
    await run(h, { kind: 'snooze', id: created.id, duration: parseDuration('4s')! });
    const snoozeEnds = h.clock.now().getTime() + 4000;

    await waitUntil(() => h.slack.posts.length >= 3, 'the moved reminder and the two after it');
    await settle(h);

    // The 4 s reminder (due − 4 s) fell inside the snooze: it comes when the snooze ends instead.
    expect(snoozeEnds).toBeGreaterThan(due.at - 4000);
    expectAround(h.slack.postsTo(SLACK_MITI.id), [snoozeEnds, due.at - 2000, due.at]);
  });

  it('closing removes the pending reminders, and reopening brings back those still ahead', async () => {
    const h = await start();
    const due = secondsAhead(6);
    const created = await add(h, ['MITI'], due.text);

    await waitUntil(() => h.slack.posts.length >= 1, 'the first reminder');
    await run(h, { kind: 'done', id: created.id, note: 'signed' });
    expect(await h.scheduler.queues.reminders.getDelayedCount()).toBe(0);
    // Let the second reminder's moment pass while it is closed.
    await waitUntil(() => Date.now() > due.at - 2000 + LATE_MS, 'the second moment to pass');
    expect(h.slack.posts).toHaveLength(1);

    await run(h, { kind: 'reopen', id: created.id });
    await waitUntil(() => h.slack.posts.length >= 2, 'the reminder at the deadline');
    await settle(h);
    expectAround(h.slack.postsTo(SLACK_MITI.id), [due.at - 4000, due.at]);
  });

  it('a job planned for a deadline that is no longer current posts nothing', async () => {
    const h = await start();
    const due = secondsAhead(3);
    const created = await add(h, ['MITI'], due.text);
    // Another writer moves it without the planner hearing (a lost notification, a race).
    await h.commitments.save(
      created,
      {
        ...created,
        deadline: { kind: 'instant', at: new Date(due.at + 3_600_000).toISOString() },
        version: created.version + 1,
      },
      { at: new Date().toISOString(), by: 'slack:U9', type: 'updated', changes: {} },
    );

    await waitUntil(() => Date.now() > due.at + LATE_MS, 'every planned moment to pass');
    await settle(h);
    expect(h.slack.posts).toHaveLength(0);
    const ran = await h.scheduler.queues.reminders.getCompleted();
    expect(ran).toHaveLength(2); // the 4 s one was past already
    expect(ran.map((job) => job.returnvalue)).toEqual(ran.map(() => 'stale: its deadline moved'));
  });

  it('a job whose commitment was renamed since it was planned reminds of it under its new name', async () => {
    const h = await start();
    const due = secondsAhead(1);
    const created = await add(h, ['MITI'], due.text);
    await h.commitments.save(
      created,
      { ...created, title: 'Renamed annex', version: created.version + 1 },
      { at: new Date().toISOString(), by: 'slack:U9', type: 'updated', changes: {} },
    );

    await waitUntil(() => h.slack.posts.length >= 1, 'the reminder at the deadline');
    await settle(h);
    expect(h.slack.posts.map((post) => post.message.text)).toEqual([
      expect.stringContaining(`${created.id} Renamed annex`),
    ]);
  });

  it('a reminder whose moment passed while no worker ran survives the start-up replan and is posted once', async () => {
    const h = await newHarness({ settings: { reminderOffsets: [parseDuration('0s')!] } });
    await addMitiAndMeity(h);
    const due = secondsAhead(1);
    await add(h, ['MITI'], due.text);
    await waitUntil(() => Date.now() > due.at, 'the reminder’s moment to pass with no worker running');
    h.clock.set(new Date());

    expect(await h.scheduler.reconcile()).toMatchObject({ replanned: 1 });
    expect(await h.scheduler.queues.reminders.getDelayedCount()).toBe(1);
    await h.scheduler.startWorkers();
    await waitUntil(() => h.slack.posts.length >= 1, 'the late reminder');
    await settle(h);
    expect(h.slack.postsTo(SLACK_MITI.id)).toHaveLength(1);
  });
});

describe('reminder planning across edits', () => {
  const DAY_OFFSETS = { reminderOffsets: ['7d', '1d', '0d'].map((text) => parseDuration(text)!) };

  async function planned(h: Harness): Promise<string[]> {
    return (await h.scheduler.queues.reminders.getDelayed()).map((job) => job.id!).sort();
  }

  it('a note or a status change replans nothing; a deadline move or a snooze replans', async () => {
    const h = await newHarness({ now: '2026-12-01T00:00:00Z', settings: DAY_OFFSETS });
    await addMitiAndMeity(h);
    const { commitment } = await h.tracker.run(
      { kind: 'add', title: 'Joint R&D call', owners: ['MITI', 'MEITY'], dueText: '2026-12-15' },
      SLACK_USER,
    );
    const id = commitment!.id;
    const first = await planned(h);
    expect(first).toEqual(
      ['7d', '1d', '0d']
        .flatMap((offset) => [`rem-${id}-2026-12-15-${offset}-MEITY`, `rem-${id}-2026-12-15-${offset}-MITI`])
        .sort(),
    );
    const reminders = h.scheduler.queues.reminders;
    const touched = [
      vi.spyOn(reminders, 'add'),
      vi.spyOn(reminders, 'remove'),
      vi.spyOn(reminders, 'getJob'),
    ];

    await h.tracker.run({ kind: 'update', id, note: 'meeting set' }, SLACK_USER);
    await h.tracker.run({ kind: 'update', id, status: 'at-risk' }, SLACK_USER);
    for (const spy of touched) expect(spy).not.toHaveBeenCalled();
    expect(await planned(h)).toEqual(first);

    await h.tracker.run({ kind: 'update', id, dueText: '2026-12-22', reason: 'legal review' }, SLACK_USER);
    expect(await planned(h)).toEqual(first.map((job) => job.replace('2026-12-15', '2026-12-22')));

    h.clock.set('2026-12-14T00:00:00Z');
    await h.tracker.run({ kind: 'snooze', id, duration: parseDuration('2d')! }, SLACK_USER);
    const snoozeEnd = '2026-12-16T000000Z';
    expect(await planned(h)).toEqual(
      [
        `rem-${id}-2026-12-22-0d-MEITY`,
        `rem-${id}-2026-12-22-0d-MITI`,
        `rem-${id}-2026-12-22-1d-MEITY`,
        `rem-${id}-2026-12-22-1d-MITI`,
        `rem-${id}-2026-12-22-snooze-${snoozeEnd}-MEITY`,
        `rem-${id}-2026-12-22-snooze-${snoozeEnd}-MITI`,
      ].sort(),
    );
  });
});

describe('reminder planning by the workers, as the web role leaves it to them', () => {
  const DAY_OFFSETS = { reminderOffsets: ['7d', '1d', '0d'].map((text) => parseDuration(text)!) };

  it('a command queues its change and answers; a worker plans the commitment as it stands by then', async () => {
    const h = await newHarness({
      now: '2026-12-01T00:00:00Z',
      settings: DAY_OFFSETS,
      planCommitmentsInWorkers: true,
    });
    await addMitiAndMeity(h);
    const { commitment } = await h.tracker.run(
      { kind: 'add', title: 'Joint R&D call', owners: ['MITI'], dueText: '2026-12-15' },
      SLACK_USER,
    );
    const id = commitment!.id;
    await h.tracker.run({ kind: 'update', id, dueText: '2026-12-22', reason: 'legal review' }, SLACK_USER);
    await h.tracker.run({ kind: 'update', id, note: 'agenda agreed' }, SLACK_USER);
    const { plans, reminders } = h.scheduler.queues;
    // Nothing planned while no worker runs: one job per saved version waits instead.
    expect(await reminders.getDelayedCount()).toBe(0);
    expect((await plans.getWaiting()).map((job) => job.id).sort()).toEqual(
      [`plan-${id}-v1`, `plan-${id}-v2`, `plan-${id}-v3`].sort(),
    );

    await h.scheduler.startWorkers();
    await waitForDrain([plans]);
    const done = await plans.getCompleted();
    expect(done.map((job) => job.returnvalue)).toEqual([
      `planned ${id} v3`,
      `planned ${id} v3`,
      `planned ${id} v3`,
    ]);
    expect((await reminders.getDelayed()).map((job) => job.id).sort()).toEqual(
      ['7d', '1d', '0d'].map((offset) => `rem-${id}-2026-12-22-${offset}-MITI`).sort(),
    );
  });

  it('a change told twice is queued once', async () => {
    const h = await newHarness({ planCommitmentsInWorkers: true });
    await addMitiAndMeity(h);
    const { commitment } = await h.tracker.run(
      { kind: 'add', title: 'Port call', owners: ['MITI'], dueText: '2027-03-01' },
      SLACK_USER,
    );
    await h.scheduler.planner.commitmentChanged(commitment!);
    expect(await h.scheduler.queues.plans.getWaitingCount()).toBe(1);
  });
});

describe('reminder planning of date-only deadlines', () => {
  it('plans 09:00 local on each agency’s working day and replans when an agency’s zone changes', async () => {
    const h = await newHarness({
      now: '2026-01-10T00:00:00Z',
      settings: { reminderOffsets: ['7d', '1d', '0d'].map((text) => parseDuration(text)!) },
    });
    await addAgency(
      h,
      { code: 'MEITY', name: 'Electronics and IT', timeZone: 'Asia/Kolkata', country: 'IN' },
      [],
    );
    await addAgency(
      h,
      { code: 'KEDAH', name: 'Kedah State', timeZone: 'Asia/Kuala_Lumpur', country: 'MY-02' },
      [],
    );
    // Mon 26 Jan 2026 is Republic Day in India and a working Monday in Kedah.
    await h.tracker.run(
      { kind: 'add', title: 'Joint R&D call', owners: ['MEITY', 'KEDAH'], dueText: '2026-01-26' },
      SLACK_USER,
    );

    const planned = async () =>
      (await h.scheduler.queues.reminders.getDelayed())
        .map((job) => `${job.data.agency} ${job.data.offset} ${new Date(job.data.at).toISOString()}`)
        .sort();
    expect(await planned()).toEqual([
      'KEDAH 0d 2026-01-26T01:00:00.000Z',
      'KEDAH 1d 2026-01-25T01:00:00.000Z', // Sunday: a working day in Kedah
      'KEDAH 7d 2026-01-19T01:00:00.000Z',
      'MEITY 0d 2026-01-23T03:30:00.000Z', // Republic Day and the weekend: back to Friday
      'MEITY 7d 2026-01-19T03:30:00.000Z',
    ]);
    // Delays count from the planner's clock, not the machine's.
    for (const job of await h.scheduler.queues.reminders.getDelayed()) {
      expect(job.delay).toBe(job.data.at - Date.parse('2026-01-10T00:00:00Z'));
    }

    await h.tracker.run(
      {
        kind: 'agency-add',
        code: 'MEITY',
        name: 'Electronics and IT',
        timeZone: 'Asia/Dubai',
        country: 'IN',
      },
      {
        actor: { platform: 'console', userId: 'operator' },
      },
    );
    expect((await planned()).filter((line) => line.startsWith('MEITY'))).toEqual([
      'MEITY 0d 2026-01-23T05:00:00.000Z',
      'MEITY 7d 2026-01-19T05:00:00.000Z',
    ]);
  });

  it('plans many commitments in bulk, never a job at a time; a forced replan adds back only the job that was lost', async () => {
    const h = await newHarness();
    await addMitiAndMeity(h);
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const created: Commitment[] = [];
    for (let i = 0; i < 250; i += 1) {
      const at = new Date().toISOString();
      created.push(
        await h.commitments.create(
          {
            title: `Deliverable ${i}`,
            owners: i % 2 === 0 ? ['MITI'] : ['MITI', 'MEITY'],
            deadline: { kind: 'instant', at: due },
            status: 'open',
            notes: [],
            createdBy: 'slack:U1',
            createdAt: at,
            updatedBy: 'slack:U1',
            updatedAt: at,
          },
          { at, by: 'slack:U1', type: 'created', changes: {} },
        ),
      );
    }
    const queue = h.scheduler.queues.reminders;
    const add = vi.spyOn(queue, 'add');
    const addBulk = vi.spyOn(queue, 'addBulk');
    await h.scheduler.planner.commitmentsChanged(created);
    expect(add).not.toHaveBeenCalled();
    expect(addBulk).toHaveBeenCalledTimes(3);
    // Three offsets, for one owner or two.
    expect(await queue.getDelayedCount()).toBe(250 * 1.5 * 3);

    const [lost] = await queue.getDelayed(0, 0);
    await lost!.remove();
    addBulk.mockClear();
    await h.scheduler.reconcile();
    const readded = addBulk.mock.calls.flatMap(([jobs]) => jobs.map((job) => job.opts?.jobId));
    expect(readded).toEqual([lost!.id]);
    expect(await queue.getDelayedCount()).toBe(250 * 1.5 * 3);
    expect(add).not.toHaveBeenCalled();
  });
});
