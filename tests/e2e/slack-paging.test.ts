import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/message.js';
import { blockActionPayload } from '../support/slack-requests.js';
import { type SlackTestApp, slackTextOf, startSlackTestApp } from '../support/slack-test-app.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, slackUser } from '../support/test-tracker.js';

/** A list longer than one message: the first page, then each next one through its "Show more" button. */

const { redis, prefix } = useTestRedis();
let slack: SlackTestApp;
const COUNT = 45;

beforeAll(async () => {
  slack = await startSlackTestApp(redis, prefix, { pageSize: 20 });
  await addAgencies(slack.tracker);
  for (let i = 1; i <= COUNT; i += 1) {
    await slack.tracker.execute(`add Deliverable number ${i} owner:MITI`, slackUser('U1', 'C1'));
  }
});
afterAll(() => slack?.close());

type Blocks = { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];

function linesOf(blocks: Blocks): string[] {
  return blocks.flatMap((b) =>
    b.type === 'section' && b.text?.text.includes('Deliverable number')
      ? [/\*(C-\d+)\*/.exec(b.text.text)![1]!]
      : [],
  );
}

function moreButton(blocks: Blocks) {
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.moreResults);
}

async function clickMore(value: string) {
  const { id, url } = slack.newResponseUrl();
  const response = await slack.interact(
    blockActionPayload({ actionId: ACTION_IDS.moreResults, value, responseUrl: url }),
  );
  expect(response.status).toBe(200);
  return (await slack.stub.waitForResponse(id)).params;
}

describe('a list longer than one message', () => {
  it('comes in pages of 20 with a "Show more" button, each under Slack’s 50-block limit, until every line is shown', async () => {
    const first = await slack.answerOf(await slack.command('list all'));
    expect(first.blocks.length).toBeLessThanOrEqual(50);
    const page1 = linesOf(first.blocks);
    expect(page1).toHaveLength(20);
    expect(moreButton(first.blocks)).toBeDefined();
    expect(slackTextOf(first)).toContain('Show 25 more');

    const second = await clickMore(moreButton(first.blocks)!.value);
    expect(slackTextOf(second)).toContain('page 2 of 3');
    const page2 = linesOf(second.blocks);
    expect(page2).toHaveLength(20);

    const third = await clickMore(moreButton(second.blocks)!.value);
    const page3 = linesOf(third.blocks);
    expect(page3).toHaveLength(5);
    expect(moreButton(third.blocks)).toBeUndefined();
    expect(slackTextOf(third)).toContain(`${COUNT} commitments`);

    const all = [...page1, ...page2, ...page3];
    expect(new Set(all).size).toBe(COUNT);
  });

  it('answers a "Show more" button whose value cannot be read', async () => {
    const params = await clickMore('{not json');
    expect(slackTextOf(params)).toContain('out of date');
  });
});
