import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommitments } from '../support/read-store.js';
import type { RecordedCall } from '../support/slack-api-stub.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';
import { waitForDrain } from '../support/wait-until.js';

/** `/commit` end to end: signed slash commands through Bolt, answers and announcements on the loopback Slack. */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;

const MITI_CHANNEL = 'CMITI';
const PLAIN_CHANNEL = 'CPLAIN';

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { now: '2026-11-25T02:00:00Z' });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', MITI_CHANNEL));
  slack.stub.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  slack.stub.addUser({ id: 'U2', name: 'bob', tz: 'Asia/Kolkata' });
  slack.stub.addUser({ id: 'U3', name: 'carol', displayName: 'Carol', tz: 'Europe/London' });
  slack.stub.addUser({ id: 'U5', name: 'erin', tz: 'America/New_York' });
});
afterAll(() => slack?.close());

/** Runs the command and returns its private answer (in the acknowledgement or at its response_url). */
async function run(
  text: string,
  options: { userId?: string; channelId?: string; channelName?: string } = {},
) {
  const sent = await slack.command(text, { channelId: MITI_CHANNEL, ...options });
  expect(sent.status).toBe(200);
  const reply = await slack.answerOf(sent);
  expect(reply).toMatchObject({ response_type: 'ephemeral' });
  return { reply, text: slackTextOf(reply), responseId: sent.responseId };
}

function postsTo(channel: string, since: number): RecordedCall[] {
  return slack.stub.calls
    .slice(since)
    .filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
}

function actionIds(call: RecordedCall): string[] {
  return (call.params.blocks as { type: string; elements?: { action_id: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements!.map((e) => e.action_id));
}

describe('/commit add', () => {
  it('answers privately, announces the new commitment once in the channel with its buttons, and saves it', async () => {
    const before = slack.stub.calls.length;
    const { text } = await run(
      'add Launch the semiconductor dialogue owner:MITI,MEITY due:2026-12-15 area:semiconductors',
    );
    expect(text).toMatch(/Added C-\d+: Launch the semiconductor dialogue/);
    const announcement = await slack.stub.waitForMethod(
      'chat.postMessage',
      (p) => p.channel === MITI_CHANNEL && p.text.includes('Launch the semiconductor'),
    );
    expect(slackTextOf(announcement.params)).toContain(
      'MITI, MEITY · due Tue 15 Dec 2026 (in 20 days) · open · semiconductors',
    );
    expect(actionIds(announcement)).toEqual([
      'commitment.done',
      'commitment.snooze-1d',
      'commitment.snooze-1w',
      'commitment.update',
      'commitment.change-deadline',
    ]);
    expect(postsTo(MITI_CHANNEL, before)).toHaveLength(1);
    const [saved] = (await allCommitments(slack.commitments)).filter(
      (c) => c.title === 'Launch the semiconductor dialogue',
    );
    expect(saved).toMatchObject({ owners: ['MITI', 'MEITY'], createdBy: 'slack:U1', area: 'semiconductors' });
  });

  it('takes the owner person from a Slack mention', async () => {
    await run('add Draft the MoU owner:MITI <@U2|bob> due:2026-12-20');
    const saved = (await allCommitments(slack.commitments)).find((c) => c.title === 'Draft the MoU');
    expect(saved?.person).toEqual({ platform: 'slack', userId: 'U2', name: 'bob' });
  });

  it('resolves a bare @name to the Slack user of that name', async () => {
    await run('add Review the tariff schedule owner:MITI @carol');
    const saved = (await allCommitments(slack.commitments)).find(
      (c) => c.title === 'Review the tariff schedule',
    );
    expect(saved?.person).toMatchObject({ platform: 'slack', userId: 'U3' });
  });

  it('says so, privately and with the usage line, when @name is nobody, and saves nothing', async () => {
    const before = slack.stub.calls.length;
    const count = (await allCommitments(slack.commitments)).length;
    const { text } = await run('add Ghost task owner:MITI @nobody');
    expect(text).toContain("I can't find anyone called @nobody");
    expect(text).toContain('Usage:');
    expect(await allCommitments(slack.commitments)).toHaveLength(count);
    await waitForDrain([slack.scheduler.queues.deliveries]);
    const ghostPosts = postsTo(MITI_CHANNEL, before).filter((call) =>
      slackTextOf(call.params).includes('Ghost'),
    );
    expect(ghostPosts).toEqual([]);
  });

  it('does not take @here for a person: it stays inert text of the title', async () => {
    await run('add Everyone task owner:MITI <!here>');
    const saved = (await allCommitments(slack.commitments)).find((c) => c.title.startsWith('Everyone'));
    expect(saved?.title).toBe('Everyone task @here');
    expect(saved?.person).toBeUndefined();
    const announcement = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes('Everyone task'),
    );
    expect(JSON.stringify(announcement.params)).not.toContain('<!here>');
  });

  it('keeps markup typed into a title as text: it is escaped wherever it is shown', async () => {
    await run('add Tell &lt;!channel&gt; about &lt;https://x.example|y&gt; &amp; more owner:MITI');
    const saved = (await allCommitments(slack.commitments)).find((c) => c.title.startsWith('Tell'));
    expect(saved?.title).toBe('Tell <!channel> about <https://x.example|y> & more');
    const announcement = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes('Tell'),
    );
    const shown = slackTextOf(announcement.params);
    expect(shown).toContain('Tell &lt;!channel&gt; about &lt;https://x.example|y&gt; &amp; more');
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<https://');
  });

  it('explains an unreadable date and saves nothing', async () => {
    const { text } = await run('add Something owner:MITI due:someday-ish');
    expect(text).toContain('⚠️');
    expect(text).toContain('Usage:');
    expect((await allCommitments(slack.commitments)).some((c) => c.title === 'Something')).toBe(false);
  });
});

