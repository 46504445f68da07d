import { beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/errors/permission-denied-error.js';
import { useTestRedis } from '../support/test-redis.js';
import { buildTestTracker, slackUser, type TestTracker } from '../support/test-tracker.js';

const { redis } = useTestRedis();
let t: TestTracker;
let count = 0;

const ADMIN = slackUser('UADMIN', 'C-ADMIN');

beforeEach(async () => {
  t = buildTestTracker(redis, `{perm-${process.pid}-${++count}}:`, {
    admins: ['slack:UADMIN', 'teams:aad-admin'],
  });
  await t.tracker.execute(
    'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur',
    ADMIN,
  );
  await t.tracker.execute('agency add MEITY "Ministry of Electronics and IT" tz:Asia/Kolkata', ADMIN);
  await t.tracker.execute('channel link MITI', slackUser('UADMIN', 'C-MITI'));
  await t.tracker.execute(
    'add Trade review owner:MITI <@UOWNER> due:2027-02-01',
    slackUser('UANY', 'C-RANDOM'),
  );
});

describe('who may do what when TRACKER_ADMINS is set', () => {
  it('lets only admins add agencies and link channels', async () => {
    await expect(
      t.tracker.execute('agency add DPIIT "DPIIT" tz:Asia/Kolkata', slackUser('UANY', 'C-MITI')),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(t.tracker.execute('channel link MEITY', slackUser('UANY', 'C-X'))).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    expect((await t.agencies.list()).map((a) => a.code)).toEqual(['MEITY', 'MITI']);
    expect((await t.agencies.get('MEITY'))?.channels).toEqual([]);
  });

  it('lets anyone add and read', async () => {
    const result = await t.tracker.execute('list', slackUser('UANY', 'C-RANDOM'));
    expect(JSON.stringify(result.reply)).toContain('Trade review');
  });

  it('refuses a change from someone who is neither owner, nor in a linked channel, nor admin', async () => {
    await expect(t.tracker.execute('done C-1', slackUser('UANY', 'C-RANDOM'))).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    expect((await t.commitments.get('C-1'))?.status).toBe('open');
  });

  it.each([
    ['the owner person', slackUser('UOWNER', 'C-RANDOM')],
    ['anyone in a channel linked to an owning agency', slackUser('UANY', 'C-MITI')],
    ['an admin', slackUser('UADMIN', 'C-RANDOM')],
  ])('lets %s close it', async (_who, ctx) => {
    await t.tracker.execute('done C-1 delivered', ctx);
    expect((await t.commitments.get('C-1'))?.status).toBe('done');
  });

  it('does not take the owner on one platform for a namesake on another', async () => {
    await expect(
      t.tracker.execute('done C-1', { actor: { platform: 'teams', userId: 'UOWNER' } }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('does not take an admin id on one platform for the same id on another', async () => {
    await expect(
      t.tracker.execute('agency add DPIIT "DPIIT" tz:Asia/Kolkata', {
        actor: { platform: 'teams', userId: 'UADMIN' },
      }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await t.agencies.get('DPIIT')).toBeUndefined();
  });

  it('never takes an actor the platform did not vouch for as an admin, even with a listed id', async () => {
    const spoofed = { actor: { platform: 'teams' as const, userId: 'aad-admin' }, unverifiedActor: true };
    await expect(
      t.tracker.execute('agency add DPIIT "DPIIT" tz:Asia/Kolkata', spoofed),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    await t.tracker.execute('agency add DPIIT "DPIIT" tz:Asia/Kolkata', {
      actor: { platform: 'teams', userId: 'aad-admin' },
    });
    expect((await t.agencies.get('DPIIT'))?.name).toBe('DPIIT');
  });
});

describe('who may do what when TRACKER_ADMINS is *', () => {
  it('lets everyone administer, an unvouched-for actor too', async () => {
    const open = buildTestTracker(redis, `{perm-open-${process.pid}-${++count}}:`, { admins: ['*'] });
    await open.tracker.execute('agency add DPIIT "DPIIT" tz:Asia/Kolkata', {
      actor: { platform: 'teams', userId: 'anyone' },
      unverifiedActor: true,
    });
    expect((await open.agencies.get('DPIIT'))?.code).toBe('DPIIT');
  });
});
