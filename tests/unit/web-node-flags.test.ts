import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_NODE_ARGS } from '../../bench/rows/slash-http.js';
import { REPO_ROOT } from '../support/run-bin.js';
import { SystemdUnit } from '../support/systemd-unit.js';

/** Node's flags on a command line: the words starting with `--` before the script. */
function nodeFlags(commandLine: string, script: string): string[] {
  const words = commandLine.split(/\s+/);
  const at = words.findIndex((word) => word.endsWith(script));
  expect(at, `${script} in "${commandLine}"`).toBeGreaterThan(0);
  return words.slice(0, at).filter((word) => word.startsWith('--'));
}

describe('the web role’s Node flags', () => {
  it('are the same in the systemd unit, in npm run web and in the benchmark that measures it', () => {
    const unit = SystemdUnit.read(`${REPO_ROOT}deploy/followthrough-web.service`);
    const scripts = (
      JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const npmWeb = scripts.web!.split('&&').at(-1)!;
    expect(WEB_NODE_ARGS.length).toBeGreaterThan(0);
    expect(nodeFlags(unit.get('Service', 'ExecStart')!, 'dist/bin/web.js')).toEqual(WEB_NODE_ARGS);
    expect(nodeFlags(npmWeb, 'bin/web.ts')).toEqual(WEB_NODE_ARGS);
  });
});
