import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommitments } from '../support/read-store.js';
import type { ConnectorCall } from '../support/teams-connector-stub.js';
import {
  ALICE,
  CHANNEL_ID,
  cardsOf,
  cardText,
  channelMessage,
  type Mention,
  PERSONAL_CHAT_ID,
  personalMessage,
  RAVI,
  startTeamsHarness,
  TEAM_ID,
  type TeamsHarness,
  type TeamsUser,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T12:00:00Z' });
  for (const user of [ALICE, RAVI]) h.connector.members.set(user.id, user);
});
afterAll(async () => h.close());

interface Answer {
  calls: ConnectorCall[];
  /** All text of all cards the bot answered with. */
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: cards are plain JSON
  cards: any[];
}

/** Sends a command the way Teams would and collects what the bot posted back. */
async function command(
  text: string,
  options: { from?: TeamsUser; mentions?: Mention[]; channelId?: string; personal?: boolean } = {},
): Promise<Answer & { activityId: string }> {
  const before = h.connector.calls.length;
  const activity = options.personal
    ? personalMessage(h.connector.serviceUrl, text, options.from)
    : channelMessage(h.connector.serviceUrl, text, options);
  const response = await h.send(activity);
  expect(response.status).toBe(200);
  const calls = h.connector.calls.slice(before).filter((call) => call.kind !== 'member');
  const cards = calls.flatMap((call) => cardsOf(call.body));
  return { calls, cards, text: cards.map(cardText).join('\n'), activityId: activity.id as string };
}

/** The id of the commitment an `add` announced. */
function addedId(answer: Answer): string {
  const id = /New commitment (C-\d+)/.exec(answer.text)?.[1];
  expect(id).toBeDefined();
  return id!;
}

describe('every subcommand, typed as @followthrough <subcommand> in a channel', () => {
  it('agency add answers in the thread of the command', async () => {
    const answer = await command(
      'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
    );
    expect(answer.text).toContain('Added agency MITI');
    expect(answer.calls).toHaveLength(1);
    expect(answer.calls[0]).toMatchObject({
      kind: 'reply',
      conversationId: `${CHANNEL_ID};messageid=${answer.activityId}`,
      resourceId: answer.activityId,
    });
    await command('agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata country:IN');
  });

  it('channel link links the channel itself, not the thread the command was typed in', async () => {
    const answer = await command('channel link MITI');
    expect(answer.text).toContain("This channel now receives MITI's reminders");
    const linked = await h.agencies.agenciesForChannel({ platform: 'teams', id: CHANNEL_ID });
    expect(linked.map((agency) => agency.code)).toEqual(['MITI']);
  });

  it('add resolves an @mention to the Teams user’s Entra id and announces the commitment with its buttons', async () => {
    const answer = await command(
      'add Launch the semiconductor dialogue <at>Ravi Kumar</at> due:2026-12-15 area:semiconductors',
      {
        mentions: [{ user: RAVI }],
      },
    );
    const lookup = h.connector.calls.find((call) => call.kind === 'member');
    expect(lookup).toMatchObject({ conversationId: TEAM_ID, resourceId: RAVI.id });
    const stored = await h.commitments.get('C-1');
    expect(stored).toMatchObject({
      title: 'Launch the semiconductor dialogue',
      owners: ['MITI'],
      person: { platform: 'teams', userId: RAVI.aadObjectId, name: RAVI.name },
      deadline: { kind: 'date', date: '2026-12-15' },
      createdBy: `teams:${ALICE.aadObjectId}`,
    });
    expect(answer.text).toContain('New commitment C-1, led by MITI');
    expect(answer.cards[0].msteams.entities).toEqual([
      { type: 'mention', text: '<at>Ravi Kumar</at>', mentioned: { id: RAVI.aadObjectId, name: RAVI.name } },
    ]);
    expect(answer.text).toContain('[Mark done]');
  });

  it('a mention Teams split into one entity per word still names one person', async () => {
    await command('add Share the draft MoU <at>Ravi</at> <at>Kumar</at> owner:MEITY', {
      mentions: [
        { user: RAVI, text: '<at>Ravi</at>' },
        { user: RAVI, text: '<at>Kumar</at>' },
      ],
    });
    expect((await h.commitments.get('C-2'))?.person).toMatchObject({ userId: RAVI.aadObjectId });
    expect((await h.commitments.get('C-2'))?.title).toBe('Share the draft MoU');
  });

  it('list shows the channel agency’s open commitments', async () => {
    const answer = await command('list');
    expect(answer.text).toContain('Open commitments of MITI');
    expect(answer.text).toContain('C-1');
    expect(answer.text).not.toContain('C-2');
  });

  it('show prints the commitment with its history', async () => {
    const answer = await command('show c-1');
    expect(answer.text).toContain('C-1: Launch the semiconductor dialogue');
    expect(answer.text).toContain('History');
  });

  it('update changes status and adds a note', async () => {
    const answer = await command('update C-1 status:at-risk note:"vendor is late"');
    expect(answer.text).toContain('Updated C-1');
    expect(await h.commitments.get('C-1')).toMatchObject({
      status: 'at-risk',
      notes: [{ text: 'vendor is late' }],
    });
  });

  it('update with a new deadline announces the move with the reason', async () => {
    const answer = await command('update C-1 due:2027-01-15 reason:"cabinet approval"');
    expect(answer.text).toContain('Deadline of C-1 moved (cabinet approval)');
  });

  it('snooze holds reminders back', async () => {
    const answer = await command('snooze C-1 2d');
    expect(answer.text).toContain('held for 2d');
    expect((await h.commitments.get('C-1'))?.snoozedUntil).toBe('2026-06-03T12:00:00.000Z');
  });

  it('done closes with the evidence, reopen opens again, close is done’s alias', async () => {
    expect((await command('done C-1 MoU signed, see the press release')).text).toContain(
      'C-1 is done: MoU signed',
    );
    expect((await h.commitments.get('C-1'))?.closingNote).toBe('MoU signed, see the press release');
    expect((await command('reopen C-1')).text).toContain('C-1 is open again');
    expect((await command('close C-1')).text).toContain('C-1 is done');
  });

  it('cancel closes with the reason', async () => {
    const answer = await command('cancel C-2 merged into C-1');
    expect(answer.text).toContain('C-2 was cancelled: merged into C-1');
  });

  it('digest posts the figures and then its detail as more replies in the same thread', async () => {
    await command('add Open the trade office owner:MITI due:2026-06-05');
    const answer = await command('digest');
    expect(answer.calls.length).toBeGreaterThan(1);
    expect(new Set(answer.calls.map((call) => call.conversationId))).toEqual(
      new Set([`${CHANNEL_ID};messageid=${answer.activityId}`]),
    );
    expect(answer.text).toContain('MITI weekly delivery digest');
    expect(answer.text).toContain('Due in the next 14 days');
  });

  it('help, and help for one subcommand', async () => {
    expect((await command('help')).text).toContain('channel link <AGENCY>');
    expect((await command('help snooze')).text).toContain('snooze C-12 2d');
  });

  it('a bare mention of the bot answers with help', async () => {
    expect((await command('')).text).toContain('record a commitment');
  });
});

