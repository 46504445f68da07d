import { beforeAll, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/errors/permission-denied-error.js';
import { UnknownCommitmentError } from '../../src/errors/unknown-commitment-error.js';
import type { CommandContext, CommandResult } from '../../src/tracker/command-context.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker, CONSOLE, type TestTracker } from '../support/test-tracker.js';

/**
 * Who sees a restricted commitment, on every read path, as the tracker answers each platform: Slack
 * (private answers), Teams threads (read by the whole conversation) and Teams personal chats, in
 * channels linked to an owning agency and in others, for members, owners, administrators and anyone.
 */

const { redis, prefix } = useTestRedis();
let t: TestTracker;

const SLACK_MINDEF = 'C-MINDEF';
const SLACK_MITI = 'C-MITI';
const TEAMS_MINDEF = '19:mindef@thread.tacv2';
const TEAMS_MITI = '19:miti@thread.tacv2';

/** The restricted commitments, and an open one of the same agency that everyone sees. */
const PATROL = 'Maritime patrol protocol'; // MINDEF, owner slack:UOWN, overdue
const DRILL = 'Cyber defence drill'; // MINDEF, owner teams:aad-owner, due this week
const EXERCISE = 'Counter terrorism exercise'; // MINDEF and MEITY, done
const PORT_CALL = 'Naval port call'; // MINDEF, open to everyone, overdue
const RESTRICTED = [PATROL, DRILL, EXERCISE] as const;
type Restricted = (typeof RESTRICTED)[number];
const ids = new Map<string, string>();

const slack = (userId: string, channel?: string): CommandContext => ({
  actor: { platform: 'slack', userId },
  ...(channel ? { channel: { platform: 'slack', id: channel } } : {}),
});
const teamsThread = (userId: string, channel: string): CommandContext => ({
  actor: { platform: 'teams', userId },
  channel: { platform: 'teams', id: channel },
  sharedAnswer: true,
});
const teamsPersonal = (userId: string, unverifiedActor = false): CommandContext => ({
  actor: { platform: 'teams', userId },
  channel: { platform: 'teams', id: `a:personal-${userId}` },
  ...(unverifiedActor ? { unverifiedActor } : {}),
});

interface Reader {
  who: string;
  ctx: CommandContext;
  /** The restricted commitments it sees. */
  sees: readonly Restricted[];
  /** It sees every restricted commitment of MINDEF: MINDEF's digest and figures include them. */
  seesAllOfMindef: boolean;
  /** Its channel is linked to MINDEF: a report made there, shared there, includes them. */
  memberChannel: boolean;
  /** An administrator's private answer, or the console. */
  seesEverything?: true;
}

const READERS: Reader[] = [
  {
    who: 'Slack, anyone in a channel linked to MINDEF',
    ctx: slack('UANY', SLACK_MINDEF),
    sees: RESTRICTED,
    seesAllOfMindef: true,
    memberChannel: true,
  },
  {
    who: 'Slack, anyone in a channel linked to another agency',
    ctx: slack('UANY', SLACK_MITI),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: 'Slack, anyone in a direct message',
    ctx: slack('UANY', 'D-UANY'),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: "Slack, the patrol's owner in a channel linked to another agency",
    ctx: slack('UOWN', SLACK_MITI),
    sees: [PATROL],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: 'Slack, an administrator in a channel linked to another agency',
    ctx: slack('UADMIN', SLACK_MITI),
    sees: RESTRICTED,
    seesAllOfMindef: true,
    memberChannel: false,
    seesEverything: true,
  },
  {
    who: 'Slack, anyone in a channel linked to MEITY, co-owner of the exercise',
    ctx: slack('UANY', 'C-MEITY'),
    sees: [EXERCISE],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: 'Teams, anyone in a thread of a channel linked to MINDEF',
    ctx: teamsThread('aad-any', TEAMS_MINDEF),
    sees: RESTRICTED,
    seesAllOfMindef: true,
    memberChannel: true,
  },
  {
    who: 'Teams, anyone in a thread of a channel linked to another agency',
    ctx: teamsThread('aad-any', TEAMS_MITI),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: "Teams, the drill's owner in a thread of another agency's channel (everyone there reads it)",
    ctx: teamsThread('aad-owner', TEAMS_MITI),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: "Teams, an administrator in a thread of another agency's channel (everyone there reads it)",
    ctx: teamsThread('aad-admin', TEAMS_MITI),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: "Teams, the drill's owner in a personal chat",
    ctx: teamsPersonal('aad-owner'),
    sees: [DRILL],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: 'Teams, an administrator in a personal chat',
    ctx: teamsPersonal('aad-admin'),
    sees: RESTRICTED,
    seesAllOfMindef: true,
    memberChannel: false,
    seesEverything: true,
  },
  {
    who: 'Teams, anyone in a personal chat',
    ctx: teamsPersonal('aad-any'),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: "a Direct Line client writing the drill owner's id (not vouched for by Teams)",
    ctx: teamsPersonal('aad-owner', true),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: "a Direct Line client writing an administrator's id (not vouched for by Teams)",
    ctx: teamsPersonal('aad-admin', true),
    sees: [],
    seesAllOfMindef: false,
    memberChannel: false,
  },
  {
    who: 'the console',
    ctx: CONSOLE,
    sees: RESTRICTED,
    seesAllOfMindef: true,
    memberChannel: true,
    seesEverything: true,
  },
];

/** Each list and what it would show of the commitments above to someone who sees them all. */
const LISTS: [command: string, shows: readonly string[]][] = [
  ['list owner:MINDEF', [PATROL, DRILL, PORT_CALL]],
  ['list overdue', [PATROL, PORT_CALL]],
  ['list due:week', [DRILL]],
  ['list area:defence', [PATROL, DRILL, PORT_CALL]],
  ['list status:open', [PATROL, DRILL, PORT_CALL]],
  ['list status:done', [EXERCISE]],
  ['list all', [PATROL, DRILL, EXERCISE, PORT_CALL]],
];

const textOf = (result: CommandResult) =>
  JSON.stringify([result.reply, ...(result.thread ?? []), result.file?.content ?? '']);

async function refusal(text: string, ctx: CommandContext): Promise<Error> {
  const error = await t.tracker.execute(text, ctx).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  expect(error).toBeDefined();
  return error!;
}

beforeAll(async () => {
  t = buildTestTracker(redis, `${prefix}vis:`, {
    now: '2026-11-02T02:00:00Z',
    admins: ['slack:UADMIN', 'teams:aad-admin'],
  });
  const run = (text: string, ctx: CommandContext = CONSOLE) => t.tracker.execute(text, ctx);
  await run('agency add MINDEF "Ministry of Defence" tz:Asia/Kuala_Lumpur visibility:restricted');
  await run('agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur');
  await run('agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata');
  for (const [code, channel] of [
    ['MINDEF', slack('UADMIN', SLACK_MINDEF)],
    ['MITI', slack('UADMIN', SLACK_MITI)],
    ['MEITY', slack('UADMIN', 'C-MEITY')],
    [
      'MINDEF',
      { actor: { platform: 'teams', userId: 'aad-admin' }, channel: { platform: 'teams', id: TEAMS_MINDEF } },
    ],
    [
      'MITI',
      { actor: { platform: 'teams', userId: 'aad-admin' }, channel: { platform: 'teams', id: TEAMS_MITI } },
    ],
  ] as [string, CommandContext][]) {
    await run(`channel link ${code}`, channel);
  }
  const add = async (title: string, rest: string) => {
    const result = await run(`add ${title} ${rest}`, slack('UADMIN', SLACK_MINDEF));
    ids.set(title, result.commitment!.id);
  };
  await add(PATROL, 'owner:MINDEF <@UOWN> due:2026-11-20 area:defence');
  await add(DRILL, 'owner:MINDEF due:2026-11-28 area:defence');
  await add(EXERCISE, 'owner:MINDEF,MEITY area:defence');
  await add(PORT_CALL, 'owner:MINDEF due:2026-11-20 area:defence visibility:open');
  // The drill's owner is a Teams person; a typed @mention gives the platform of the one who typed it.
  const drill = (await t.commitments.get(ids.get(DRILL)!))!;
  await t.commitments.save(
    drill,
    { ...drill, person: { platform: 'teams', userId: 'aad-owner' } },
    { at: drill.createdAt, by: 'console:operator', type: 'updated', changes: {} },
  );
  await run(`done ${ids.get(EXERCISE)} held`);
  // Thursday 25 Nov 2026 in Kuala Lumpur: the patrol and the port call are overdue, the drill due Saturday.
  t.clock.set('2026-11-25T02:00:00Z');
});

describe('restricted by default, and by choice', () => {
  it("takes the lead agency's default, and visibility: over it", async () => {
    expect((await t.commitments.get(ids.get(PATROL)!))?.visibility).toBe('restricted');
    expect((await t.commitments.get(ids.get(PORT_CALL)!))?.visibility).toBe('open');
  });
});

describe.each(READERS)('$who', (reader) => {
  const seen = (title: string) =>
    !(RESTRICTED as readonly string[]).includes(title) || reader.sees.includes(title as Restricted);

  it.each(LISTS)('%s shows exactly what it may see, and counts nothing else', async (command, shows) => {
    const result = await t.tracker.execute(command, reader.ctx);
    const text = textOf(result);
    for (const title of shows) expect(text.includes(title), title).toBe(seen(title));
    const expected = shows.filter(seen).length;
    if (expected === 0) expect(result.reply.text).not.toMatch(/\d+ commitments?$/);
    else expect(result.reply.text).toMatch(new RegExp(`: ${expected} commitments?$`));
  });

  it.each(RESTRICTED)('show of %s: the commitment, or the answer to an id never given', async (title) => {
    const id = ids.get(title)!;
    if (seen(title)) {
      expect(textOf(await t.tracker.execute(`show ${id}`, reader.ctx))).toContain(title);
      return;
    }
    const hidden = await refusal(`show ${id}`, reader.ctx);
    const never = await refusal('show C-999', reader.ctx);
    expect(hidden).toBeInstanceOf(UnknownCommitmentError);
    expect(hidden.message).toBe(never.message.replace('C-999', id));
  });

  it.each([
    'update {id} note:"seen"',
    'update {id} visibility:open',
    'done {id} finished',
    'cancel {id} not needed',
    'snooze {id} 1d',
    'reopen {id}',
  ])(
    '%s on a restricted commitment it may not see: the answer to an id never given, nothing changed',
    async (template) => {
      const hiddenTitle = RESTRICTED.find((title) => !seen(title));
      if (!hiddenTitle) {
        // Whoever sees them all here may also change them: a member channel, an administrator, the console.
        expect(await t.tracker.commitmentToChange(ids.get(PATROL)!, reader.ctx)).toMatchObject({
          title: PATROL,
        });
        return;
      }
      const id = ids.get(hiddenTitle)!;
      const before = await t.commitments.get(id);
      const hidden = await refusal(template.replace('{id}', id), reader.ctx);
      const never = await refusal(template.replace('{id}', 'C-999'), reader.ctx);
      expect(hidden).toBeInstanceOf(UnknownCommitmentError);
      expect(hidden.message).toBe(never.message.replace('C-999', id));
      expect(await t.commitments.get(id)).toEqual(before);
      await expect(t.tracker.commitmentToChange(id, reader.ctx)).rejects.toBeInstanceOf(
        UnknownCommitmentError,
      );
    },
  );

  it("digest owner:MINDEF counts and lists MINDEF's restricted commitments only where all of them may be seen", async () => {
    const result = await t.tracker.execute('digest owner:MINDEF', reader.ctx);
    const text = textOf(result);
    for (const title of [PATROL, DRILL]) expect(text.includes(title), title).toBe(reader.seesAllOfMindef);
    expect(text).toContain(PORT_CALL);
    expect(result.reply.text).toContain(reader.seesAllOfMindef ? '3 open' : '1 open');
  });

  it('the scoreboard counts restricted commitments only for a reader who sees everything', async () => {
    const result = await t.tracker.execute('digest', { ...reader.ctx, channel: undefined });
    const mindef = JSON.stringify(result.reply).match(/MINDEF[^·]*·[^·]*·[^·]*· (\d+) open/);
    expect(Number(mindef?.[1])).toBe(reader.seesEverything ? 3 : 1);
  });

  it("report owner:MINDEF holds MINDEF's restricted commitments only when made in MINDEF's channel (it is shared there)", async () => {
    const result = await t.tracker.execute('report owner:MINDEF', reader.ctx);
    const html = result.file!.content;
    for (const title of [PATROL, DRILL]) expect(html.includes(title), title).toBe(reader.memberChannel);
    expect(html).toContain(PORT_CALL);
  });
});

describe('adding a restricted commitment', () => {
  it('in a Teams thread of a channel not linked to its agencies is refused: everyone there would read it', async () => {
    const before = await t.commitments.pageIds({ kind: 'all' }, { offset: 0, limit: 1 }, { all: true });
    const error = await refusal(
      'add Submarine rescue drill owner:MINDEF',
      teamsThread('aad-any', TEAMS_MITI),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toContain('MINDEF keeps its commitments restricted unless you add visibility:open');
    expect(await t.commitments.pageIds({ kind: 'all' }, { offset: 0, limit: 1 }, { all: true })).toEqual(
      before,
    );
  });

  it('in a Slack channel not linked to its agencies is not announced there, and the author is told who will see it', async () => {
    const result = await t.tracker.execute(
      'add Submarine rescue drill owner:MINDEF',
      slack('UANY', SLACK_MITI),
    );
    expect(result.notForThisChannel).toBe(true);
    expect(JSON.stringify(result.reply)).toContain('You will not see it here once this answer is gone.');
    const inMindef = await t.tracker.execute('add Mine clearance owner:MINDEF', slack('UANY', SLACK_MINDEF));
    expect(inMindef.notForThisChannel).toBeUndefined();
    expect(inMindef.announcement?.text).toContain('Mine clearance');
  });

  it('in a Teams thread of its agency, or as open, is announced there', async () => {
    const member = await t.tracker.execute(
      'add Coastal radar owner:MINDEF',
      teamsThread('aad-any', TEAMS_MINDEF),
    );
    expect(member.notForThisChannel).toBeUndefined();
    const open = await t.tracker.execute(
      'add Navy band visit owner:MINDEF visibility:open',
      teamsThread('aad-any', TEAMS_MITI),
    );
    expect(open.commitment?.visibility).toBe('open');
  });
});

describe('making a commitment restricted, and open again', () => {
  it('takes it out of every view of a channel not linked to its agencies, and puts it back', async () => {
    const added = await t.tracker.execute(
      'add Defence procurement review owner:MINDEF visibility:open',
      slack('UANY', SLACK_MINDEF),
    );
    const id = added.commitment!.id;
    const outsider = slack('UANY', SLACK_MITI);
    expect(textOf(await t.tracker.execute('list all', outsider))).toContain('Defence procurement review');
    await t.tracker.execute(`update ${id} visibility:restricted`, slack('UANY', SLACK_MINDEF));
    expect(textOf(await t.tracker.execute('list all', outsider))).not.toContain('Defence procurement review');
    await expect(t.tracker.execute(`show ${id}`, outsider)).rejects.toBeInstanceOf(UnknownCommitmentError);
    const history = textOf(await t.tracker.execute(`show ${id}`, slack('UANY', SLACK_MINDEF)));
    expect(history).toContain('made restricted');
    expect(history).toContain('🔒 restricted');
    await t.tracker.execute(`update ${id} visibility:open`, slack('UANY', SLACK_MINDEF));
    expect(textOf(await t.tracker.execute(`show ${id}`, outsider))).toContain('made open to everyone');
  });
});

describe('the App Home', () => {
  it("shows a person their agencies' restricted commitments and their own, nothing else", async () => {
    const member = JSON.stringify(await t.tracker.overview(slack('UANY'), ['MINDEF']));
    expect(member).toContain(PATROL);
    expect(member).toContain(DRILL);
    const outsider = JSON.stringify(await t.tracker.overview(slack('UANY'), ['MITI']));
    expect(outsider).not.toContain(PATROL);
    const owner = JSON.stringify(await t.tracker.overview(slack('UOWN'), ['MITI']));
    expect(owner).toContain(PATROL);
    expect(owner).not.toContain(DRILL);
  });
});
