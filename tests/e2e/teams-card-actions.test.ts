import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { allCommitments } from '../support/read-store.js';
import {
  ALICE,
  BOT,
  cardsOf,
  cardText,
  channelMessage,
  executeInvoke,
  inChannelThread,
  RAVI,
  startTeamsHarness,
  type TeamsHarness,
  type TeamsUser,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const ADMIN: TeamsUser = { id: '29:admin-teams-id', name: 'Nur Admin', aadObjectId: 'aad-admin' };
const OTHER_CHANNEL = '19:unlinked-channel@thread.tacv2';

const { redis, prefix } = useTestRedis();
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({
    redis,
    prefix,
    now: '2026-06-01T12:00:00Z',
    admins: [`teams:${ADMIN.aadObjectId}`],
  });
  for (const text of [
    'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
    'channel link MITI',
  ]) {
    expect((await h.send(channelMessage(h.connector.serviceUrl, text, { from: ADMIN }))).status).toBe(200);
  }
});
afterAll(async () => h.close());

let counter = 0;
/** Adds a commitment from the linked channel and returns its id. */
async function addCommitment(title: string): Promise<string> {
  counter += 1;
  await h.send(
    channelMessage(h.connector.serviceUrl, `add ${title} ${counter} owner:MITI due:2026-12-15`, {
      from: ALICE,
    }),
  );
  const all = await allCommitments(h.commitments);
  return all[0]!.id;
}

// biome-ignore lint/suspicious/noExplicitAny: invoke responses are plain JSON
type Json = any;

async function click(
  verb: string,
  data: Record<string, unknown>,
  options: { from?: TeamsUser; channelId?: string } = {},
): Promise<Json> {
  const response = await h.send(executeInvoke(h.connector.serviceUrl, verb, data, options));
  expect(response.status).toBe(200);
  return response.json();
}

