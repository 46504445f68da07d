import { afterEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/dates/duration.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { CommandContext } from '../../src/tracker/command-context.js';
import type { RecordedPost } from '../support/recording-gateway.js';
import {
  addAgency,
  type Harness,
  SLACK_MITI,
  startHarness,
  TEAMS_MEITY,
} from '../support/scheduler-harness.js';
import { useTestRedis } from '../support/test-redis.js';
import { waitForDrain, waitUntil } from '../support/wait-until.js';

const test = useTestRedis();
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SLACK_USER: CommandContext = { actor: { platform: 'slack', userId: 'U1' }, channel: SLACK_MITI };
/** How late a post may come after its moment: a delayed job, then a delivery job. */
const LATE_MS = 1_500;
const EARLY_MS = 50;

async function start(): Promise<Harness> {
  harness = await startHarness(test);
  await harness.scheduler.startWorkers();
  await addAgency(harness, { code: 'MITI', name: 'Trade', timeZone: 'Asia/Kuala_Lumpur', country: 'MY' }, [
    SLACK_MITI,
  ]);
  await addAgency(
    harness,
    { code: 'MEITY', name: 'Electronics and IT', timeZone: 'Asia/Kolkata', country: 'IN' },
    [TEAMS_MEITY],
  );
  return harness;
}

/** A whole second at least `seconds` from now, as the ISO text a user could type. */
function secondsAhead(seconds: number): { at: number; text: string } {
  const at = Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000;
  return { at, text: new Date(at).toISOString().replace('.000Z', 'Z') };
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

  it('a job planned for a version that is no longer current posts nothing', async () => {
    const h = await start();
    const due = secondsAhead(3);
    const created = await add(h, ['MITI'], due.text);
    // Another writer changes it without the planner hearing (a lost notification, a race).
    await h.commitments.save(
      created,
      { ...created, title: 'Renamed', version: created.version + 1 },
      { at: new Date().toISOString(), by: 'slack:U9', type: 'updated', changes: {} },
    );

    await waitUntil(() => Date.now() > due.at + LATE_MS, 'every planned moment to pass');
    await settle(h);
    expect(h.slack.posts).toHaveLength(0);
    const ran = await h.scheduler.queues.reminders.getCompleted();
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.every((job) => String(job.returnvalue).startsWith('stale'))).toBe(true);
  });
});

describe('reminder planning of date-only deadlines', () => {
  it('plans 09:00 local on each agency’s working day and replans when an agency’s zone changes', async () => {
    harness = await startHarness(test, {
      now: '2026-01-10T00:00:00Z',
      settings: { reminderOffsets: ['7d', '1d', '0d'].map((text) => parseDuration(text)!) },
    });
    const h = harness;
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
});