describe('times in the lead agency’s zone, and on each reader’s clock through Slack', () => {
  /** 17:00 in Kuala Lumpur on 15 December 2026, as Slack's date token writes it for each reader. */
  const TOKEN = `<!date^${Date.parse('2026-12-15T09:00:00Z') / 1000}^{date_short_pretty} {time}|Tue 15 Dec 2026 09:00 UTC>`;

  it('answers an add with the deadline in the lead agency’s zone, named by place, and a date token', async () => {
    const { text } = await run('add Sign at noon owner:MITI due:2026-12-15T17:00+08:00');
    expect(text).toContain('due Tue 15 Dec 2026 17:00 Kuala Lumpur time');
    expect(text).toContain(`🕓 ${TOKEN} your time`);
  });

  it('lists it the same way for a reader in New York, in a channel of no agency, looking them up once', async () => {
    const infoCalls = () => slack.stub.callsTo('users.info').filter((c) => c.params.user === 'U5').length;
    const { text } = await run('show C-1', { userId: 'U5', channelId: PLAIN_CHANNEL });
    expect(text).toContain('C-1');
    const list = await run('list all', { userId: 'U5', channelId: PLAIN_CHANNEL });
    expect(list.text).toMatch(/Sign at noon\n.*due Tue 15 Dec 2026 17:00 Kuala Lumpur time/);
    expect(list.text).toContain(TOKEN);
    expect(list.text).not.toContain('GMT');
    expect(infoCalls()).toBe(1);
  });

  it('snoozes until a moment in the lead agency’s zone, with the reader’s clock beside it', async () => {
    const { text } = await run('snooze C-1 2d');
    expect(text).toMatch(/held for 2d, until \w{3} \d+ \w{3} 2026 \d{2}:\d{2} Kuala Lumpur time\./);
    expect(text).toMatch(/🕓 <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> your time/);
  });
});

describe('/commit list, show, update, done, cancel, reopen, snooze', () => {
  it('lists the channel agency’s open commitments privately', async () => {
    const { text } = await run('list');
    expect(text).toContain('Open commitments of MITI');
    expect(text).toContain('Launch the semiconductor dialogue');
  });

  it('shows one commitment with its history', async () => {
    const { text } = await run('show c-1');
    expect(text).toContain('C-1: Launch the semiconductor dialogue');
    expect(text).toContain('History');
    expect(text).toContain('created');
  });

  it('a progress note is answered privately and not announced', async () => {
    const before = slack.stub.calls.length;
    const { text } = await run('update C-1 status:in-progress note:"kick-off held"');
    expect(text).toContain('Updated C-1');
    expect((await slack.commitments.get('C-1'))?.status).toBe('in-progress');
    await run('help');
    expect(postsTo(MITI_CHANNEL, before)).toEqual([]);
  });

  it('a moved deadline is announced once in the channel', async () => {
    const before = slack.stub.calls.length;
    await run('update C-1 due:2027-01-15 reason:"awaiting cabinet approval"');
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes('Deadline of C-1 moved'),
    );
    expect(slackTextOf(post.params)).toContain('awaiting cabinet approval');
    expect(postsTo(MITI_CHANNEL, before)).toHaveLength(1);
  });

  it('snoozes privately', async () => {
    const { text } = await run('snooze C-1 2d');
    expect(text).toContain('Reminders for C-1 are held for 2d');
    expect((await slack.commitments.get('C-1'))?.snoozedUntil).toBe('2026-11-27T02:00:00.000Z');
  });

  it('done is announced once with the evidence, without buttons', async () => {
    const before = slack.stub.calls.length;
    const { text } = await run('done C-1 MoU signed, see the press release');
    expect(text).toContain('C-1 is done');
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes('C-1 is done'),
    );
    expect(slackTextOf(post.params)).toContain('MoU signed, see the press release');
    expect(actionIds(post)).toEqual([]);
    expect(postsTo(MITI_CHANNEL, before)).toHaveLength(1);
  });

  it('a second done says it is already done', async () => {
    const { text } = await run('close C-1 again');
    expect(text).toContain('C-1 is already done');
  });

  it('reopen answers privately and opens it again', async () => {
    const { text } = await run('reopen C-1');
    expect(text).toContain('C-1 is open again');
    expect((await slack.commitments.get('C-1'))?.status).toBe('open');
  });

  it('cancel needs a reason and is announced', async () => {
    expect((await run('cancel C-2')).text).toContain('needs a reason');
    await run('cancel C-2 merged into C-1');
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes('C-2 was cancelled'),
    );
    expect(slackTextOf(post.params)).toContain('merged into C-1');
  });

  it('a note that mentions someone keeps the mention as their name', async () => {
    await run('update C-3 note:"checked with <@U2|bob> and &lt;@U123&gt;"');
    const notes = (await slack.commitments.get('C-3'))?.notes ?? [];
    expect(notes.at(-1)?.text).toBe('checked with @bob and <@U123>');
  });
});

