import type { InputBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { fieldOfError, type ModalValues, readModal } from '../../adapters/slack/modal-input.js';
import {
  addModal,
  CALLBACK_IDS,
  type DeadlineReading,
  deadlineModal,
  decodeMetadata,
  doneModal,
  encodeMetadata,
  updateModal,
} from '../../adapters/slack/modals.js';
import { InvalidDateError } from '../../src/errors/invalid-date-error.js';
import { PermissionDeniedError } from '../../src/errors/permission-denied-error.js';
import { UnknownAgencyError } from '../../src/errors/unknown-agency-error.js';
import type { Commitment } from '../../src/model/commitment.js';

const commitment: Commitment = {
  id: 'C-4',
  title: 'Pilot <!channel> & co',
  owners: ['MITI', 'MEITY'],
  deadline: { kind: 'date', date: '2026-12-15' },
  status: 'at-risk',
  notes: [],
  createdBy: 'slack:U1',
  createdAt: '2026-11-01T00:00:00Z',
  updatedBy: 'slack:U1',
  updatedAt: '2026-11-01T00:00:00Z',
  version: 1,
};

/** Opened on 25 November by someone in Kuala Lumpur, about a commitment led from Kuala Lumpur. */
const reading: DeadlineReading = {
  leadTimeZone: 'Asia/Kuala_Lumpur',
  now: new Date('2026-11-25T02:00:00Z'),
};

/** 07:00 on 16 December in Kuala Lumpur, stored as its instant: 23:00 UTC on the 15th. */
const timed: Commitment = { ...commitment, deadline: { kind: 'instant', at: '2026-12-15T23:00:00.000Z' } };

const input = (view: { blocks: unknown[] }, blockId: string) =>
  view.blocks.find((b) => (b as InputBlock).block_id === blockId) as InputBlock;

const values = (entries: Record<string, Record<string, unknown>>): ModalValues =>
  Object.fromEntries(
    Object.entries(entries).map(([block, value]) => [block, { value: { type: 'x', ...value } }]),
  );

describe('modal builders', () => {
  it('the done modal asks for the evidence and remembers the commitment and where it came from', () => {
    const view = doneModal(
      commitment,
      { id: 'C-4', channelId: 'C1', responseUrl: 'https://hooks/x' },
      reading,
    );
    expect(view.callback_id).toBe(CALLBACK_IDS.done);
    expect(decodeMetadata(view.private_metadata)).toEqual({
      id: 'C-4',
      channelId: 'C1',
      responseUrl: 'https://hooks/x',
    });
    expect(input(view, 'note').optional).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('Pilot &lt;!channel&gt; &amp; co');
    expect(JSON.stringify(view.blocks)).not.toContain('<!channel>');
  });

  it('the update modal starts at the current status', () => {
    const view = updateModal(commitment, { id: 'C-4' }, reading);
    expect(input(view, 'status').element).toMatchObject({
      type: 'static_select',
      initial_option: { value: 'at-risk' },
    });
  });

  it('the deadline modal starts at the current deadline and requires a reason', () => {
    const view = deadlineModal(commitment, { id: 'C-4' }, reading);
    expect(input(view, 'due').element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-15' });
    expect(input(view, 'reason').optional).toBeUndefined();
  });

  it('shows a day deadline as people read it, counted in the lead agency’s days', () => {
    const text = JSON.stringify(doneModal(commitment, { id: 'C-4' }, reading).blocks);
    expect(text).toContain('due Tue 15 Dec 2026 (in 20 days)');
  });

  it('starts the date picker of a timed deadline at its day in the lead agency’s zone, not the UTC day', () => {
    const view = deadlineModal(timed, { id: 'C-4' }, reading);
    expect(input(view, 'due').element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-16' });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('due Wed 16 Dec 2026 07:00 Kuala Lumpur time (in 20 days)');
    expect(text).not.toContain('2026-12-15T23');
  });

  it('shows a timed deadline in the lead agency’s zone and, in a field of its own, on the reader’s clock', () => {
    const [summary] = updateModal(timed, { id: 'C-4' }, reading).blocks;
    expect(summary).toMatchObject({
      type: 'section',
      text: { type: 'mrkdwn', text: expect.stringContaining('07:00 Kuala Lumpur time') },
      fields: [
        {
          type: 'mrkdwn',
          text: '🕓 <!date^1797375600^{date_short_pretty} {time}|Tue 15 Dec 2026 23:00 UTC> your time',
        },
      ],
    });
  });

  it('the add modal is prefilled as typed, within the field limits, and lists the agencies', () => {
    const view = addModal(
      {
        title: `Tell <!channel>\n& ${'x'.repeat(300)}`,
        source: 'https://test.slack.com/archives/C1/p1',
        channelId: 'C1',
      },
      [{ code: 'MITI', name: 'Ministry', timeZone: 'Asia/Kuala_Lumpur', channels: [] }],
      {},
    );
    const title = input(view, 'title').element as { initial_value: string; max_length: number };
    expect(title.initial_value.startsWith('Tell <!channel> & x')).toBe(true);
    expect(title.initial_value.length).toBe(title.max_length);
    expect(input(view, 'source').element).toMatchObject({
      initial_value: 'https://test.slack.com/archives/C1/p1',
    });
    expect(input(view, 'lead').element).toMatchObject({ options: [{ value: 'MITI' }] });
    expect(input(view, 'channel').element).toMatchObject({ initial_conversation: 'C1' });
  });

  it('metadata that cannot be read is treated as empty', () => {
    expect(decodeMetadata('not json')).toEqual({});
    expect(decodeMetadata(encodeMetadata({ id: 'C-1', fromHome: true }))).toEqual({
      id: 'C-1',
      fromHome: true,
    });
  });
});

describe('reading submitted modals', () => {
  it('requires a closing note that is not blank', () => {
    expect(readModal(CALLBACK_IDS.done, values({ note: { value: '   ' } }), 'C-4')).toEqual({
      ok: false,
      errors: { note: expect.stringContaining('evidence') },
    });
    expect(readModal(CALLBACK_IDS.done, values({ note: { value: ' MoU signed ' } }), 'C-4')).toEqual({
      ok: true,
      command: { kind: 'done', id: 'C-4', note: 'MoU signed' },
    });
  });

  it('requires a date and a reason to move a deadline', () => {
    const reading = readModal(
      CALLBACK_IDS.deadline,
      values({ due: { selected_date: null }, reason: { value: '' } }),
      'C-4',
    );
    expect(reading.ok === false && Object.keys(reading.errors).sort()).toEqual(['due', 'reason']);
    expect(
      readModal(
        CALLBACK_IDS.deadline,
        values({ due: { selected_date: '2027-01-15' }, reason: { value: 'cabinet' } }),
        'C-4',
      ),
    ).toEqual({ ok: true, command: { kind: 'update', id: 'C-4', dueText: '2027-01-15', reason: 'cabinet' } });
  });

  it('reads a status and note update', () => {
    const reading = readModal(
      CALLBACK_IDS.update,
      values({ status: { selected_option: { value: 'blocked' } }, note: { value: 'vendor late' } }),
      'C-4',
    );
    expect(reading).toEqual({
      ok: true,
      command: { kind: 'update', id: 'C-4', status: 'blocked', note: 'vendor late' },
    });
  });

  it('checks the add form: title, lead agency, area shape and length limits', () => {
    const reading = readModal(
      CALLBACK_IDS.add,
      values({ title: { value: 'x'.repeat(201) }, area: { value: 'two words' } }),
      undefined,
    );
    expect(reading.ok === false && Object.keys(reading.errors).sort()).toEqual(['area', 'lead', 'title']);
  });

  it('builds the add command with the lead first and where to announce it', () => {
    const reading = readModal(
      CALLBACK_IDS.add,
      values({
        title: { value: 'Pilot' },
        lead: { selected_option: { value: 'MITI' } },
        supporting: { selected_options: [{ value: 'MEITY' }, { value: 'MITI' }] },
        person: { selected_user: 'U2' },
        due: { selected_date: '2026-12-15' },
        area: { value: 'Trade' },
        source: { value: 'JS para 4' },
        channel: { selected_conversation: 'C7' },
      }),
      undefined,
    );
    expect(reading).toEqual({
      ok: true,
      announceIn: 'C7',
      command: {
        kind: 'add',
        title: 'Pilot',
        owners: ['MITI', 'MEITY'],
        person: { userId: 'U2' },
        dueText: '2026-12-15',
        area: 'trade',
        source: 'JS para 4',
      },
    });
  });

  it('a submission that lost its commitment id says so instead of guessing', () => {
    expect(readModal(CALLBACK_IDS.done, values({ note: { value: 'x' } }), undefined).ok).toBe(false);
  });

  it('puts an error from the core under the field it is about, and only under a field the modal has', () => {
    const date = new InvalidDateError('2020-01-01', 'past', 'That date has passed.');
    expect(fieldOfError(date, CALLBACK_IDS.deadline)).toBe('due');
    expect(fieldOfError(date, CALLBACK_IDS.done)).toBe('note');
    expect(fieldOfError(new UnknownAgencyError('XX', []), CALLBACK_IDS.add)).toBe('lead');
    expect(fieldOfError(new PermissionDeniedError('no'), CALLBACK_IDS.update)).toBe('note');
  });
});
