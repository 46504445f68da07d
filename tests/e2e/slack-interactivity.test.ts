import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { allCommitments } from '../support/read-store.js';
import type { RecordedCall } from '../support/slack-api-stub.js';
import {
  blockActionPayload,
  globalShortcutPayload,
  messageShortcutPayload,
  viewSubmissionPayload,
} from '../support/slack-requests.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';

/** Buttons, modals, shortcuts and the Home tab, as Slack sends them: form-encoded `payload=`, signed. */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
const CHANNEL = 'CMITI';
const NOW = '2026-11-25T02:00:00Z';

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { now: NOW, admins: ['slack:U1'] });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
  slack.stub.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  slack.stub.addUser({ id: 'U2', name: 'bob', tz: 'Asia/Kolkata' });
  slack.stub.addUser({ id: 'U9', name: 'mallory', tz: 'UTC' });
});
afterAll(() => slack?.close());

async function newCommitment(
  text = 'Pilot the customs data exchange owner:MITI due:2026-12-15',
): Promise<string> {
  const result = await slack.tracker.execute(`add ${text}`, slackUser('U1', CHANNEL));
  return result.commitment!.id;
}

/** Clicks a button; returns the stub's response id for the click's response_url. */
async function click(actionId: string, value: string, options: { userId?: string; channelId?: string } = {}) {
  const { id, url } = slack.newResponseUrl();
  const response = await slack.interact(
    blockActionPayload({ actionId, value, responseUrl: url, channelId: CHANNEL, ...options }),
  );
  expect(response.status).toBe(200);
  return id;
}

async function submit(
  callbackId: string,
  privateMetadata: string,
  values: Record<string, Record<string, unknown>>,
  userId = 'U1',
) {
  const wrapped = Object.fromEntries(
    Object.entries(values).map(([block, value]) => [block, { value: { type: 'x', ...value } }]),
  );
  const response = await slack.interact(
    viewSubmissionPayload({ callbackId, privateMetadata, values: wrapped, userId }),
  );
  expect(response.status).toBe(200);
  const body = await response.text();
  return body ? (JSON.parse(body) as { response_action: string; errors: Record<string, string> }) : undefined;
}

function lastViewOpen(): RecordedCall {
  return slack.stub.callsTo('views.open').at(-1)!;
}

