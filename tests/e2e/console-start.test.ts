import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBin } from '../support/run-bin.js';
import { freePort, spawnRole } from '../support/spawn-role.js';

const lines = (...commands: string[]) => `${commands.join('\n')}\n`;

describe('npm start with no chat credentials', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'followthrough-start-'));

  it('opens the console on a private Redis, answers each line of standard input, and exits 0', async () => {
    const result = await runBin('start.ts', {
      cwd,
      input: lines(
        'agency add MITI "Ministry of Investment, Trade and Industry" tz:Asia/Kuala_Lumpur country:MY',
        '/commit add Semiconductor supply-chain dialogue owner:MITI due:2030-01-15 area:semiconductors',
        'list',
        'done C-1 dialogue launched',
        'show c-1',
        'update C-1 due:2020-01-01',
      ),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('private redis-server');
    expect(result.stdout).toContain('Adapters: console');
    expect(result.stdout).toContain('New commitment C-1, led by MITI');
    expect(result.stdout).toContain('✅ C-1 is done: dialogue launched');
    expect(result.stdout).toMatch(/marked done by console:\S+: dialogue launched/);
    expect(result.stdout).toContain('is done; `reopen C-1` first');
    expect(existsSync(join(cwd, '.data/redis/appendonlydir'))).toBe(true);
    expect(existsSync(join(cwd, '.data/redis/followthrough-redis.json'))).toBe(false);
  });

  it('keeps the data across restarts: the next id follows on', async () => {
    const result = await runBin('start.ts', { cwd, input: lines('add Second item owner:MITI', 'list all') });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('New commitment C-2');
    expect(result.stdout).toContain('Semiconductor supply-chain dialogue');
  });

  it('reads settings from a .env file in the working folder, the environment winning', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'followthrough-env-'));
    writeFileSync(join(folder, '.env'), 'TRACKER_TZ=Mars/Olympus\n');
    const refused = await runBin('start.ts', { cwd: folder });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('TRACKER_TZ ("Mars/Olympus") must be an IANA time zone');
    const overridden = await runBin('start.ts', {
      cwd: folder,
      env: { TRACKER_TZ: 'Asia/Kolkata' },
      input: 'help\n',
    });
    expect(overridden.code).toBe(0);
  });

  it('writes the stocktake report to a file under .data/reports and says where', async () => {
    const result = await runBin('start.ts', {
      cwd,
      input: lines(
        'add Fab incentives owner:MITI area:semiconductors by tomorrow',
        'report area:semiconductors',
      ),
    });
    expect(result.code).toBe(0);
    const path = /Written to (\S+\.html)/.exec(result.stdout)?.[1];
    expect(path).toBe(join(cwd, '.data/reports', path!.split('/').at(-1)!));
    expect(readFileSync(path!, 'utf8')).toContain('Fab incentives');
  });

  it('npm run cli -- report --html writes the page where asked; a bad scope is refused and writes nothing', async () => {
    const file = join(cwd, 'stocktake.html');
    const written = await runBin('cli.ts', { cwd, args: ['report', '--html', file, 'owner:miti'] });
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`Wrote ${file}: Delivery stocktake of MITI`);
    expect(readFileSync(file, 'utf8')).toContain('<h2>MITI <small>');
    const refused = await runBin('cli.ts', {
      cwd,
      args: ['report', '--html', join(cwd, 'x.html'), 'owner:NOPE'],
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('There is no agency NOPE');
    expect(existsSync(join(cwd, 'x.html'))).toBe(false);
  });

  it('keeps the console beside anonymous Teams when commands are piped in, and stops at "exit"', async () => {
    const result = await runBin('start.ts', {
      cwd,
      env: { TEAMS_ANONYMOUS: 'true', PORT: String(await freePort()) },
      input: lines('list all', 'exit', 'add Never added owner:MITI'),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Adapters: Teams, console');
    expect(result.stdout).toMatch(/Listening on http:\/\/localhost:\d+ \(\/api\/messages/);
    expect(result.stdout).toContain('Semiconductor supply-chain dialogue');
    expect(result.stdout).not.toContain('Never added');
  });

  it('serves anonymous Teams without a console when nothing can be typed in (standard input is /dev/null)', async () => {
    const port = await freePort();
    const server = await spawnRole('start.ts', {
      cwd,
      env: { TEAMS_ANONYMOUS: 'true', PORT: String(port) },
      readyLine: /Adapters: Teams;/,
      healthz: `http://127.0.0.1:${port}/healthz`,
      readyTimeoutMs: 25_000,
    });
    try {
      expect(server.output()).not.toContain('console');
      expect(await server.stop('SIGTERM', 10_000)).toMatchObject({ code: 0 });
    } finally {
      await server.kill();
    }
  });

  it('stops reading at "exit", piped or typed', async () => {
    const result = await runBin('start.ts', { cwd, input: lines('exit', 'add Never added owner:MITI') });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Never added');
  });

  it('stops cleanly, with one readable line, when Slack Socket Mode cannot connect', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'followthrough-socket-'));
    const result = await runBin('start.ts', {
      cwd: folder,
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-test',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        PORT: '0',
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Socket Mode could not connect');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(folder, '.data/redis/followthrough-redis.json'))).toBe(false);
  });

  it('stops at start with a message naming a wrong setting', async () => {
    const result = await runBin('start.ts', { cwd, env: { TRACKER_TZ: 'Mars/Olympus' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TRACKER_TZ ("Mars/Olympus") must be an IANA time zone');
  });
});

describe('npm run cli -- import', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'followthrough-import-'));
  const demo = join(REPO_ROOT, 'examples/india-malaysia-csp.yaml');

  it('loads the demo once: importing it twice adds nothing twice', async () => {
    const first = await runBin('cli.ts', { cwd, args: ['import', demo] });
    expect(first.code).toBe(0);
    const added = Number(/(\d+) commitments added/.exec(first.stdout)?.[1]);
    expect(added).toBeGreaterThanOrEqual(15);
    const second = await runBin('cli.ts', { cwd, args: ['import', demo] });
    expect(second.stdout).toContain(`0 commitments added, ${added} already present`);
    const agencies = Number(/(\d+) agencies added/.exec(first.stdout)?.[1]);
    expect(second.stdout).toContain(`0 agencies added, 0 updated, ${agencies} unchanged`);
  });

  it('loads India’s central government holidays from the demo .ics, and a second time changes nothing', async () => {
    const ics = join(REPO_ROOT, 'examples/holidays/india-central-government-2026-2027.ics');
    const first = await runBin('cli.ts', { cwd, args: ['holidays', 'import', ics, 'country:IN'] });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Imported 22 non-working days \(2026–2027\) from india-central-government-2026-2027\.ics for country:IN: 22 added, 0 updated\. Reminders replanned for: .*MEITY/,
    );
    const again = await runBin('cli.ts', {
      cwd,
      args: ['holidays', 'import', ics, 'country:IN', '--replace'],
    });
    expect(again.stdout).toContain('0 added, 0 updated, 0 removed');
    const listed = await runBin('cli.ts', { cwd, args: ['holidays', 'list', 'country:IN'] });
    expect(listed.stdout).toContain(
      '2026-11-08  Diwali (Deepavali)  (imported from india-central-government-2026-2027.ics)',
    );
    const exported = await runBin('cli.ts', { cwd, args: ['export'] });
    expect(exported.stdout).toMatch(/ {2}- country: "IN"\n {4}date: "2026-01-26"\n {4}name: "Republic Day"/);
    const shown = await runBin('start.ts', { cwd, input: lines('agency holidays MEITY') });
    expect(shown.stdout).toContain(
      'the country:IN list, imported from india-central-government-2026-2027.ics',
    );
  }, 90_000);

  it('refuses a holiday list for no one, or that is not iCalendar, loading nothing', async () => {
    const ics = join(REPO_ROOT, 'examples/holidays/india-central-government-2026-2027.ics');
    const nobody = await runBin('cli.ts', { cwd, args: ['holidays', 'import', ics, 'IN'] });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('"IN" does not say whose days these are: write country:IN');
    const notIcs = await runBin('cli.ts', { cwd, args: ['holidays', 'import', demo, 'agency:MEITY'] });
    expect(notIcs.code).toBe(1);
    expect(notIcs.stderr).toContain('was not imported; nothing was loaded');
    expect(notIcs.stderr).toContain('not an iCalendar file');
    const listed = await runBin('cli.ts', { cwd, args: ['holidays', 'list', 'agency:MEITY'] });
    expect(listed.stdout).toBe('No non-working days are loaded for agency:MEITY.\n');
  }, 60_000);

  it('rejects a malformed file with the line and field, loading nothing', async () => {
    const bad = join(cwd, 'bad.yaml');
    writeFileSync(
      bad,
      [
        'agencies:',
        '  - code: NEWAG',
        '    name: New agency',
        '    timeZone: Asia/Kolkata',
        'commitments:',
        '  - ref: ok-1',
        '    title: A fine commitment',
        '    owners: [NEWAG]',
        '  - ref: bad-1',
        '    title: Broken',
        '    owners: [NEWAG]',
        '    due: 2027-02-30',
        '',
      ].join('\n'),
    );
    const result = await runBin('cli.ts', { cwd, args: ['import', bad] });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 12: commitments[1].due');
    const exported = await runBin('cli.ts', { cwd, args: ['export'] });
    expect(exported.stdout).not.toContain('NEWAG');
    expect(exported.stdout).not.toContain('A fine commitment');
  });
});
