import { afterEach, describe, expect, test } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { RateLimiter } from './rate-limit.js';
import { json, send, signedParams, type ParamOverrides } from './test-client.js';

const START = new Date('2025-01-01T01:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(rateLimits?: boolean): Promise<Emulator> {
  emulator = await startEmulator({ now: START, rateLimits });
  return emulator;
}

async function code(target: Emulator, params: ParamOverrides = {}): Promise<unknown> {
  const answer = await send(target.url, signedParams({ now: target.clock.now(), params }));
  expect(answer.status).toBe(200);
  return json(answer);
}

const limited = (message: string): { Code: string; Message: string } => ({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: message });

describe('per-number verification-code limits', () => {
  test('1 per minute, allowed again after 61 s', async () => {
    const target = await start();
    expect(await code(target)).toMatchObject({ Code: 'OK' });
    expect(await code(target)).toMatchObject(limited('触发分钟级流控Permits:1'));
    target.clock.advance(59_000);
    expect(await code(target)).toMatchObject(limited('触发分钟级流控Permits:1'));
    target.clock.advance(2_000);
    expect(await code(target)).toMatchObject({ Code: 'OK' });
    expect(target.messages).toHaveLength(2);
  });

  test('5 per hour', async () => {
    const target = await start();
    for (let sent = 0; sent < 5; sent += 1) {
      expect(await code(target)).toMatchObject({ Code: 'OK' });
      target.clock.advance(61_000);
    }
    expect(await code(target)).toMatchObject(limited('触发小时级流控Permits:5'));
    // The first send leaves the hour window 60 minutes after it was made.
    target.clock.advance(HOUR - 5 * 61_000 + 1_000);
    expect(await code(target)).toMatchObject({ Code: 'OK' });
  });

  test('10 per day', async () => {
    const target = await start();
    for (let hour = 0; hour < 2; hour += 1) {
      for (let sent = 0; sent < 5; sent += 1) {
        expect(await code(target)).toMatchObject({ Code: 'OK' });
        target.clock.advance(2 * MINUTE);
      }
      target.clock.advance(HOUR);
    }
    expect(await code(target)).toMatchObject(limited('触发天级流控Permits:10'));
    target.clock.advance(24 * HOUR);
    expect(await code(target)).toMatchObject({ Code: 'OK' });
    expect(target.messages).toHaveLength(11);
  });

  test('counted per number and per sign name', async () => {
    const target = await start();
    expect(await code(target)).toMatchObject({ Code: 'OK' });
    expect(await code(target, { PhoneNumbers: '13800138001' })).toMatchObject({ Code: 'OK' });
    expect(await code(target, { SignName: "Logto演示 (测试)!*'~" })).toMatchObject({ Code: 'OK' });
    // The same number written with a prefix is the same number.
    expect(await code(target, { PhoneNumbers: '+8613800138000' })).toMatchObject({ Code: 'isv.BUSINESS_LIMIT_CONTROL' });
  });

  test('refused sends do not count', async () => {
    const target = await start();
    expect(await code(target, { TemplateParam: '{"code":1}' })).toMatchObject({ Code: 'isv.INVALID_JSON_PARAM' });
    expect(await code(target)).toMatchObject({ Code: 'OK' });
    expect(await code(target)).toMatchObject({ Code: 'isv.BUSINESS_LIMIT_CONTROL' });
  });

  test('rateLimits: false turns them off for load tests', async () => {
    const target = await start(false);
    for (let sent = 0; sent < 12; sent += 1) expect(await code(target)).toMatchObject({ Code: 'OK' });
    expect(target.messages).toHaveLength(12);
  });

  test('reset() forgets the history', async () => {
    const target = await start();
    await code(target);
    target.reset();
    expect(await code(target)).toMatchObject({ Code: 'OK' });
  });
});

describe('RateLimiter', () => {
  test('lastAt reads the latest counted send, forgotten after the longest window', () => {
    const limiter = new RateLimiter([{ windowMs: 1_000, permits: 5, message: 'five per second' }]);
    expect(limiter.lastAt('k', 0)).toBeUndefined();
    limiter.record('k', 100);
    limiter.record('k', 400);
    expect(limiter.lastAt('k', 500)).toBe(400);
    expect(limiter.lastAt('k', 1_400)).toBeUndefined();
  });

  test('windows slide rather than reset on the hour', () => {
    const limiter = new RateLimiter([{ windowMs: 1_000, permits: 2, message: 'two per second' }]);
    limiter.record('k', 0);
    limiter.record('k', 600);
    expect(limiter.breached('k', 999)?.message).toBe('two per second');
    expect(limiter.breached('k', 1_000)).toBeUndefined();
    expect(limiter.breached('other', 999)).toBeUndefined();
  });
});