describe('/commit digest, agency, channel, help', () => {
  it('previews the channel agency’s digest privately, thread replies included', async () => {
    await run('add Due very soon owner:MITI due:2026-11-27');
    await slack.stub.waitForMethod('chat.postMessage', (p) => String(p.text).includes('Due very soon'));
    const before = slack.stub.calls.length;
    const { text } = await run('digest');
    expect(text).toContain('MITI weekly delivery digest');
    expect(text).toContain('Due in the next 14 days');
    expect(text).toContain('Due very soon');
    expect(postsTo(MITI_CHANNEL, before)).toEqual([]);
  });

  it('previews the all-agency scoreboard outside an agency channel', async () => {
    const { text } = await run('digest', { channelId: PLAIN_CHANNEL });
    expect(text).toContain('All-agency delivery scoreboard');
    expect(text).toContain('MEITY');
  });

  it('adds an agency', async () => {
    const { text } = await run(
      'agency add DPIIT "Department for Promotion of Industry" tz:Asia/Kolkata country:IN',
    );
    expect(text).toContain('Added agency DPIIT');
    expect((await slack.agencies.get('DPIIT'))?.timeZone).toBe('Asia/Kolkata');
  });

  it('links a channel: the person is answered at once, and the channel is told once by the delivery queue', async () => {
    const before = slack.stub.calls.length;
    const sent = await slack.command('channel link DPIIT', { channelId: 'CDPIIT' });
    expect(slackTextOf(await slack.answerOf(sent))).toContain("This channel now receives DPIIT's reminders");
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) => p.channel === 'CDPIIT');
    expect(slackTextOf(post.params)).toContain("This channel now receives DPIIT's reminders");
    expect((await slack.agencies.get('DPIIT'))?.channels).toEqual([{ platform: 'slack', id: 'CDPIIT' }]);
    await waitForDrain([slack.scheduler.queues.deliveries]);
    expect(postsTo('CDPIIT', before)).toHaveLength(1);
  });

  it('helps, and explains an unknown subcommand with the list of commands', async () => {
    expect((await run('help')).text).toContain('`/commit add &lt;title&gt;');
    expect((await run('')).text).toContain('followthrough');
    const { text } = await run('frobnicate C-1');
    expect(text).toContain('I don\'t know the command "frobnicate"');
    expect(text).toContain('Usage: `/commit help [subcommand]`');
  });
});

describe('/commit report', () => {
  it('shares the stocktake report as an HTML file in the channel, and says so privately', async () => {
    await run('add Fab incentives owner:MITI due:2026-12-02 area:semiconductors');
    const before = slack.stub.callsTo('files.completeUploadExternal').length;
    const { text } = await run('report owner:MITI');
    expect(text).toContain('📄 Delivery stocktake of MITI, 2026-11-25: 1 agency page');
    const completed = await slack.stub.waitFor(
      (call) =>
        call.method === 'files.completeUploadExternal' && slack.stub.callsTo(call.method).length > before,
    );
    expect(completed.params).toMatchObject({
      channel_id: MITI_CHANNEL,
      files: [{ title: 'Delivery stocktake of MITI, 2026-11-25' }],
    });
    expect(String(completed.params.initial_comment)).toContain('<@U1>');
    const html = slack.stub.uploadedFile(completed.params.files[0].id)!.toString('utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Fab incentives');
  });

  it('sends the file to the person directly when the bot may not share it in the channel', async () => {
    slack.stub.fail('files.completeUploadExternal', { error: 'not_in_channel' });
    const { text } = await run('report', { channelId: PLAIN_CHANNEL });
    expect(text).toContain('The file is in your direct messages with followthrough.');
    const shared = slack.stub.callsTo('files.completeUploadExternal').at(-1)!;
    expect(shared.params.channel_id).toBe('D1');
  });

  it('refuses an unknown agency with the usage, and shares nothing', async () => {
    const before = slack.stub.callsTo('files.getUploadURLExternal').length;
    const { text } = await run('report owner:NOPE');
    expect(text).toContain('There is no agency NOPE');
    expect(slack.stub.callsTo('files.getUploadURLExternal')).toHaveLength(before);
  });
});
