import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackGateway } from '../../adapters/slack/slack-gateway.js';
import { trackRecordChart } from '../../src/charts/track-record-chart.js';
import { recordWeeks } from '../../src/digest/track-record.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Message } from '../../src/messages/message.js';
import { decodePng } from '../support/png-pixels.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { slackTextOf } from '../support/slack-test-app.js';

/** The scheduler's way to post: one call per post, failures handed to the delivery queue as DeliveryError. */

let stub: SlackApiStub;
let gateway: SlackGateway;

beforeAll(async () => {
  stub = await SlackApiStub.start();
  gateway = SlackGateway.create({ botToken: 'xoxb-worker', apiUrl: stub.apiUrl }, pino({ level: 'silent' }));
});
afterAll(() => stub?.close());

const reminder: Message = {
  text: 'C-3 is due tomorrow: <!channel> & co',
  blocks: [{ type: 'section', content: [{ kind: 'text', text: 'C-3 is due tomorrow: <!channel> & co' }] }],
};

async function failureOf(call: () => Promise<unknown>): Promise<DeliveryError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('SlackGateway', () => {
  it('posts a rendered, escaped message with the bot token and returns where it lives', async () => {
    const ref = await gateway.post('CMITI', reminder);
    const call = stub.callsTo('chat.postMessage').at(-1)!;
    expect(call.token).toBe('xoxb-worker');
    expect(call.params).toMatchObject({ channel: 'CMITI', unfurl_links: 'false' });
    expect(slackTextOf(call.params)).toContain('&lt;!channel&gt; &amp; co');
    expect(ref).toEqual({
      platform: 'slack',
      channelId: 'CMITI',
      messageId: expect.stringMatching(/^\d+\.\d+$/),
    });
  });

  it('replies in the thread of the parent message', async () => {
    const parent = await gateway.post('CMITI', reminder);
    const child = await gateway.reply(parent, reminder);
    expect(stub.callsTo('chat.postMessage').at(-1)!.params).toMatchObject({
      channel: 'CMITI',
      thread_ts: parent.messageId,
    });
    expect(child.channelId).toBe('CMITI');
    expect(child.messageId).not.toBe(parent.messageId);
  });

  it('updates a posted message in place', async () => {
    await gateway.update({ platform: 'slack', channelId: 'CMITI', messageId: '1767225600.000042' }, reminder);
    expect(stub.callsTo('chat.update').at(-1)!.params).toMatchObject({
      channel: 'CMITI',
      ts: '1767225600.000042',
    });
  });

  it('does not retry a 429 itself: it hands the queue Slack’s Retry-After', async () => {
    const before = stub.callsTo('chat.postMessage').length;
    stub.fail('chat.postMessage', { status: 429, retryAfter: 30 });
    const error = await failureOf(() => gateway.post('CMITI', reminder));
    expect(error).toMatchObject({ permanent: false, retryAfterMs: 30_000, code: 'ratelimited' });
    expect(stub.callsTo('chat.postMessage')).toHaveLength(before + 1);
  });

  it.each([
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'account_inactive',
    'token_revoked',
    'invalid_auth',
  ])('marks %s as permanent', async (code) => {
    stub.fail('chat.postMessage', { error: code });
    const error = await failureOf(() => gateway.post('CGONE', reminder));
    expect(error).toMatchObject({ permanent: true, code });
  });

  it('leaves a server error to be retried with back-off', async () => {
    const before = stub.callsTo('chat.update').length;
    stub.fail('chat.update', { status: 503 });
    const error = await failureOf(() =>
      gateway.update({ platform: 'slack', channelId: 'C1', messageId: '1.2' }, reminder),
    );
    expect(error).toMatchObject({ permanent: false, code: 'http_503' });
    expect(stub.callsTo('chat.update')).toHaveLength(before + 1);
  });

  it('posts a long digest reply as one message that says how much did not fit', async () => {
    const items = Array.from({ length: 80 }, (_, i) => ({
      id: `C-${i + 1}`,
      title: `Item ${i + 1}`,
      owners: ['MITI'],
      status: 'open' as const,
      rag: 'green' as const,
    }));
    await gateway.post('CMITI', {
      text: 'Digest',
      blocks: [
        { type: 'header', text: 'Open' },
        { type: 'commitments', items },
      ],
    });
    const call = stub.callsTo('chat.postMessage').at(-1)!;
    expect(call.params.blocks.length).toBeLessThanOrEqual(50);
    expect(slackTextOf(call.params)).toMatch(/and \d+ more not shown here/);
  });

  it('uploads a chart as a PNG into the thread with files.uploadV2, its figures as alt text', async () => {
    const parent = await gateway.post('CMITI', reminder);
    const chart = trackRecordChart(
      'MITI',
      recordWeeks(new Date('2026-11-30T01:00:00Z'), 'Asia/Kuala_Lumpur').map((week, i) => ({
        week,
        due: i % 3,
        closed: i % 2,
      })),
      { closed: 4, onTime: 3, rate: 0.75 },
    );
    const ref = await gateway.reply(parent, {
      text: '📊 MITI chart',
      blocks: [
        { type: 'image', title: 'MITI chart', alt: chart.alt, svg: chart.svg, fileName: 'MITI-2026-W49.png' },
      ],
    });

    const [asked] = stub.callsTo('files.getUploadURLExternal').slice(-1);
    expect(asked!.params).toMatchObject({ filename: 'MITI-2026-W49.png', alt_text: chart.alt });
    const bytes = stub.uploadedFile(ref.messageId)!;
    expect(Number(asked!.params.length)).toBe(bytes.length);
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    const [completed] = stub.callsTo('files.completeUploadExternal').slice(-1);
    expect(completed!.params).toMatchObject({
      channel_id: 'CMITI',
      thread_ts: parent.messageId,
      files: [{ id: ref.messageId, title: 'MITI chart' }],
    });
    expect(ref.channelId).toBe('CMITI');
  });

  it('a failed upload is a DeliveryError for the queue, and nothing was shared', async () => {
    const before = stub.callsTo('files.completeUploadExternal').length;
    stub.fail('file_upload', { status: 500 });
    const chart = {
      text: 'c',
      blocks: [
        {
          type: 'image' as const,
          title: 't',
          alt: 'a',
          svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
          fileName: 'c.png',
        },
      ],
    };
    const error = await failureOf(() => gateway.post('CMITI', chart));
    expect(error.permanent).toBe(false);
    expect(stub.callsTo('files.completeUploadExternal')).toHaveLength(before);
  });
});
