import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';

import { createMemoryStore, outcomeOf } from './memory-store.js';
import type { CountRequest } from './store.js';

const request = (overrides: Partial<CountRequest> = {}): CountRequest => ({
  counter: 'ip:60',
  key: '203.0.113.9',
  rule: { limit: 3, windowSeconds: 60 },
  boundMs: 100,
  ...overrides,
});

const consumeTimes = async (store: ReturnType<typeof createMemoryStore>, times: number, count: CountRequest = request()) => {
  const outcomes: string[] = [];
  for (let index = 0; index < times; index += 1) {
    outcomes.push(await store.consume(count));
  }
  return outcomes;
};

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-06T12:00:00Z') });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the memory store', () => {
  it('allows exactly limit sends in a window and refuses the next', async () => {
    const store = createMemoryStore();
    expect(await consumeTimes(store, 4)).toEqual(['allowed', 'allowed', 'allowed', 'refused']);
  });

  it('still refuses one millisecond before the window ends, and allows again when it has ended', async () => {
    const store = createMemoryStore();
    await consumeTimes(store, 3);
    vi.advanceTimersByTime(59_999);
    expect(await store.consume(request())).toBe('refused');
    vi.advanceTimersByTime(1);
    expect(await consumeTimes(store, 4)).toEqual(['allowed', 'allowed', 'allowed', 'refused']);
  });

  it('starts the window at the first send, not at each send: a fixed window', async () => {
    const store = createMemoryStore();
    await store.consume(request());
    vi.advanceTimersByTime(50_000);
    expect(await consumeTimes(store, 3)).toEqual(['allowed', 'allowed', 'refused']);
    vi.advanceTimersByTime(10_000);
    expect(await store.consume(request())).toBe('allowed');
  });

  it('counts keys apart, and counters apart', async () => {
    const store = createMemoryStore();
    await consumeTimes(store, 3);
    expect(await store.consume(request({ key: '203.0.113.10' }))).toBe('allowed');
    expect(await store.consume(request({ counter: 'range:60' }))).toBe('allowed');
    expect(await store.consume(request())).toBe('refused');
  });

  it('holds a changed limit as a new counter: raising it lets sends through at once', async () => {
    const store = createMemoryStore();
    await consumeTimes(store, 4);
    expect(await store.consume(request({ rule: { limit: 5, windowSeconds: 60 } }))).toBe('allowed');
  });

  it('keeps a limit of 1 to one send per window', async () => {
    const store = createMemoryStore();
    expect(await consumeTimes(store, 2, request({ rule: { limit: 1, windowSeconds: 1 } }))).toEqual(['allowed', 'refused']);
    vi.advanceTimersByTime(1000);
    expect(await store.consume(request({ rule: { limit: 1, windowSeconds: 1 } }))).toBe('allowed');
  });

  it('forgets everything on close', async () => {
    const store = createMemoryStore();
    await consumeTimes(store, 4);
    await store.close();
    expect(await store.consume(request())).toBe('allowed');
  });
});

describe('outcomeOf', () => {
  it('passes a failure of the store on, as a thrown error, not as a refusal', async () => {
    await expect(outcomeOf(Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    // rate-limiter-flexible rejects with its plain result object when a key is over its limit.
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
    await expect(outcomeOf(limiter.consume('key'))).resolves.toBe('allowed');
    await expect(outcomeOf(limiter.consume('key'))).resolves.toBe('refused');
  });
});
