import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommitments } from '../support/read-store.js';
import { checkAdaptiveCard } from '../support/teams-adaptive-cards.js';
import {
  ALICE,
  BOT,
  CHANNEL_ID,
  cardsOf,
  cardText,
  channelMessage,
  inChannelThread,
  startTeamsHarness,
  type TeamsHarness,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();
let h: TeamsHarness;

const MESSAGE_ID = '1750000000001';
const LINK = `https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL_ID)}/${MESSAGE_ID}`;

beforeAll(async () => {
  h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T12:00:00Z' });
  for (const text of [
    'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur',
    'agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata',
    'channel link MITI',
  ]) {
    await h.send(channelMessage(h.connector.serviceUrl, text));
  }
  h.connector.clear();
});
afterAll(async () => h.close());

function invoke(name: string, value: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'invoke',
    name,
    id: `inv-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: h.connector.serviceUrl,
    from: ALICE,
    recipient: BOT,
    ...inChannelThread(MESSAGE_ID),
    value: { commandId: 'trackCommitment', commandContext: 'message', ...value },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: invoke responses are plain JSON
async function call(name: string, value: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await h.send(invoke(name, value));
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

// biome-ignore lint/suspicious/noExplicitAny: cards are plain JSON
function inputs(card: any): Record<string, unknown> {
  return Object.fromEntries(
    card.body
      .filter((e: { id?: string }) => e.id)
      .map((e: { id: string; value?: unknown }) => [e.id, e.value]),
  );
}

describe('Track as commitment, on any message', () => {
  it('opens the add form prefilled from the message, with the channel’s agency as lead', async () => {
    const { status, body } = await call('composeExtension/fetchTask', {
      messagePayload: {
        id: MESSAGE_ID,
        body: {
          contentType: 'html',
          content: '<p>We will <b>share</b> the draft MoU &amp; annex<br>by Friday</p>',
        },
        from: { user: { id: '29:ravi', displayName: 'Ravi Kumar' } },
        linkToMessage: LINK,
      },
    });
    expect(status).toBe(200);
    expect(body.task).toMatchObject({ type: 'continue', value: { title: 'Track as commitment' } });
    const card = body.task.value.card.content;
    expect(inputs(card)).toMatchObject({
      title: 'We will share the draft MoU & annex by Friday',
      lead: 'MITI',
      source: `Teams message from Ravi Kumar: ${LINK}`,
    });
    expect(
      card.body.find((e: { id?: string }) => e.id === 'lead').choices.map((c: { value: string }) => c.value),
    ).toEqual(['MEITY', 'MITI']);
    expect(checkAdaptiveCard(card).events).toEqual([]);
  });

  it('submitting adds the commitment, announces it in the message’s thread and closes the dialog', async () => {
    const { status, body } = await call('composeExtension/submitAction', {
      data: {
        action: 'commitment.add',
        title: 'Share the draft MoU',
        lead: 'MITI',
        supporting: 'MEITY,MITI',
        due: '2026-12-15',
        area: 'trade',
        source: LINK,
      },
    });
    expect(status).toBe(200);
    expect(body).toEqual({});
    const [stored] = await allCommitments(h.commitments);
    expect(stored).toMatchObject({
      title: 'Share the draft MoU',
      owners: ['MITI', 'MEITY'],
      deadline: { kind: 'date', date: '2026-12-15' },
      area: 'trade',
      source: LINK,
      createdBy: `teams:${ALICE.aadObjectId}`,
    });
    const posted = h.connector.activityCalls().at(-1)!;
    expect(posted.conversationId).toBe(`${CHANNEL_ID};messageid=${MESSAGE_ID}`);
    expect(cardText(cardsOf(posted.body)[0])).toContain(`New commitment ${stored!.id}, led by MITI`);
  });

  it('a form Teams delivers twice adds one commitment and announces it once', async () => {
    const before = (await allCommitments(h.commitments)).length;
    const calls = h.connector.activityCalls().length;
    const activity = invoke('composeExtension/submitAction', {
      data: { title: 'Name the working group', lead: 'MITI' },
    });
    for (let i = 0; i < 2; i += 1) {
      const response = await h.send(activity);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
    }
    expect(await allCommitments(h.commitments)).toHaveLength(before + 1);
    expect(h.connector.activityCalls()).toHaveLength(calls + 1);
  });

  it('a mistake brings the form back with the problem and what was typed', async () => {
    const before = (await allCommitments(h.commitments)).length;
    const { body } = await call('composeExtension/submitAction', {
      data: { title: 'Hold the review', lead: 'MITI', due: '2026-01-10' },
    });
    const card = body.task.value.card.content;
    expect(body.task.type).toBe('continue');
    expect(cardText(card)).toContain('has already passed');
    expect(inputs(card)).toMatchObject({ title: 'Hold the review', lead: 'MITI', due: '2026-01-10' });
    expect(await allCommitments(h.commitments)).toHaveLength(before);
    expect(checkAdaptiveCard(card).events).toEqual([]);
  });

  it('a form without a title is refused by the same checks as typed text', async () => {
    const { body } = await call('composeExtension/submitAction', { data: { title: '  ', lead: 'MITI' } });
    expect(body.task.type).toBe('continue');
    expect(cardText(body.task.value.card.content)).toContain('needs a title');
  });

  it('another command id is not implemented', async () => {
    const response = await h.send({
      ...invoke('composeExtension/fetchTask', {}),
      value: { commandId: 'other' },
    });
    expect(response.status).toBe(501);
  });
});