describe('Universal Actions (Action.Execute) answer with the refreshed card, shown in place to everyone', () => {
  it('Snooze 1 day holds reminders and the card keeps its buttons', async () => {
    const id = await addCommitment('Launch the dialogue');
    const before = h.connector.calls.length;
    const answer = await click(ACTION_IDS.snoozeDay, { action: ACTION_IDS.snoozeDay, value: id });
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const text = cardText(answer.value);
    expect(text).toContain(`Reminders for ${id} are held for 1d`);
    expect(text).toContain('by Alice Tan');
    expect(text).toContain('[Mark done]');
    expect((await h.commitments.get(id))?.snoozedUntil).toBe('2026-06-02T12:00:00.000Z');
    // The refresh travels in the invoke response: nothing else is posted.
    expect(h.connector.activityCalls().length).toBe(before);
  });

  it('Post update sets the status and adds the note', async () => {
    const id = await addCommitment('Open the trade office');
    const answer = await click(ACTION_IDS.postUpdate, {
      action: ACTION_IDS.postUpdate,
      value: id,
      [`updateStatus.${id}`]: 'at-risk',
      [`updateNote.${id}`]: 'Vendor is two weeks late',
    });
    expect(cardText(answer.value)).toContain('at-risk');
    expect(await h.commitments.get(id)).toMatchObject({
      status: 'at-risk',
      notes: [{ text: 'Vendor is two weeks late' }],
    });
  });

  it('Change deadline moves it with the reason and says so on the card', async () => {
    const id = await addCommitment('Sign the MoU');
    const answer = await click(ACTION_IDS.changeDeadline, {
      action: ACTION_IDS.changeDeadline,
      value: id,
      [`newDue.${id}`]: '2027-01-15',
      [`dueReason.${id}`]: 'Cabinet meets in January',
    });
    expect(cardText(answer.value)).toContain(`Deadline of ${id} moved (Cabinet meets in January)`);
    expect((await h.commitments.get(id))?.deadline).toEqual({ kind: 'date', date: '2027-01-15' });
  });

  it('Change deadline without a reason is refused beside the card, and nothing changes', async () => {
    const id = await addCommitment('Review the annex');
    const answer = await click(ACTION_IDS.changeDeadline, {
      action: ACTION_IDS.changeDeadline,
      value: id,
      [`newDue.${id}`]: '2027-01-15',
    });
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(answer.value).toContain('say why it moves');
    expect((await h.commitments.get(id))?.deadline).toEqual({ kind: 'date', date: '2026-12-15' });
  });

  it('Mark done closes it with the closing note and the card loses its buttons', async () => {
    const id = await addCommitment('Publish the roadmap');
    const answer = await click(ACTION_IDS.markDone, {
      action: ACTION_IDS.markDone,
      value: id,
      [`closingNote.${id}`]: 'Published on the portal',
    });
    const text = cardText(answer.value);
    expect(text).toContain(`${id} is done: Published on the portal`);
    expect(text).not.toContain('[Mark done]');
    expect(await h.commitments.get(id)).toMatchObject({
      status: 'done',
      closingNote: 'Published on the portal',
    });
  });

  it('someone who may not change it is told so, and it is left as it was', async () => {
    const id = await addCommitment('Convene the working group');
    const answer = await click(
      ACTION_IDS.markDone,
      { action: ACTION_IDS.markDone, value: id },
      { from: RAVI, channelId: OTHER_CHANNEL },
    );
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toContain(`You may not change ${id}`);
    expect((await h.commitments.get(id))?.status).toBe('open');
  });

  it('a click Teams delivers twice is applied once, and the repeat is answered without a change', async () => {
    const id = await addCommitment('Agree the customs annex');
    const data = { action: ACTION_IDS.postUpdate, value: id, [`updateNote.${id}`]: 'Draft shared' };
    const activity = executeInvoke(h.connector.serviceUrl, ACTION_IDS.postUpdate, data);
    const first = (await (await h.send(activity)).json()) as Json;
    const again = (await (await h.send(activity)).json()) as Json;
    expect(first.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(again).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(again.value).toContain('already received');
    expect((await h.commitments.get(id))?.notes).toHaveLength(1);
  });

  it('a click that is not one of the bot’s buttons is a bad request', async () => {
    const response = await h.send(executeInvoke(h.connector.serviceUrl, 'something.else', { value: 'C-1' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });
});

describe('Action.Submit (hosts without Universal Actions)', () => {
  function submit(value: Record<string, unknown>, cardId: string): Record<string, unknown> {
    const root = '1800000000001';
    return {
      type: 'message',
      id: `submit-${cardId}`,
      channelId: 'msteams',
      serviceUrl: h.connector.serviceUrl,
      from: ALICE,
      recipient: BOT,
      replyToId: cardId,
      ...inChannelThread(root),
      value,
    };
  }

  it('replaces the clicked card with the refreshed one', async () => {
    const id = await addCommitment('Agree the data annex');
    const before = h.connector.calls.length;
    await h.send(submit({ action: ACTION_IDS.snoozeWeek, value: id }, '1800000000005'));
    const [update] = h.connector.calls.slice(before);
    expect(update).toMatchObject({ kind: 'update', method: 'PUT', resourceId: '1800000000005' });
    expect(cardText(cardsOf(update!.body)[0])).toContain(`Reminders for ${id} are held for 1w`);
  });

  it('a click Teams delivers twice is applied once', async () => {
    const id = await addCommitment('Publish the annex');
    const activity = submit(
      { action: ACTION_IDS.postUpdate, value: id, [`updateNote.${id}`]: 'Annex drafted' },
      '1800000000007',
    );
    const before = h.connector.calls.length;
    await h.send(activity);
    await h.send(activity);
    expect((await h.commitments.get(id))?.notes).toHaveLength(1);
    expect(h.connector.calls.slice(before).map((call) => call.kind)).toEqual(['update']);
  });

  it('when Teams will not update the card, the thread is told what happened', async () => {
    const id = await addCommitment('Host the ministerial');
    h.connector.failNext(404, { code: 'ActivityNotFound', match: (call) => call.kind === 'update' });
    const before = h.connector.calls.length;
    await h.send(submit({ action: ACTION_IDS.snoozeDay, value: id }, '1800000000006'));
    const calls = h.connector.calls.slice(before);
    expect(calls.map((call) => call.kind)).toEqual(['update', 'reply']);
    const text = cardText(cardsOf(calls[1]!.body)[0]);
    expect(text).toContain(`Reminders for ${id} are held for 1d`);
    expect(text).toContain('Teams does not know that conversation or message');
    expect((await h.commitments.get(id))?.snoozedUntil).toBeDefined();
    expect(
      h.logs.some(
        (line) =>
          line.level === 40 && /Teams connector call failed.*HTTP 404 ActivityNotFound/.test(line.msg),
      ),
    ).toBe(true);
  });
});
