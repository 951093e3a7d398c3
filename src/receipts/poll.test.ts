import { describe, expect, it } from 'vitest';

import { pollReceipt, type PollOptions } from './poll.js';
import type { Lookup } from '../aliyun/dysms/receipt-query.js';

/** A fake clock and a scripted lookup: each answer in turn, the last one repeated. */
const harness = (answers: Array<Lookup | ((date: string) => Lookup)>, lookupMs = 0, dates = ['20250301']) => {
  let now = 0;
  const asked: Array<{ date: string; at: number; timeoutMs: number }> = [];
  const sleeps: number[] = [];
  const options: PollOptions = {
    lookUp: async (date, timeoutMs) => {
      asked.push({ date, at: now, timeoutMs });
      now += Math.min(lookupMs, timeoutMs);
      const answer = answers[Math.min(asked.length - 1, answers.length - 1)] ?? { state: 'pending' };
      return Promise.resolve(typeof answer === 'function' ? answer(date) : answer);
    },
    sendDates: () => dates,
    budgetMs: 15_000,
    intervalMs: 1000,
    elapsed: () => now,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
      now += milliseconds;
      return Promise.resolve();
    },
  };
  return { options, asked, sleeps, now: () => now };
};

describe('pollReceipt', () => {
  it('asks about once a second until the receipt is delivered', async () => {
    const { options, asked, sleeps } = harness([{ state: 'not-found' }, { state: 'pending' }, { state: 'delivered', code: 'DELIVRD', receivedAt: '2025-03-01 12:00:02' }]);
    expect(await pollReceipt(options)).toEqual({ state: 'delivered', code: 'DELIVRD', receivedAt: '2025-03-01 12:00:02', lookups: 3 });
    expect(asked.map(({ at }) => at)).toEqual([0, 1000, 2000]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('stops at a failed receipt with the carrier’s code', async () => {
    const { options } = harness([{ state: 'pending' }, { state: 'failed', code: 'MK:0001', receivedAt: undefined }]);
    expect(await pollReceipt(options)).toEqual({ state: 'failed', code: 'MK:0001', receivedAt: undefined, lookups: 2 });
  });

  it('gives up as pending within the budget when no receipt comes, its last lookup near the end', async () => {
    const { options, asked, now } = harness([{ state: 'pending' }]);
    expect(await pollReceipt(options)).toEqual({ state: 'pending', lookups: 16, problem: undefined });
    expect(now()).toBeLessThanOrEqual(15_000);
    expect(asked.at(-1)?.at).toBeGreaterThanOrEqual(14_000);
    for (const { at, timeoutMs } of asked) {
      expect(at + timeoutMs).toBeLessThanOrEqual(15_000);
    }
  });

  it('keeps slow lookups within the budget', async () => {
    const { options, asked, now } = harness([{ state: 'pending' }], 4000);
    expect(await pollReceipt(options)).toMatchObject({ state: 'pending' });
    expect(now()).toBeLessThanOrEqual(15_000);
    expect(asked.length).toBe(4);
  });

  it('asks nothing when the budget is already spent', async () => {
    const { options, asked } = harness([{ state: 'delivered', code: 'DELIVRD', receivedAt: undefined }]);
    expect(await pollReceipt({ ...options, budgetMs: 150 })).toEqual({ state: 'pending', lookups: 0, problem: undefined });
    expect(asked).toEqual([]);
  });

  it('ends at once, without waiting, when the RAM user may not query receipts', async () => {
    const { options, sleeps } = harness([{ state: 'denied' }]);
    expect(await pollReceipt(options)).toEqual({ state: 'denied', lookups: 1 });
    expect(sleeps).toEqual([]);
  });

  it('around midnight asks both dates, in order, and finds the message under the second', async () => {
    const { options, asked } = harness(
      [(date) => (date === '20250302' ? { state: 'delivered', code: 'DELIVRD', receivedAt: undefined } : { state: 'not-found' })],
      0,
      ['20250301', '20250302']
    );
    expect(await pollReceipt(options)).toMatchObject({ state: 'delivered', lookups: 2 });
    expect(asked.map(({ date }) => date)).toEqual(['20250301', '20250302']);
  });

  it('does not ask the second date once the first holds the message', async () => {
    const { options, asked } = harness(
      [{ state: 'pending' }, { state: 'failed', code: 'IB:0008', receivedAt: undefined }],
      0,
      ['20250301', '20250302']
    );
    expect(await pollReceipt(options)).toMatchObject({ state: 'failed', code: 'IB:0008' });
    expect(asked.map(({ date }) => date)).toEqual(['20250301', '20250301']);
  });

  it('keeps asking after a failed lookup, and reports the problem only if it was the last', async () => {
    const unavailable: Lookup = { state: 'unavailable', detail: 'Aliyun did not answer in time.' };
    const recovered = harness([unavailable, { state: 'delivered', code: 'DELIVRD', receivedAt: undefined }]);
    expect(await pollReceipt(recovered.options)).toMatchObject({ state: 'delivered', lookups: 2 });
    const down = harness([unavailable]);
    expect(await pollReceipt(down.options)).toMatchObject({ state: 'pending', problem: 'Aliyun did not answer in time.' });
    const cleared = harness([unavailable, { state: 'pending' }]);
    expect(await pollReceipt(cleared.options)).toMatchObject({ state: 'pending', problem: undefined });
  });
});
