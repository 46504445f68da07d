import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryJobId } from '../../jobs/scheduler-keys.js';
import { ACTION_IDS } from '../../src/messages/message.js';
import { runRoutine } from '../support/scheduler-harness.js';
import { blockActionPayload, interactionBody, postToSlackEndpoint } from '../support/slack-requests.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, CONSOLE, slackUser } from '../support/test-tracker.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * Restricted commitments through the real Bolt receiver and the delivery worker: what reaches a Slack
 * channel that may not see a commitment, whatever happened while a post waited.
 */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
const MITI = 'CMITI';
const MEITY = 'CMEITY';
const ELSEWHERE = 'CGENERAL';

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { now: '2026-11-02T02:00:00Z', admins: ['slack:UADMIN'] });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('agency add MINDEF "Ministry of Defence" tz:Asia/Kuala_Lumpur', CONSOLE);
  await slack.tracker.execute('channel link MITI', slackUser('UADMIN', MITI));
  await slack.tracker.execute('channel link MEITY', slackUser('UADMIN', MEITY));
});
afterAll(() => slack?.close());

/** Runs `/commit <text>` and waits for its private answer. */
async function command(text: string, channelId: string, userId = 'U1'): Promise<string> {
  return slackTextOf(await slack.answerOf(await slack.command(text, { channelId, userId })));
}

/** The announcement's delivery job: queued beside the private answer, so it may come a moment later. */
async function announcementJob(id: string, version: number, channelId: string) {
  const jobId = deliveryJobId(`announcement:${id}:v${version}:slack:${channelId}`);
  await waitUntil(
    async () => (await slack.scheduler.queues.deliveries.getJob(jobId)) !== undefined,
    `the announcement of ${id} v${version} for ${channelId}`,
  );
  return (await slack.scheduler.queues.deliveries.getJob(jobId))!;
}

async function finished(id: string, version: number, channelId: string): Promise<string> {
  const job = await announcementJob(id, version, channelId);
  await waitUntil(async () => (await job.isCompleted()) || (await job.isFailed()), 'the announcement job');
  return String((await slack.scheduler.queues.deliveries.getJob(job.id!))!.returnvalue);
}

const postedIn = (channelId: string, title: string) =>
  slack.stub.messages.filter((message) => message.channel === channelId && message.text.includes(title));

describe('an announcement waiting for its post', () => {
  it('is not posted in a channel that may no longer see its commitment: made restricted meanwhile', async () => {
    const title = 'Naval intelligence exchange';
    // Slack holds the channel's posts back for two seconds: the announcement waits in the queue.
    slack.stub.fail('chat.postMessage', { status: 429, retryAfter: 2 });
    const added = await command(`add ${title} owner:MITI due:2026-12-15`, ELSEWHERE);
    const id = /Added (C-\d+)/.exec(added)![1]!;
    await slack.stub.waitFor(
      (call) => call.method === 'chat.postMessage' && call.params.channel === ELSEWHERE,
      5_000,
      'the refused announcement',
    );

    expect(await command(`update ${id} visibility:restricted`, MITI)).toContain('now restricted');

    expect(await finished(id, 1, ELSEWHERE)).toBe(`not posted: slack:${ELSEWHERE} may no longer see ${id}`);
    expect(postedIn(ELSEWHERE, title)).toEqual([]);
  });

  it("is not posted in the old agency's channel once a restricted commitment was given to another", async () => {
    const title = 'Submarine rescue arrangement';
    const added = await command(`add ${title} owner:MITI visibility:restricted`, MITI);
    const id = /Added (C-\d+)/.exec(added)![1]!;
    await waitUntil(() => postedIn(MITI, title).length === 1, 'its announcement in MITI');
    slack.stub.fail('chat.postMessage', { status: 429, retryAfter: 2 });
    expect(await command(`update ${id} due:2027-01-15 reason:"cabinet note"`, MITI)).toContain('Updated');
    await slack.stub.waitFor(
      (call) => call.method === 'chat.postMessage' && String(call.params.text).includes('Deadline of'),
      5_000,
      'the refused deadline announcement',
    );

    expect(await command(`update ${id} owner:MINDEF`, MITI)).toContain('owners changed');

    expect(await finished(id, 2, MITI)).toBe(`not posted: slack:${MITI} may no longer see ${id}`);
    expect(postedIn(MITI, title)).toHaveLength(1);
  });

  it('is posted as usual when the channel still sees it', async () => {
    const title = 'Trade facilitation desk';
    slack.stub.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const added = await command(`add ${title} owner:MITI`, ELSEWHERE);
    const id = /Added (C-\d+)/.exec(added)![1]!;
    expect(await finished(id, 1, ELSEWHERE)).toBe(`delivered to slack:${ELSEWHERE}`);
    expect(postedIn(ELSEWHERE, title)).toHaveLength(1);
  });
});

