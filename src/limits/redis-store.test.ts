// The Redis store with no Redis listening (a closed loopback port): it must let sends through,
// counted in memory, within the bound, and say so once a minute without the password. The
// tests against a running Redis are in test/redis-limits.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';

import { closedLoopbackPort } from '../../test/support/ports.js';

import { createRedisStore, describeRedisUrl, failureReasonOf, fallbackWarningIntervalMs } from './redis-store.js';
import type { CounterStore, CountRequest } from './store.js';

const password = 'Redis-Pw-never-logged-42';
const request = (overrides: Partial<CountRequest> = {}): CountRequest => ({
  counter: 'range:60',
  key: '+44740012',
  rule: { limit: 2, windowSeconds: 60 },
  boundMs: 300,
  ...overrides,
});

let opened: CounterStore | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe('the Redis store without a Redis', () => {
  it('counts in memory within the bound, still refusing over the limit, and warns once without the password', async () => {
    const port = await closedLoopbackPort();
    const warn = vi.fn<(line: string) => void>();
    opened = createRedisStore({ url: `redis://:${password}@127.0.0.1:${port}/3`, warn });
    const startedAt = performance.now();
    const outcomes = [await opened.consume(request()), await opened.consume(request()), await opened.consume(request())];
    expect(performance.now() - startedAt).toBeLessThan(1500);
    expect(outcomes).toEqual(['allowed', 'allowed', 'refused']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(
      `connector-aliyun-dysms: the send-limit store redis://127.0.0.1:${port}/3 is unreachable or slow (ECONNREFUSED): this process counts sendLimits in its own memory until Redis answers again.`
    );
  });

  it('warns again once a minute has passed, not before', async () => {
    const port = await closedLoopbackPort();
    const warn = vi.fn<(line: string) => void>();
    let clock = 1_000_000;
    opened = createRedisStore({ url: `redis://127.0.0.1:${port}`, warn, now: () => clock });
    await opened.consume(request());
    clock += fallbackWarningIntervalMs - 1;
    await opened.consume(request({ key: 'other' }));
    expect(warn).toHaveBeenCalledTimes(1);
    clock += 1;
    await opened.consume(request({ key: 'third' }));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('does not wait for Redis with a bound of 0', async () => {
    const port = await closedLoopbackPort();
    opened = createRedisStore({ url: `redis://127.0.0.1:${port}`, warn: () => undefined });
    const startedAt = performance.now();
    expect(await opened.consume(request({ boundMs: 0 }))).toBe('allowed');
    expect(performance.now() - startedAt).toBeLessThan(200);
  });
});

describe('describeRedisUrl', () => {
  it.each([
    [`redis://:${password}@cache.internal:6380/2`, 'redis://cache.internal:6380/2'],
    [`rediss://default:${password}@cache.example.com`, 'rediss://cache.example.com:6379/0'],
    ['redis://127.0.0.1', 'redis://127.0.0.1:6379/0'],
  ])('shows %s as %s', (url, shown) => {
    expect(describeRedisUrl(url)).toBe(shown);
  });
});

describe('failureReasonOf', () => {
  const withCode = (code: unknown) => Object.assign(new Error(`connect ${String(code)} ${password}`), { code });
  const reply = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

  it.each([
    [withCode('ECONNREFUSED'), 'ECONNREFUSED'],
    [withCode('ETIMEDOUT'), 'ETIMEDOUT'],
    [withCode(`x${password}`), 'not connected'],
    [reply(`WRONGPASS invalid username-password pair or user is disabled. ${password}`), 'WRONGPASS'],
    [reply('NOAUTH Authentication required.'), 'NOAUTH'],
    [new Error(`WRONGPASS ${password}`), 'not connected'],
    [new Error('Command timed out'), 'command timed out'],
    [new Error(`Redis connection is not ready ${password}`), 'not connected'],
    ['a string', 'not connected'],
  ])('names %o as %s, never quoting a message', (error, reason) => {
    expect(failureReasonOf(error)).toBe(reason);
  });
});