describe('in a personal chat', () => {
  it('the plain subcommand works and the person is known by their Entra id', async () => {
    const added = await command('add Draft the data-sharing annex owner:MEITY', {
      personal: true,
      from: RAVI,
    });
    expect(added.calls[0]?.conversationId).toBe(PERSONAL_CHAT_ID);
    expect((await h.commitments.get(addedId(added)))?.createdBy).toBe(`teams:${RAVI.aadObjectId}`);
  });

  it('“mine” finds what a channel command assigned to that person by @mention', async () => {
    await command('add Publish the joint roadmap <at>Ravi Kumar</at> owner:MITI', {
      mentions: [{ user: RAVI }],
    });
    const answer = await command('list mine', { personal: true, from: RAVI });
    expect(answer.text).toContain('Your open commitments');
    expect(answer.text).toContain('Publish the joint roadmap');
  });
});

describe('mistakes and hostile text', () => {
  it('a mistake is explained with the usage line, in the thread, and nothing is saved', async () => {
    const before = await allCommitments(h.commitments);
    const answer = await command('add owner:MITI due:2026-12-15');
    expect(answer.text).toMatch(/title/i);
    expect(answer.text).toContain('Usage');
    expect(await allCommitments(h.commitments)).toHaveLength(before.length);
  });

  it('an unknown id is said plainly', async () => {
    expect((await command('show C-404')).text).toContain('C-404');
  });

  it('text typed as markup or as a mention is stored as text and shown inert', async () => {
    const typed =
      'Review **all** [terms](https://evil.example) &lt;at&gt;Alice Tan&lt;/at&gt; &lt;@aad-alice&gt;';
    const answer = await command(`add ${typed} owner:MITI`);
    const id = addedId(answer);
    const stored = await h.commitments.get(id);
    expect(stored?.title).toBe(
      'Review **all** [terms](https://evil.example) <at>Alice Tan</at> <\u2060@aad-alice>',
    );
    expect(stored?.person).toBeUndefined();
    expect(answer.cards[0].msteams.entities).toBeUndefined();
    expect(JSON.stringify(answer.cards)).not.toMatch(/<at>/);
    const shown = await command(`show ${id}`);
    const details = JSON.stringify(shown.cards);
    // The details card names its author without calling on them: no live mention tag, no notification.
    expect(shown.cards[0].msteams?.entities).toBeUndefined();
    expect(details).not.toMatch(/<at>/);
    expect(details).toContain('@Alice Tan');
  });
});