describe('a weekly check-in', () => {
  const MOFA = 'CMOFA';
  const CRISIS = 'Consular crisis cell';
  const VISAS = 'Visa waiver talks';
  const checkinPosts = (channelId: string) =>
    slack.stub.messages.filter((m) => m.channel === channelId && m.text.startsWith('MOFA weekly check-in'));

  it('leaves out, and does not count, a restricted commitment given to another agency since it was asked: in the redrawn message and in a channel linked later that week', async () => {
    await slack.tracker.execute('agency add MOFA "Foreign Affairs" tz:Asia/Kuala_Lumpur', CONSOLE);
    await slack.tracker.execute('channel link MOFA', slackUser('UADMIN', MOFA));
    const member = slackUser('U1', MOFA);
    const crisis = (await slack.tracker.execute(`add ${CRISIS} owner:MOFA visibility:restricted`, member))
      .commitment!.id;
    const visas = (await slack.tracker.execute(`add ${VISAS} owner:MOFA`, member)).commitment!.id;
    // Wednesday 11 November 2026, 10:00 in Kuala Lumpur: MOFA's check-in day, nine days without news.
    slack.clock.set('2026-11-11T02:00:00Z');
    expect(await runRoutine(slack.scheduler, 'checkin', { agency: 'MOFA' })).toContain(
      'check-in of 2 for 1 channel(s)',
    );
    await waitUntil(() => checkinPosts(MOFA).length === 1, "MOFA's check-in");
    const [post] = checkinPosts(MOFA);
    expect(post!.text).toContain('2 commitments without news');
    const call = slack.stub
      .callsTo('chat.postMessage')
      .find((c) => c.params.channel === MOFA && String(c.params.text).startsWith('MOFA weekly check-in'))!;
    expect(slackTextOf(call.params)).toContain(CRISIS);
    const value = JSON.stringify(call.params.blocks).match(new RegExp(`"(${visas}\\|MOFA\\|[^"]+)"`))![1]!;

    // MOFA gives the restricted one to MINDEF, which MOFA's channel may no longer see.
    await slack.tracker.execute(`update ${crisis} owner:MINDEF`, member);
    const updates = slack.stub.callsTo('chat.update').length;
    const responseUrl = slack.newResponseUrl();
    const clicked = await postToSlackEndpoint(
      slack.eventsUrl,
      interactionBody(
        blockActionPayload({
          actionId: ACTION_IDS.checkinOnTrack,
          value,
          channelId: MOFA,
          responseUrl: responseUrl.url,
          messageTs: post!.ts,
        }),
      ),
      'application/x-www-form-urlencoded',
    );
    expect(clicked.status).toBe(200);
    await slack.stub.waitFor(
      () => slack.stub.callsTo('chat.update').length > updates,
      5_000,
      'the check-in redrawn',
    );
    const redrawn = slack.stub.callsTo('chat.update').at(-1)!;
    expect(redrawn.params.channel).toBe(MOFA);
    const shown = slackTextOf(redrawn.params);
    expect(shown).toContain(VISAS);
    expect(shown).toContain('On track');
    expect(shown).not.toContain(CRISIS);
    expect(shown).not.toContain(crisis);
    expect(shown).toContain('1 open commitment of MOFA has had no progress note');

    await slack.tracker.execute('channel link MOFA', slackUser('UADMIN', 'CMOFA2'));
    expect(await runRoutine(slack.scheduler, 'checkin', { agency: 'MOFA' })).toContain('for 1 channel(s)');
    await waitUntil(() => checkinPosts('CMOFA2').length === 1, 'the check-in in the channel linked later');
    const later = slack.stub
      .callsTo('chat.postMessage')
      .find(
        (c) => c.params.channel === 'CMOFA2' && String(c.params.text).startsWith('MOFA weekly check-in'),
      )!;
    expect(slackTextOf(later.params)).not.toContain(CRISIS);
    expect(slackTextOf(later.params)).toContain('1 commitment without news');
  });
});
