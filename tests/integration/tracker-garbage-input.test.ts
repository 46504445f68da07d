import { beforeEach, describe, expect, it } from 'vitest';
import { TrackerError } from '../../src/errors/tracker-error.js';
import { allCommitments } from '../support/read-store.js';
import { useTestRedis } from '../support/test-redis.js';
import { addAgencies, buildTestTracker, CONSOLE, type TestTracker } from '../support/test-tracker.js';

/** Text that would be stored as something other than it shows, or not as typed: refused, nothing saved. */

const { redis } = useTestRedis();
let t: TestTracker;
let count = 0;

beforeEach(async () => {
  t = buildTestTracker(redis, `{garbage-${process.pid}-${++count}}:`);
  await addAgencies(t.tracker);
});

async function refusal(text: string): Promise<TrackerError> {
  const error = await t.tracker.execute(text, CONSOLE).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TrackerError);
  expect(await allCommitments(t.commitments)).toEqual([]);
  return error as TrackerError;
}

describe('typed commands that are refused with a reason, saving nothing', () => {
  it('a title of zero-width characters only', async () => {
    const error = await refusal('add \u200b\u200c\u200d\u2060\ufeff owner:MITI');
    expect(error.message).toContain('needs a title');
    expect(error.message).toContain('only invisible characters');
  });

  it.each([
    ['a right-to-left override', '\u202e'],
    ['a left-to-right embedding', '\u202a'],
    ['a first-strong isolate', '\u2068'],
    ['a right-to-left mark', '\u200f'],
  ])('%s in a title', async (_name, control) => {
    const error = await refusal(`add Pay the invoice ${control}gpj.exe owner:MITI`);
    expect(error.message).toContain('bidirectional control character');
  });

  it('a lone surrogate in a title', async () => {
    const error = await refusal('add Broken \ud800 character owner:MITI');
    expect(error.message).toContain('broken character');
  });

  it('a quote inside a quoted source, which would move words into the title', async () => {
    const error = await refusal('add Review the MoU source:"x "y" z" owner:MITI');
    expect(error.message).toContain('The quoted value of source: ends before its text does');
    expect(error.message).toContain('single quotes');
  });

  it('a deadline a million years away written after by', async () => {
    const error = await refusal('add Review the MoU by in 1000000 years owner:MITI');
    expect(error.message).toContain('"in 1000000 years" is more than 10 years away');
  });

  it('a bidirectional control in a note, a closing note or a reason', async () => {
    await t.tracker.execute('add Review the MoU owner:MITI', CONSOLE);
    for (const text of ['update C-1 note:"a\u202eb"', 'done C-1 signed \u2067x', 'cancel C-1 \u202dno']) {
      await expect(t.tracker.execute(text, CONSOLE)).rejects.toThrow('bidirectional control character');
    }
    const stored = await t.commitments.get('C-1');
    expect(stored?.status).toBe('open');
    expect(stored?.notes).toEqual([]);
  });
});

describe('the same refusals for forms and buttons', () => {
  const add = { kind: 'add' as const, owners: ['MITI'] };

  it.each([
    ['a zero-width title', { ...add, title: '\u200b\u2060' }, 'only invisible characters'],
    ['a bidi override in a title', { ...add, title: 'Pay \u202eevil' }, 'bidirectional control character'],
    ['a lone surrogate in a source', { ...add, title: 'Fine', source: 'para \udc00' }, 'broken character'],
  ])('%s', async (_name, command, reason) => {
    await expect(t.tracker.run(command, CONSOLE)).rejects.toThrow(reason);
    expect(await allCommitments(t.commitments)).toEqual([]);
  });

  it('a cancel reason of zero-width characters only', async () => {
    await t.tracker.execute('add Review the MoU owner:MITI', CONSOLE);
    await expect(t.tracker.run({ kind: 'cancel', id: 'C-1', reason: '\u200b' }, CONSOLE)).rejects.toThrow(
      'needs a reason',
    );
    expect((await t.commitments.get('C-1'))?.status).toBe('open');
  });
});

describe('what is still accepted', () => {
  it('quotes inside a title, a quoted source followed by a space, and by with a readable date', async () => {
    await t.tracker.execute(
      'add Launch the "Make in India" desk source:"Joint Statement \'Way Forward\', para 4" by 15 Dec owner:MITI',
      CONSOLE,
    );
    const stored = await t.commitments.get('C-1');
    expect(stored?.title).toBe('Launch the "Make in India" desk');
    expect(stored?.source).toBe("Joint Statement 'Way Forward', para 4");
    expect(stored?.deadline).toEqual({ kind: 'date', date: '2026-12-15' });
  });
});
