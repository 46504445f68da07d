import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { redactUrl } from '../../src/config/redact-url.js';
import { createLog } from '../../src/create-log.js';

function refusalOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('a URL with credentials is shown with all of them hidden', () => {
  it.each([
    ['redis://:p@ss@host:6379/0', 'redis://***@host:6379/0'],
    ['rediss://default:s3cret@cache.example:6380', 'rediss://***@cache.example:6380'],
    ['redis://user:pa:ss/w@host', 'redis://***@host'],
    ['http://user:p/ss@host', 'http://***@host'],
  ])('%s is shown as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('redis://cache.example:6379/2')).toBe('redis://cache.example:6379/2');
  });

  it('quotes no part of a password holding @ or / back in a configuration error', () => {
    const slash = refusalOf({ REDIS_URL: 'http://user:p/ss@host' });
    expect(slash).toContain('REDIS_URL ("http://***@host")');
    expect(slash).not.toMatch(/user|p\/ss/);
    const at = refusalOf({ REDIS_URL: 'http://:p@ss@host' });
    expect(at).not.toMatch(/p@ss|:p/);
  });
});

describe('the log hides secrets that reach it by mistake', () => {
  const linesOf = (write: (log: ReturnType<typeof createLog>) => void): string => {
    const lines: string[] = [];
    write(createLog('info', { write: (line: string) => void lines.push(line) }));
    return lines.join('');
  };

  it('tokens, secrets and passwords, at the top of a line or one level down', () => {
    const line = linesOf((log) =>
      log.info(
        {
          token: 'xoxb-top',
          settings: {
            botToken: 'xoxb-nested',
            signingSecret: 'sig-secret',
            apiUrl: 'https://slack.com/api/',
          },
          teams: { appPassword: 'app-pw' },
          dashboard: { password: 'dash-pw' },
        },
        'started',
      ),
    );
    expect(line).not.toMatch(/xoxb-top|xoxb-nested|sig-secret|app-pw|dash-pw/);
    expect(line).toContain('https://slack.com/api/');
    expect(line).toContain('[redacted]');
  });

  it('authorization headers, on a request and on an HTTP client error', () => {
    const error = Object.assign(new Error('request failed'), {
      original: { config: { headers: { Authorization: 'Bearer xoxb-in-error' } } },
    });
    const line = linesOf((log) => {
      log.warn({ req: { headers: { authorization: 'Basic b3BzOmh1bnRlcjI=' } } }, 'refused');
      log.warn({ err: error }, 'Slack delivery failed');
    });
    expect(line).not.toMatch(/b3BzOmh1bnRlcjI=|xoxb-in-error/);
    expect(line).toContain('request failed');
  });
});
