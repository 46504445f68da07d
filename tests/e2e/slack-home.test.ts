import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { blockActionPayload, viewSubmissionPayload } from '../support/slack-requests.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';

/** The App Home tab: published when opened, refreshed with the answer to a click on it. */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
const CHANNEL = 'CMITI';

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { now: '2026-11-25T02:00:00Z' });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
  await slack.tracker.execute(
    'add Pilot the customs data exchange owner:MITI due:2026-12-15',
    slackUser('U1', CHANNEL),
  );
  await slack.tracker.execute('add Not ours at all owner:MEITY due:2026-12-15', slackUser('U1', CHANNEL));
  slack.stub.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
  slack.stub.addUser({ id: 'U2', name: 'bob', tz: 'Asia/Kolkata' });
});
afterAll(() => slack?.close());

async function newCommitment(text: string): Promise<string> {
  const result = await slack.tracker.execute(`add ${text}`, slackUser('U1', CHANNEL));
  return result.commitment!.id;
}

describe('App Home', () => {
  it('shows the person’s own commitments and their agency’s, grouped by RAG, when the tab is opened', async () => {
    slack.stub.setMembers(CHANNEL, ['U1', 'U2']);
    const mine = await newCommitment('Bob’s own item owner:MEITY <@U2|bob> due:2026-11-26');
    const response = await slack.event({
      type: 'app_home_opened',
      user: 'U2',
      channel: 'D2',
      tab: 'home',
      event_ts: '1.1',
    });
    expect(response.status).toBe(200);
    const published = await slack.stub.waitForMethod('views.publish', (p) => p.user_id === 'U2');
    expect(published.params.view.type).toBe('home');
    const shown = slackTextOf(published.params);
    expect(shown).toContain('Your commitments');
    expect(shown).toMatch(new RegExp(`${mine}\\*? Bob’s own item`));
    expect(shown).toContain('MITI: open commitments');
    expect(shown).toContain('Pilot the customs data exchange');
    expect(shown).toMatch(/🟠 At risk or due within 7 days/);
    expect(shown).not.toContain('Not ours at all');
  });

  it('shows only the person’s own commitments when they are in no agency’s channel', async () => {
    slack.stub.addUser({ id: 'U7', name: 'gita', tz: 'Asia/Kolkata' });
    await slack.event({ type: 'app_home_opened', user: 'U7', tab: 'home', event_ts: '1.3' });
    const shown = slackTextOf(
      (await slack.stub.waitForMethod('views.publish', (p) => p.user_id === 'U7')).params,
    );
    expect(shown).toContain('You own no open commitment.');
    expect(shown).not.toContain('Pilot the customs data exchange');
  });

  it('opens the add modal from its button, and refreshes itself with the answer after the submission', async () => {
    await slack.interact(blockActionPayload({ actionId: 'home.add', userId: 'U2', home: true }));
    const opened = await slack.stub.waitForMethod(
      'views.open',
      (p) => p.view?.callback_id === 'commitment.add',
    );
    expect(JSON.parse(opened.params.view.private_metadata)).toEqual({ fromHome: true });
    const before = slack.stub.callsTo('views.publish').length;
    const values = {
      title: { value: { type: 'plain_text_input', value: 'Added from home' } },
      lead: { value: { type: 'static_select', selected_option: { value: 'MITI' } } },
    };
    const response = await slack.interact(
      viewSubmissionPayload({
        callbackId: 'commitment.add',
        privateMetadata: opened.params.view.private_metadata,
        values,
        userId: 'U2',
      }),
    );
    expect(await response.text()).toBe('');
    const published = await slack.stub.waitFor(
      (c) => c.method === 'views.publish' && slack.stub.callsTo('views.publish').length > before,
    );
    expect(published.params.user_id).toBe('U2');
    expect(published.params.view.blocks[0].text.text).toMatch(/Added C-\d+: Added from home/);
    expect(slackTextOf(published.params)).toContain('Added from home');
    // No channel on the Home tab: the announcement goes to the lead agency's linked channel.
    const post = await slack.stub.waitForMethod('chat.postMessage', (p) =>
      String(p.text).includes('Added from home'),
    );
    expect(post.params.channel).toBe(CHANNEL);
  });

  it('ignores Slack’s redelivery of an event it already received', async () => {
    const forU2 = () => slack.stub.callsTo('views.publish').filter((c) => c.params.user_id === 'U2').length;
    const publishes = forU2();
    const opened = { type: 'app_home_opened', user: 'U2', tab: 'home', event_ts: '1.1' };
    expect((await slack.event(opened, {}, 'EvHOME1')).status).toBe(200);
    await slack.stub.waitFor(() => forU2() === publishes + 1);
    const response = await slack.event(opened, { retryNum: 1 }, 'EvHOME1');
    expect(response.status).toBe(200);
    // A first delivery sent after the redelivery is published; the redelivery never is.
    await slack.event({ type: 'app_home_opened', user: 'U1', tab: 'home', event_ts: '1.2' });
    await slack.stub.waitForMethod('views.publish', (p) => p.user_id === 'U1');
    expect(forU2()).toBe(publishes + 1);
  });

  it('answers a menu click on the Home tab by refreshing it with the answer on top', async () => {
    const id = await newCommitment('Home item owner:MITI <@U2|bob>');
    const before = slack.stub.callsTo('views.publish').length;
    await slack.interact(
      blockActionPayload({
        actionId: 'commitment.menu',
        selected: `${ACTION_IDS.snoozeDay}|${id}`,
        userId: 'U2',
        home: true,
      }),
    );
    const published = await slack.stub.waitFor(
      (c) => c.method === 'views.publish' && slack.stub.callsTo('views.publish').length > before,
    );
    expect(published.params.user_id).toBe('U2');
    const first = published.params.view.blocks[0];
    expect(first.text.text).toContain(`Reminders for ${id} are held for 1d`);
  });
});
