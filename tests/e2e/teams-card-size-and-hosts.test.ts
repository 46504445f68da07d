import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { allCommitments } from '../support/read-store.js';
import {
  ALICE,
  BOT,
  cardsOf,
  cardText,
  channelMessage,
  executeInvoke,
  startTeamsHarness,
  type TeamsHarness,
} from '../support/teams-harness.js';
import { useTestRedis } from '../support/test-redis.js';

const { redis, prefix } = useTestRedis();
let h: TeamsHarness;

// biome-ignore lint/suspicious/noExplicitAny: cards are plain JSON
type Json = any;

/** Every action of a card, nested ones (inside a form) included. */
function actionsOf(node: Json): Json[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!node || typeof node !== 'object') return [];
  const own = String(node.type ?? '').startsWith('Action.') ? [node] : [];
  return [...own, ...Object.values(node).flatMap(actionsOf)];
}

/** Teams judges the message activity as JSON: its card, summary and type. */
const cardActivityBytes = (body: Json) =>
  Buffer.byteLength(
    JSON.stringify({ type: body.type, summary: body.summary, attachments: body.attachments }),
  );

beforeAll(async () => {
  h = await startTeamsHarness({ redis, prefix, now: '2026-06-01T12:00:00Z' });
  for (const text of ['agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur']) {
    expect((await h.send(channelMessage(h.connector.serviceUrl, text))).status).toBe(200);
  }
});
afterAll(() => h.close());
afterEach(() => h.connector.clear());

describe('every Teams card stays under Teams’ message size', () => {
  const NOTES = 20;
  const note = (n: number) =>
    `Progress ${n}: ${'the joint working group met and agreed the next steps; '.repeat(34)}`;

  beforeAll(async () => {
    const ctx = { actor: { platform: 'teams' as const, userId: ALICE.aadObjectId, name: ALICE.name } };
    await h.tracker.execute('add Semiconductor supply-chain dialogue owner:MITI due:2026-12-15', ctx);
    for (let n = 1; n <= NOTES; n += 1) {
      await h.tracker.execute(`update C-1 note:"${note(n)}" reason:"${'r'.repeat(1500)}"`, ctx);
    }
  });

  it('show on a commitment with 20 long notes answers within 25 KB a card, the rest behind Show more', async () => {
    h.connector.clear();
    expect((await h.send(channelMessage(h.connector.serviceUrl, 'show C-1'))).status).toBe(200);
    const pages: Json[] = [];
    for (let guard = 0; guard < 20; guard += 1) {
      const [sent] = h.connector.activityCalls();
      expect(sent).toBeDefined();
      const body = sent!.body;
      expect(cardActivityBytes(body)).toBeLessThanOrEqual(25_000);
      expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(28_000);
      pages.push(body);
      h.connector.clear();
      const more = actionsOf(cardsOf(body)).find((action) => action.verb === ACTION_IDS.moreResults);
      if (!more) break;
      const response = await h.send(executeInvoke(h.connector.serviceUrl, more.verb, more.data));
      expect(response.status).toBe(200);
    }
    expect(pages.length).toBeGreaterThan(2);
    const shown = pages.map((body) => cardsOf(body).map(cardText).join(' ')).join('\n');
    expect(shown).toContain('C-1: Semiconductor supply-chain dialogue');
    // The five latest notes and the history lines of every one of the last fifteen changes, across the pages.
    for (let n = NOTES - 4; n <= NOTES; n += 1) expect(shown).toContain(`Progress ${n}:`);
    expect(shown.match(/progress note by [^:]+: Progress \d+:/g)?.length).toBeGreaterThanOrEqual(14);
    expect(cardText(cardsOf(pages.at(-1))[0])).toMatch(/continued, page \d+/);
  });

  it('a Show more button for a command that changes something is refused, not run again', async () => {
    const forged = JSON.stringify({ c: 'add Sneaked in owner:MITI', m: 0, p: 1 });
    const response = await h.send(
      executeInvoke(h.connector.serviceUrl, ACTION_IDS.moreResults, {
        action: ACTION_IDS.moreResults,
        value: forged,
      }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { value: string }).value).toContain('out of date');
    expect((await allCommitments(h.commitments)).map((c) => c.title)).not.toContain('Sneaked in');
  });
});

describe('card buttons in the Bot Framework Emulator and other Direct Line hosts', () => {
  const EMULATOR_CHAT = 'emulator-conversation-1';
  let sequence = 0;
  const fromEmulator = (extra: Record<string, unknown>) => ({
    type: 'message',
    id: `emu-${++sequence}`,
    channelId: 'emulator',
    serviceUrl: h.connector.serviceUrl,
    from: { id: 'emulator-user', name: 'User' },
    recipient: BOT,
    conversation: { id: EMULATOR_CHAT },
    ...extra,
  });

  it('are Action.Submit there, and a click runs the action', async () => {
    expect((await h.send(fromEmulator({ text: 'add Emulator test owner:MITI due:2026-12-15' }))).status).toBe(
      200,
    );
    const card = cardsOf(h.connector.activityCalls()[0]!.body)[0];
    const actions = actionsOf(card);
    expect(actions.some((action) => action.type === 'Action.Execute')).toBe(false);
    const snooze = actions.find(
      (action) => action.type === 'Action.Submit' && action.data?.action === ACTION_IDS.snoozeDay,
    );
    expect(snooze).toBeDefined();
    const id = snooze.data.value as string;
    h.connector.clear();
    expect((await h.send(fromEmulator({ value: snooze.data, replyToId: 'card-1' }))).status).toBe(200);
    expect((await h.commitments.get(id))?.snoozedUntil).toBe('2026-06-02T12:00:00.000Z');
    const refreshed = h.connector.activityCalls().flatMap((call) => cardsOf(call.body));
    expect(actionsOf(refreshed).every((action) => action.type !== 'Action.Execute')).toBe(true);
  });

  it('a form inside the card (Mark done) submits its inputs with Action.Submit too', async () => {
    h.connector.clear();
    await h.send(fromEmulator({ text: 'add Second emulator test owner:MITI due:2026-12-15' }));
    const card = cardsOf(h.connector.activityCalls()[0]!.body)[0];
    const form = actionsOf(card).find(
      (action) => action.type === 'Action.ShowCard' && action.title === 'Mark done',
    );
    const submit = actionsOf(form.card).find((action) => action.type === 'Action.Submit');
    const id = submit.data.value as string;
    await h.send(fromEmulator({ value: { ...submit.data, [`closingNote.${id}`]: 'shown in the Emulator' } }));
    expect((await h.commitments.get(id))?.closingNote).toBe('shown in the Emulator');
  });

  it('stay Action.Execute in Teams', async () => {
    h.connector.clear();
    await h.send(
      channelMessage(h.connector.serviceUrl, 'add Teams test owner:MITI due:2026-12-15', { from: ALICE }),
    );
    const actions = actionsOf(cardsOf(h.connector.activityCalls()[0]!.body));
    expect(actions.filter((action) => action.type === 'Action.Submit')).toEqual([]);
    expect(actions.some((action) => action.type === 'Action.Execute')).toBe(true);
  });
});
