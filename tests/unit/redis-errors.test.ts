import { describe, expect, it } from 'vitest';
import { isRedisUnavailable } from '../../src/redis/redis-errors.js';

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('telling a Redis outage from a Redis fault', () => {
  it.each([
    [
      'a command refused while disconnected',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ],
    [
      'a command cut off by a lost connection',
      Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }),
    ],
    ['a command with no answer in time', new Error('Command timed out')],
    ['a closed connection', new Error('Connection is closed.')],
    ['a refused socket', coded('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED')],
    ['a reset socket', coded('read ECONNRESET', 'ECONNRESET')],
    ['an unreachable cluster', new Error('Failed to refresh slots cache.')],
  ])('an outage: %s', (_what, error) => {
    expect(isRedisUnavailable(error)).toBe(true);
  });

  it.each([
    ['a script error', new Error('ERR Error running script (call to f_1): user_script:1: oops')],
    ['a wrong type', new Error('WRONGTYPE Operation against a key holding the wrong kind of value')],
    ['out of memory under noeviction', new Error("OOM command not allowed when used memory > 'maxmemory'.")],
    ['not an error at all', 'ECONNREFUSED'],
  ])('not an outage: %s', (_what, error) => {
    expect(isRedisUnavailable(error)).toBe(false);
  });
});