describe('an activity Teams delivers again', () => {
  it('the same message twice (Teams retrying a slow turn) adds one commitment and answers once', async () => {
    const before = (await allCommitments(h.commitments)).length;
    const calls = h.connector.activityCalls().length;
    const activity = channelMessage(h.connector.serviceUrl, 'add Hold the joint review owner:MITI', {
      id: '1760000000001',
    });
    expect((await h.send(activity)).status).toBe(200);
    expect((await h.send(activity)).status).toBe(200);
    expect(await allCommitments(h.commitments)).toHaveLength(before + 1);
    expect(h.connector.activityCalls()).toHaveLength(calls + 1);
    expect(h.logs.some((line) => /Teams delivered an activity again/.test(line.msg))).toBe(true);
    const claim = await redis.pttl(`${prefix}teams:activity:${CHANNEL_ID}:1760000000001`);
    expect(claim).toBeGreaterThan(23 * 3_600_000);
    expect(claim).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('the same message id in another channel is another message, and runs', async () => {
    const before = (await allCommitments(h.commitments)).length;
    for (const channelId of [CHANNEL_ID, '19:other-channel@thread.tacv2']) {
      const activity = channelMessage(h.connector.serviceUrl, 'add Publish the annex owner:MITI', {
        id: '1760000000002',
        channelId,
      });
      expect((await h.send(activity)).status).toBe(200);
    }
    expect(await allCommitments(h.commitments)).toHaveLength(before + 2);
  });
});

describe('the Bot Framework Emulator (anonymous mode)', () => {
  const emulatorActivity = (extra: Record<string, unknown>) => ({
    channelId: 'emulator',
    serviceUrl: h.connector.serviceUrl,
    from: { id: 'emulator-user', name: 'User', role: 'user' },
    recipient: { id: 'emulator-bot', name: 'Bot', role: 'bot' },
    conversation: { id: 'conv-1|livechat' },
    localTimezone: 'America/Sao_Paulo',
    ...extra,
  });

  it('says hello when the conversation opens, answers plain commands, and can be posted to later', async () => {
    h.connector.clear();
    await h.send(
      emulatorActivity({
        type: 'conversationUpdate',
        id: 'cu-1',
        membersAdded: [{ id: 'emulator-user' }, { id: 'emulator-bot' }],
      }),
    );
    expect(cardText(cardsOf(h.connector.calls[0]?.body)[0])).toMatch(/Start with\s+help\s+,/);
    await h.send(emulatorActivity({ type: 'message', id: 'm-1', text: 'list all' }));
    expect(cardText(cardsOf(h.connector.calls[1]?.body)[0])).toContain('All commitments');
    const ref = await h.adapter.gateway.post('conv-1|livechat', { text: 'Reminder', blocks: [] });
    expect(ref.channelId).toBe('conv-1|livechat');
    expect(h.connector.calls[2]).toMatchObject({ kind: 'send', conversationId: 'conv-1|livechat' });
  });
});

describe('@followthrough report', () => {
  it('answers with a button that opens the report, served by the web process at an unguessable address', async () => {
    await command('agency add MOTI "Ministry of Trade and Industry" tz:Asia/Kuala_Lumpur country:MY');
    await command('add Customs single window owner:MOTI due:2026-06-10 area:trade');
    const answer = await command('report owner:MOTI');
    expect(answer.text).toContain('📄 Delivery stocktake of MOTI, 2026-06-01');
    const [card] = answer.cards;
    const open = (card.actions ?? []).find((action: { type: string }) => action.type === 'Action.OpenUrl');
    const url = new URL(open.url);
    expect(url.origin).toBe(h.url);
    expect(url.pathname).toMatch(/^\/api\/messages\/reports\/[A-Za-z0-9_-]{32}$/);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('Customs single window');

    const guessed = await fetch(`${h.url}/api/messages/reports/${'A'.repeat(32)}`);
    expect(guessed.status).toBe(404);
  });

  it('links with the public address a proxy in front says it was called on', async () => {
    const before = h.connector.calls.length;
    const response = await h.send(channelMessage(h.connector.serviceUrl, 'report'), {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'followthrough.example.gov',
    });
    expect(response.status).toBe(200);
    const [card] = h.connector.calls.slice(before).flatMap((call) => cardsOf(call.body));
    const open = card.actions.find((action: { type: string }) => action.type === 'Action.OpenUrl');
    expect(open.url).toMatch(/^https:\/\/followthrough\.example\.gov\/api\/messages\/reports\//);
  });
});
