import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateRedis, startPrivateRedis } from '../../src/redis/private-redis.js';
import { runBin } from '../support/run-bin.js';

describe('safe defaults at start', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'followthrough-defaults-'));
  // Production never starts a private redis-server: it is given one, as an operator would.
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('refuses to start in production without TRACKER_ADMINS, saying what to set', async () => {
    const result = await runBin('start.ts', { cwd, env: { NODE_ENV: 'production', REDIS_URL: redis.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TRACKER_ADMINS is required with NODE_ENV=production');
    expect(result.stderr).toContain('TRACKER_ADMINS=* for an open pilot');
  });

  it('refuses to start in production without REDIS_URL, rather than start a private redis-server', async () => {
    const result = await runBin('start.ts', { cwd, env: { NODE_ENV: 'prod', TRACKER_ADMINS: '*' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REDIS_URL is needed with NODE_ENV=prod');
  });

  it('refuses a bare admin id, saying how to write it', async () => {
    const result = await runBin('start.ts', { cwd, env: { TRACKER_ADMINS: 'UADMIN' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('write "UADMIN" as slack:UADMIN');
  });

  it('refuses anonymous Teams when NODE_ENV is anything but unset, development or test', async () => {
    const result = await runBin('start.ts', {
      cwd,
      env: { TEAMS_ANONYMOUS: 'true', NODE_ENV: 'prod', TRACKER_ADMINS: '*', REDIS_URL: redis.url },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TEAMS_ANONYMOUS');
    expect(result.stderr).toContain('NODE_ENV=prod');
  });

  it('starts an explicit open pilot in production, with a warning', async () => {
    const result = await runBin('start.ts', {
      cwd,
      env: { NODE_ENV: 'production', TRACKER_ADMINS: '*', REDIS_URL: redis.url },
      input: 'help\n',
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('TRACKER_ADMINS=*: everyone may run agency and channel commands');
    expect(result.stderr).toContain('read every restricted one in their private answers');
  });
});
