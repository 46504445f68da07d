import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';

/** The case, end to end: a title with a link and formatting posted into an agency's channel. */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
const CHANNEL = 'CMITI';

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { now: '2026-11-25T02:00:00Z' });
  await addAgencies(slack.tracker);
  await slack.tracker.execute('channel link MITI', slackUser('U1', CHANNEL));
  slack.stub.addUser({ id: 'U1', name: 'alice', tz: 'Asia/Kuala_Lumpur' });
});
afterAll(() => slack?.close());

// biome-ignore lint/suspicious/noExplicitAny: Block Kit payloads are walked as plain JSON
type Json = any;

function textObjects(node: Json): Json[] {
  if (Array.isArray(node)) return node.flatMap(textObjects);
  if (!node || typeof node !== 'object') return [];
  const own = node.type === 'mrkdwn' || node.type === 'plain_text' ? [node] : [];
  return [...own, ...Object.values(node).flatMap(textObjects)];
}

describe('a title typed with a link and formatting', () => {
  it('is announced in the agency channel as inert text: no link, no bold, no italics', async () => {
    const before = slack.stub.calls.length;
    // Slack sends a typed URL in its own link markup, and escapes the rest.
    const { status } = await slack.command(
      'add Renew access at <https://evil.example/login> *today* _urgent_ owner:MITI due:2026-12-15',
      { channelId: CHANNEL },
    );
    expect(status).toBe(200);
    const post = await slack.stub.waitFor(
      (call) => slack.stub.calls.indexOf(call) >= before && call.method === 'chat.postMessage',
    );
    const objects = textObjects(post.params.blocks);
    const line = objects.find((object) => object.text.includes('Renew access'));
    expect(line).toBeDefined();
    for (const object of objects.filter((o) => o.type === 'mrkdwn')) expect(object.verbatim).toBe(true);
    expect(line.text).not.toMatch(/<https?:|\*today\*|_urgent_/);
    expect(line.text).toContain('https://evil.example/login');
    expect((await slack.commitments.get('C-1'))?.title).toBe(
      'Renew access at https://evil.example/login *today* _urgent_',
    );
  });
});
