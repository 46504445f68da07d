import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { notice } from '../../src/messages/commitment-messages.js';
import { overdueRollup } from '../../src/messages/overdue-message.js';
import type { Commitment } from '../../src/model/commitment.js';
import type { MessageRef } from '../../src/ports/chat-gateway.js';
import {
  ALICE,
  BOT,
  CHANNEL_ID,
  cardsOf,
  cardText,
  channelMessage,
  startTeamsHarness,
  TEAM_ID,
  TENANT_ID,
  type TeamsHarness,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T12:00:00Z' });
});
afterAll(async () => h.close());
beforeEach(() => h.connector.clear());

function conversationUpdate(
  conversation: Record<string, unknown>,
  change: { membersAdded?: object[]; membersRemoved?: object[] },
  channelData: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: `f:${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: h.connector.serviceUrl,
    from: ALICE,
    recipient: BOT,
    conversation: { tenantId: TENANT_ID, ...conversation },
    channelData: { tenant: { id: TENANT_ID }, ...channelData },
    ...change,
  };
}

const teamConversation = { id: TEAM_ID, conversationType: 'channel', isGroup: true };
const addedToTeam = () =>
  conversationUpdate(
    teamConversation,
    { membersAdded: [BOT] },
    { eventType: 'teamMemberAdded', team: { id: TEAM_ID } },
  );

async function expectDeliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('conversation references stored when the bot is added, used by the scheduler', () => {
  it('added to a team: says hello there, and a post starts a new thread in the General channel', async () => {
    expect((await h.send(addedToTeam())).status).toBe(200);
    expect(h.connector.calls).toHaveLength(1);
    expect(cardText(cardsOf(h.connector.calls[0]!.body)[0])).toContain('I keep track of commitments');

    h.connector.clear();
    const ref = await h.adapter.gateway.post(TEAM_ID, notice('MITI weekly delivery digest'));
    expect(h.connector.calls).toHaveLength(1);
    expect(h.connector.calls[0]).toMatchObject({ method: 'POST', kind: 'send', conversationId: TEAM_ID });
    expect(h.connector.calls[0]!.authorization).toBeUndefined();
    expect(ref).toEqual({ platform: 'teams', channelId: TEAM_ID, messageId: expect.any(String) });
  });

  it('a reply goes into the thread as <channel>;messageid=<root>, and so does a reply to that reply', async () => {
    const root = await h.adapter.gateway.post(TEAM_ID, notice('digest'));
    const reply = await h.adapter.gateway.reply(root, notice('🔴 Overdue (1)'));
    const again = await h.adapter.gateway.reply(reply, notice('📅 Due in the next 14 days (2)'));
    const thread = `${TEAM_ID};messageid=${root.messageId}`;
    expect(h.connector.calls.map((call) => [call.kind, call.conversationId])).toEqual([
      ['send', TEAM_ID],
      ['send', thread],
      ['send', thread],
    ]);
    expect(reply.channelId).toBe(thread);
    expect(again.channelId).toBe(thread);
  });

  it('an update rewrites the posted card in place', async () => {
    const root = await h.adapter.gateway.post(TEAM_ID, notice('digest: 3 open'));
    await h.adapter.gateway.update(root, notice('digest: 2 open'));
    const update = h.connector.calls[1]!;
    expect(update).toMatchObject({
      method: 'PUT',
      kind: 'update',
      conversationId: TEAM_ID,
      resourceId: root.messageId,
    });
    expect(cardText(cardsOf(update.body)[0])).toContain('digest: 2 open');
  });

  it('a channel linked by a command in a thread gets new threads, not replies under that command', async () => {
    await h.send(
      channelMessage(h.connector.serviceUrl, 'agency add MITI "Ministry of Trade" tz:Asia/Kuala_Lumpur'),
    );
    await h.send(channelMessage(h.connector.serviceUrl, 'channel link MITI'));
    h.connector.clear();
    const ref = await h.adapter.gateway.post(CHANNEL_ID, notice('⏰ Reminder: C-1 is due tomorrow'));
    expect(h.connector.calls[0]).toMatchObject({ kind: 'send', conversationId: CHANNEL_ID });
    expect(ref.channelId).toBe(CHANNEL_ID);
  });

  it('in a personal chat, posts and replies both go to the chat', async () => {
    const chat = { id: 'a:personal-ravi', conversationType: 'personal' };
    const install = { ...conversationUpdate(chat, {}, {}), type: 'installationUpdate', action: 'add' };
    expect((await h.send(install)).status).toBe(200);
    const root = await h.adapter.gateway.post('a:personal-ravi', notice('Your reminder'));
    await h.adapter.gateway.reply(root, notice('More detail'));
    expect(h.connector.calls.map((call) => call.conversationId)).toEqual([
      'a:personal-ravi',
      'a:personal-ravi',
    ]);
  });

  it('a channel the bot was never added to is a permanent failure that says what to do', async () => {
    const error = await expectDeliveryError(
      h.adapter.gateway.post('19:never-seen@thread.tacv2', notice('x')),
    );
    expect(error).toMatchObject({ permanent: true, code: 'teams_no_conversation_reference' });
    expect(error.message).toContain('channel link');
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe('connector failures become DeliveryErrors for the queue, tried once', () => {
  beforeAll(async () => {
    await h.send(addedToTeam());
  });

  it('429 with Retry-After: retry later, after that long', async () => {
    h.connector.failNext(429, { headers: { 'Retry-After': '7' }, code: 'Throttled' });
    const error = await expectDeliveryError(h.adapter.gateway.post(TEAM_ID, notice('x')));
    expect(error).toMatchObject({ permanent: false, retryAfterMs: 7000, code: 'teams_throttled' });
    expect(h.connector.calls).toHaveLength(1);
    expect(
      h.logs.some((line) => line.level === 40 && /throttling this bot; retry after 7s/.test(line.msg)),
    ).toBe(true);
  });

  it('403, the bot removed or blocked: permanent', async () => {
    h.connector.failNext(403, { code: 'BotNotInConversationRoster' });
    const error = await expectDeliveryError(h.adapter.gateway.post(TEAM_ID, notice('x')));
    expect(error).toMatchObject({ permanent: true, code: 'teams_bot_removed' });
    expect(error.message).toContain('BotNotInConversationRoster');
  });

  it('404, the conversation or message gone: permanent', async () => {
    h.connector.failNext(404, { code: 'ConversationNotFound' });
    const error = await expectDeliveryError(
      h.adapter.gateway.update({ platform: 'teams', channelId: TEAM_ID, messageId: '42' }, notice('x')),
    );
    expect(error).toMatchObject({ permanent: true, code: 'teams_conversation_gone' });
  });

  it('a server error: retry, and still only one call from the gateway', async () => {
    h.connector.failNext(503);
    const error = await expectDeliveryError(h.adapter.gateway.post(TEAM_ID, notice('x')));
    expect(error).toMatchObject({ permanent: false, code: 'teams_server' });
    expect(h.connector.calls).toHaveLength(1);
  });

  it('a connector that cannot be reached: retry later', async () => {
    const chat = { id: '19:unreachable@thread.v2', conversationType: 'groupChat', isGroup: true };
    const install = {
      ...conversationUpdate(chat, {}, {}),
      type: 'installationUpdate',
      action: 'add',
      serviceUrl: 'http://127.0.0.1:9/',
    };
    expect((await h.send(install)).status).toBe(200);
    const error = await expectDeliveryError(h.adapter.gateway.post(chat.id, notice('x')));
    expect(error).toMatchObject({ permanent: false, code: 'teams_network' });
  });

  it('a throttled answer to a command is logged and the bot carries on', async () => {
    h.connector.failNext(429, { headers: { 'Retry-After': '3' } });
    expect((await h.send(channelMessage(h.connector.serviceUrl, 'help'))).status).toBe(200);
    expect(
      h.logs.some((line) =>
        /Teams refused the bot's answer: Teams is throttling this bot; retry after 3s/.test(line.msg),
      ),
    ).toBe(true);
    expect((await h.send(channelMessage(h.connector.serviceUrl, 'help'))).status).toBe(200);
    expect(h.connector.calls.at(-1)).toMatchObject({ kind: 'reply' });
  });
});

describe('a post longer than one card is one activity, so a retry cannot post part of it twice', () => {
  const overdue: Commitment[] = Array.from({ length: 30 }, (_, i) => ({
    id: `C-${i + 1}`,
    title: `Overdue item ${i + 1}`,
    owners: ['MITI'],
    deadline: { kind: 'date', date: '2026-05-20' },
    status: 'open',
    notes: [],
    createdBy: 'teams:aad-alice',
    createdAt: '2026-05-25T03:00:00Z',
    updatedBy: 'teams:aad-alice',
    updatedAt: '2026-05-25T03:00:00Z',
    version: 1,
  }));
  const agency = {
    code: 'MITI',
    name: 'Ministry of Investment, Trade and Industry',
    timeZone: 'Asia/Kuala_Lumpur',
    country: 'MY',
    channels: [],
  };
  const rollup = () =>
    overdueRollup(agency, overdue, {
      now: h.clock.now(),
      readerTimeZone: 'Asia/Kuala_Lumpur',
      timeZoneOf: () => 'Asia/Kuala_Lumpur',
    });

  /** As the delivery queue does: the whole post again after a failure it may retry. */
  async function deliver(post: () => Promise<MessageRef>): Promise<MessageRef> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await post();
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.permanent || attempt === 3) throw error;
      }
    }
  }

  beforeAll(async () => {
    await h.send(addedToTeam());
  });

  it('a 30-line roll-up is one connector call: 25 lines, then how to list the rest', async () => {
    await h.adapter.gateway.post(TEAM_ID, rollup());
    expect(h.connector.calls).toHaveLength(1);
    const shown = cardText(cardsOf(h.connector.calls[0]!.body)[0]);
    expect(shown).toContain('C-25');
    expect(shown).not.toContain('C-26');
    expect(shown.replace(/\s+/g, ' ')).toContain(
      '…and 5 more not shown here: type @followthrough list overdue to see them all.',
    );
  });

  it.each([1, 2])(
    'with Teams answering 429 to connector call %i and then 200, exactly one post lands',
    async (refused) => {
      let call = 0;
      h.connector.failNext(429, { headers: { 'Retry-After': '1' }, match: () => ++call === refused });
      const ref = await deliver(() => h.adapter.gateway.post(TEAM_ID, rollup()));
      expect(h.connector.landed()).toHaveLength(1);
      expect(h.connector.landed()[0]).toMatchObject({ kind: 'send', conversationId: TEAM_ID });
      expect(ref.channelId).toBe(TEAM_ID);
    },
  );

  it('a reply and an update of such a list are one call each too', async () => {
    const root = await h.adapter.gateway.post(TEAM_ID, notice('digest'));
    await h.adapter.gateway.reply(root, rollup());
    await h.adapter.gateway.update(root, rollup());
    expect(h.connector.calls.map((c) => c.kind)).toEqual(['send', 'send', 'update']);
    for (const c of h.connector.calls.slice(1)) {
      expect(cardText(cardsOf(c.body)[0])).toContain('…and 5 more not shown here');
    }
  });
});

describe('pacing', () => {
  it('the eighth post within a second to one thread waits until the first has left the window', async () => {
    await h.send(addedToTeam());
    const root = await h.adapter.gateway.post(TEAM_ID, notice('digest'));
    const start = h.clock.now().getTime();
    for (let i = 0; i < 6; i += 1) await h.adapter.gateway.reply(root, notice(`reply ${i}`));
    expect(h.clock.now().getTime()).toBe(start);
    await h.adapter.gateway.reply(root, notice('reply 6'));
    await h.adapter.gateway.reply(root, notice('reply 7'));
    expect(h.clock.now().getTime() - start).toBe(1000);
  });
});

describe('a removed bot forgets', () => {
  it('removed from a team: every channel of that team is forgotten and the linked agency is warned about', async () => {
    await h.send(addedToTeam());
    await h.send(channelMessage(h.connector.serviceUrl, 'channel link MITI'));
    const removed = conversationUpdate(
      teamConversation,
      { membersRemoved: [BOT] },
      { eventType: 'teamMemberRemoved', team: { id: TEAM_ID } },
    );
    expect((await h.send(removed)).status).toBe(200);
    for (const channel of [TEAM_ID, CHANNEL_ID]) {
      const error = await expectDeliveryError(h.adapter.gateway.post(channel, notice('x')));
      expect(error.code).toBe('teams_no_conversation_reference');
    }
    expect(h.logs.some((line) => line.level === 40 && /linked to MITI/.test(line.msg))).toBe(true);
  });

  it('uninstalled from a group chat: that chat is forgotten', async () => {
    const chat = { id: '19:groupchat@thread.v2', conversationType: 'groupChat', isGroup: true };
    await h.send({ ...conversationUpdate(chat, {}, {}), type: 'installationUpdate', action: 'add' });
    await h.adapter.gateway.post(chat.id, notice('hello'));
    await h.send({ ...conversationUpdate(chat, {}, {}), type: 'installationUpdate', action: 'remove' });
    expect((await expectDeliveryError(h.adapter.gateway.post(chat.id, notice('x')))).permanent).toBe(true);
  });

  it('a deleted channel is forgotten', async () => {
    await h.send(addedToTeam());
    await h.send(channelMessage(h.connector.serviceUrl, 'help'));
    await h.adapter.gateway.post(CHANNEL_ID, notice('still here'));
    const deleted = conversationUpdate(
      teamConversation,
      {},
      { eventType: 'channelDeleted', team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } },
    );
    await h.send(deleted);
    expect((await expectDeliveryError(h.adapter.gateway.post(CHANNEL_ID, notice('x')))).code).toBe(
      'teams_no_conversation_reference',
    );
    await h.adapter.gateway.post(TEAM_ID, notice('the General channel is still known'));
  });
});
