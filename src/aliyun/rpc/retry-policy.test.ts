import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { backoffMs, decideRetry, maxRetries, minimumRemainingMs } from './retry-policy.js';

const ample = 60_000;

describe('decideRetry', () => {
  it('never retries what Aliyun may have processed, however much time is left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: maxRetries }),
        fc.integer({ min: 0, max: 10 * ample }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retriesDone, remainingMs, random) => {
          expect(decideRetry({ neverProcessed: false, retriesDone, remainingMs, random })).toEqual({ retry: false });
        }
      )
    );
  });

  it('retries what was never processed, after its backoff', () => {
    expect(decideRetry({ neverProcessed: true, retriesDone: 0, remainingMs: ample, random: 0 })).toEqual({
      retry: true,
      delayMs: 100,
    });
    expect(decideRetry({ neverProcessed: true, retriesDone: 1, remainingMs: ample, random: 0.5 })).toEqual({
      retry: true,
      delayMs: 300,
    });
  });

  it('allows exactly two retries', () => {
    expect(maxRetries).toBe(2);
    const decisions = [0, 1, 2, 3].map(
      (retriesDone) => decideRetry({ neverProcessed: true, retriesDone, remainingMs: ample, random: 0 }).retry
    );
    expect(decisions).toEqual([true, true, false, false]);
  });

  it('needs a full second of the deadline left after the backoff: 1000 ms retries, 999 ms does not', () => {
    expect(minimumRemainingMs).toBe(1000);
    // random 0 makes the first backoff 100 ms and the second 200 ms.
    expect(decideRetry({ neverProcessed: true, retriesDone: 0, remainingMs: 1100, random: 0 })).toEqual({
      retry: true,
      delayMs: 100,
    });
    expect(decideRetry({ neverProcessed: true, retriesDone: 0, remainingMs: 1099, random: 0 })).toEqual({ retry: false });
    expect(decideRetry({ neverProcessed: true, retriesDone: 1, remainingMs: 1200, random: 0 })).toEqual({
      retry: true,
      delayMs: 200,
    });
    expect(decideRetry({ neverProcessed: true, retriesDone: 1, remainingMs: 1199, random: 0 })).toEqual({ retry: false });
  });

  it('counts the jittered delay, not the bare step, against the deadline', () => {
    // random 0.99 makes the first backoff 199 ms: 1198 ms left is one short.
    expect(decideRetry({ neverProcessed: true, retriesDone: 0, remainingMs: 1199, random: 0.99 })).toEqual({
      retry: true,
      delayMs: 199,
    });
    expect(decideRetry({ neverProcessed: true, retriesDone: 0, remainingMs: 1198, random: 0.99 })).toEqual({ retry: false });
  });

  it('does not retry when the deadline has already passed', () => {
    expect(decideRetry({ neverProcessed: true, retriesDone: 0, remainingMs: -5, random: 0 })).toEqual({ retry: false });
  });

  it('always waits the backoff it reports', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: maxRetries - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retriesDone, random) => {
          const decision = decideRetry({ neverProcessed: true, retriesDone, remainingMs: ample, random });
          expect(decision).toEqual({ retry: true, delayMs: backoffMs(retriesDone, random) });
        }
      )
    );
  });
});

describe('backoffMs', () => {
  it('doubles from 200 ms, with jitter between half and all of the step', () => {
    expect([0, 1, 2].map((retries) => backoffMs(retries, 0))).toEqual([100, 200, 400]);
    expect([0, 1, 2].map((retries) => backoffMs(retries, 0.5))).toEqual([150, 300, 600]);
    expect([0, 1, 2].map((retries) => backoffMs(retries, 0.999_999))).toEqual([200, 400, 800]);
  });

  it('stays within [step / 2, step] for every random number in [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retriesDone, random) => {
          const step = 200 * 2 ** retriesDone;
          const delay = backoffMs(retriesDone, random);
          expect(delay).toBeGreaterThanOrEqual(step / 2);
          expect(delay).toBeLessThanOrEqual(step);
          expect(Number.isInteger(delay)).toBe(true);
        }
      )
    );
  });

  it('grows with the random number, so instances spread out', () => {
    expect(backoffMs(1, 0.2)).toBeLessThan(backoffMs(1, 0.8));
  });
});