describe('Mark done button and its modal', () => {
  it('opens the modal for the commitment, remembering the channel and the response_url', async () => {
    const id = await newCommitment();
    const before = slack.stub.callsTo('views.open').length;
    const responseId = await click(ACTION_IDS.markDone, id);
    const opened = await slack.stub.waitFor(
      (c) => c.method === 'views.open' && slack.stub.callsTo('views.open').length > before,
    );
    expect(opened.params.trigger_id).toMatch(/^trigger-/);
    expect(opened.params.view.callback_id).toBe('commitment.done');
    expect(JSON.parse(opened.params.view.private_metadata)).toEqual({
      id,
      channelId: CHANNEL,
      responseUrl: slack.stub.responseUrl(responseId),
    });
  });

  it('keeps the modal open with the error under the field when the note is blank, and changes nothing', async () => {
    const id = await newCommitment();
    const answer = await submit('commitment.done', JSON.stringify({ id, channelId: CHANNEL }), {
      note: { value: '  ' },
    });
    expect(answer?.response_action).toBe('errors');
    expect(answer?.errors.note).toContain('evidence');
    expect((await slack.commitments.get(id))?.status).toBe('open');
  });

  it('closes the commitment, announces it once, and tells the person privately', async () => {
    const id = await newCommitment();
    const { id: responseId, url } = slack.newResponseUrl();
    const before = slack.stub.calls.length;
    const answer = await submit(
      'commitment.done',
      JSON.stringify({ id, channelId: CHANNEL, responseUrl: url }),
      {
        note: { value: 'Exchange live, see https://gov.example/launch' },
      },
    );
    expect(answer).toBeUndefined();
    const stored = await slack.commitments.get(id);
    expect(stored).toMatchObject({
      status: 'done',
      closingNote: 'Exchange live, see https://gov.example/launch',
      closedBy: 'slack:U1',
    });
    const reply = await slack.stub.waitForResponse(responseId);
    expect(slackTextOf(reply.params)).toContain(`${id} is done`);
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes(`${id} is done`),
    );
    expect(post.params.channel).toBe(CHANNEL);
    expect(slack.stub.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('answers a click on a closed commitment without opening a modal', async () => {
    const id = await newCommitment();
    await slack.tracker.execute(`done ${id}`, slackUser('U1', CHANNEL));
    const opens = slack.stub.callsTo('views.open').length;
    const responseId = await click(ACTION_IDS.markDone, id);
    const reply = await slack.stub.waitForResponse(responseId);
    expect(slackTextOf(reply.params)).toContain(`${id} is already done`);
    expect(slack.stub.callsTo('views.open')).toHaveLength(opens);
  });

  it('answers a click on a commitment that does not exist', async () => {
    const responseId = await click(ACTION_IDS.markDone, 'C-999');
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain(
      'There is no commitment C-999',
    );
  });

  it('tells the person when Slack no longer accepts the trigger', async () => {
    const id = await newCommitment();
    slack.stub.fail('views.open', { error: 'expired_trigger_id' });
    const responseId = await click(ACTION_IDS.markDone, id);
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain(
      'click the button again',
    );
  });

  it('tells someone who may not change it so at the click, without opening the form', async () => {
    const id = await newCommitment();
    const opens = slack.stub.callsTo('views.open').length;
    const responseId = await click(ACTION_IDS.markDone, id, { userId: 'U9', channelId: 'CELSEWHERE' });
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain(
      `You may not change ${id}`,
    );
    expect(slack.stub.callsTo('views.open')).toHaveLength(opens);
  });

  it('shows a permission refusal under the field', async () => {
    const id = await newCommitment();
    const answer = await submit(
      'commitment.done',
      JSON.stringify({ id, channelId: 'CELSEWHERE' }),
      { note: { value: 'done it' } },
      'U9',
    );
    expect(answer?.response_action).toBe('errors');
    expect(answer?.errors.note).toContain(`You may not change ${id}`);
  });
});

describe('Snooze buttons', () => {
  it.each([
    [ACTION_IDS.snoozeDay, '2026-11-26T02:00:00.000Z', '1d'],
    [ACTION_IDS.snoozeWeek, '2026-12-02T02:00:00.000Z', '1w'],
  ])('%s holds the reminders and says until when, privately', async (actionId, until, span) => {
    const id = await newCommitment();
    const responseId = await click(actionId, id);
    const reply = await slack.stub.waitForResponse(responseId);
    expect(slackTextOf(reply.params)).toContain(`Reminders for ${id} are held for ${span}`);
    expect((await slack.commitments.get(id))?.snoozedUntil).toBe(until);
  });

  it('refuses someone who may not change it, and says why', async () => {
    const id = await newCommitment();
    const responseId = await click(ACTION_IDS.snoozeDay, id, { userId: 'U9', channelId: 'CELSEWHERE' });
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain(
      `You may not change ${id}`,
    );
    expect((await slack.commitments.get(id))?.snoozedUntil).toBeUndefined();
  });

  it('works from the overflow menu of a list line too', async () => {
    const id = await newCommitment();
    const { id: responseId, url } = slack.newResponseUrl();
    await slack.interact(
      blockActionPayload({
        actionId: 'commitment.menu',
        selected: `${ACTION_IDS.snoozeWeek}|${id}`,
        responseUrl: url,
        channelId: CHANNEL,
      }),
    );
    await slack.stub.waitForResponse(responseId);
    expect((await slack.commitments.get(id))?.snoozedUntil).toBe('2026-12-02T02:00:00.000Z');
  });
});

describe('Post update button and its modal', () => {
  it('opens with the current status and saves a status and note', async () => {
    const id = await newCommitment();
    const responseId = await click(ACTION_IDS.postUpdate, id);
    const opened = await slack.stub.waitForMethod(
      'views.open',
      (p) => p.view?.callback_id === 'commitment.update' && p.view.private_metadata.includes(`"${id}"`),
    );
    const status = opened.params.view.blocks.find((b: { block_id?: string }) => b.block_id === 'status');
    expect(status.element.initial_option.value).toBe('open');
    const answer = await submit('commitment.update', opened.params.view.private_metadata, {
      status: { selected_option: { value: 'at-risk' } },
      note: { value: 'vendor is late' },
    });
    expect(answer).toBeUndefined();
    const stored = await slack.commitments.get(id);
    expect(stored?.status).toBe('at-risk');
    expect(stored?.notes.at(-1)?.text).toBe('vendor is late');
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain(`Updated ${id}`);
  });
});

describe('Change deadline button and its modal', () => {
  it('opens with a date picker at the current deadline', async () => {
    const id = await newCommitment();
    await click(ACTION_IDS.changeDeadline, id);
    const opened = await slack.stub.waitForMethod(
      'views.open',
      (p) => p.view?.callback_id === 'commitment.deadline' && p.view.private_metadata.includes(`"${id}"`),
    );
    const due = opened.params.view.blocks.find((b: { block_id?: string }) => b.block_id === 'due');
    expect(due.element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-15' });
  });

  it('starts a timed deadline at its day where the lead agency is, shown there and on the clicker’s clock', async () => {
    // 07:00 on the 16th in Kuala Lumpur is 23:00 UTC on the 15th; the clicker is in Kolkata.
    const id = await newCommitment('Sign the protocol owner:MITI due:2026-12-16T07:00+08:00');
    await click(ACTION_IDS.changeDeadline, id, { userId: 'U2' });
    const opened = await slack.stub.waitForMethod(
      'views.open',
      (p) => p.view?.callback_id === 'commitment.deadline' && p.view.private_metadata.includes(`"${id}"`),
    );
    const due = opened.params.view.blocks.find((b: { block_id?: string }) => b.block_id === 'due');
    expect(due.element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-16' });
    const text = slackTextOf(opened.params);
    expect(text).toContain('due Wed 16 Dec 2026 07:00 Kuala Lumpur time (in 20 days)');
    expect(text).toContain(`<!date^${Date.parse('2026-12-15T23:00:00Z') / 1000}^{date_short_pretty} {time}|`);
    expect(text).not.toContain('2026-12-15T23');
  });

  it('requires a reason, refuses a past date under the date field, then moves it and announces it', async () => {
    const id = await newCommitment();
    const metadata = JSON.stringify({ id, channelId: CHANNEL });
    const noReason = await submit('commitment.deadline', metadata, {
      due: { selected_date: '2027-01-15' },
      reason: { value: '' },
    });
    expect(noReason?.errors).toEqual({ reason: expect.stringContaining('why') });
    const past = await submit('commitment.deadline', metadata, {
      due: { selected_date: '2026-01-05' },
      reason: { value: 'x' },
    });
    expect(past?.response_action).toBe('errors');
    expect(Object.keys(past!.errors)).toEqual(['due']);
    expect((await slack.commitments.get(id))?.deadline).toEqual({ kind: 'date', date: '2026-12-15' });
    const ok = await submit('commitment.deadline', metadata, {
      due: { selected_date: '2027-01-15' },
      reason: { value: 'cabinet approval' },
    });
    expect(ok).toBeUndefined();
    expect((await slack.commitments.get(id))?.deadline).toEqual({ kind: 'date', date: '2027-01-15' });
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes(`Deadline of ${id} moved`),
    );
    expect(slackTextOf(post.params)).toContain('cabinet approval');
  });
});

describe('Track as commitment shortcut and the add modal', () => {
  it('opens the add modal prefilled with the message as people read it and a link to it', async () => {
    const { url } = slack.newResponseUrl();
    const response = await slack.interact(
      messageShortcutPayload({
        callbackId: 'track_as_commitment',
        text: 'Can <@U2> send the draft MoU to <https://gov.example/mou|the portal> &amp; legal by Friday?',
        channelId: CHANNEL,
        responseUrl: url,
      }),
    );
    expect(response.status).toBe(200);
    const opened = await slack.stub.waitForMethod(
      'views.open',
      (p) => p.view?.callback_id === 'commitment.add',
    );
    const block = (id: string) =>
      opened.params.view.blocks.find((b: { block_id?: string }) => b.block_id === id);
    expect(block('title').element.initial_value).toBe(
      'Can @bob send the draft MoU to the portal & legal by Friday?',
    );
    expect(block('source').element.initial_value).toBe(
      'https://test.slack.com/archives/CMITI/p1767225600000777',
    );
    expect(block('channel').element.initial_conversation).toBe(CHANNEL);
    expect(block('lead').element.options.map((o: { value: string }) => o.value)).toEqual(['MEITY', 'MITI']);
    expect(JSON.parse(opened.params.view.private_metadata)).toEqual({ channelId: CHANNEL, responseUrl: url });
  });

  it('the global shortcut opens it empty', async () => {
    const before = slack.stub.callsTo('views.open').length;
    await slack.interact(globalShortcutPayload({ callbackId: 'new_commitment' }));
    await slack.stub.waitFor(
      (c) => c.method === 'views.open' && slack.stub.callsTo('views.open').length > before,
    );
    const title = lastViewOpen().params.view.blocks.find(
      (b: { block_id?: string }) => b.block_id === 'title',
    );
    expect(title.element.initial_value).toBeUndefined();
  });

  it('shows every problem of the form under its field', async () => {
    const answer = await submit('commitment.add', '{}', {
      title: { value: '' },
      area: { value: 'not an area' },
    });
    expect(Object.keys(answer!.errors).sort()).toEqual(['area', 'lead', 'title']);
  });

  it('saves the commitment as typed, announces it in the chosen channel, escaped, and answers privately', async () => {
    const title = 'Tell <!channel> and <@U123> about <https://x.example|y> & co';
    const { id: responseId, url } = slack.newResponseUrl();
    const answer = await submit('commitment.add', JSON.stringify({ channelId: CHANNEL, responseUrl: url }), {
      title: { value: title },
      lead: { selected_option: { value: 'MITI' } },
      supporting: { selected_options: [{ value: 'MEITY' }] },
      person: { selected_user: 'U2' },
      due: { selected_date: '2026-12-31' },
      area: { value: 'trade' },
      source: { value: 'https://test.slack.com/archives/CMITI/p1' },
      channel: { selected_conversation: CHANNEL },
    });
    expect(answer).toBeUndefined();
    const saved = (await allCommitments(slack.commitments)).find((c) => c.title === title);
    expect(saved).toMatchObject({
      owners: ['MITI', 'MEITY'],
      person: { platform: 'slack', userId: 'U2' },
      area: 'trade',
    });
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes(`New commitment ${saved!.id}`),
    );
    expect(post.params.channel).toBe(CHANNEL);
    const shown = slackTextOf(post.params);
    expect(shown).toContain(
      'Tell &lt;!channel&gt; and &lt;@U123&gt; about &lt;https://x.example|y&gt; &amp; co',
    );
    expect(shown).not.toMatch(/<!channel>|<@U123>|<https:/);
    expect(shown).toContain('<@U2>');
    expect(slackTextOf((await slack.stub.waitForResponse(responseId)).params)).toContain(
      `Added ${saved!.id}`,
    );
  });

  it('shows an unreadable lead agency under the lead field', async () => {
    const answer = await submit('commitment.add', '{}', {
      title: { value: 'x' },
      lead: { selected_option: { value: 'NOPE' } },
    });
    expect(answer?.errors.lead).toContain('There is no agency NOPE');
  });
});
