// Counters in this process's memory: the default store, and the Redis store's stand-in while
// Redis does not answer.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';

import type { CounterStore, CountOutcome, CountRequest } from './store.js';

/** Turns a limiter's consume into an outcome: it rejects with a plain result when over the limit, with an Error when it failed. */
export const outcomeOf = async (consumed: Promise<unknown>): Promise<CountOutcome> => {
  try {
    await consumed;
    return 'allowed';
  } catch (rejection: unknown) {
    if (rejection instanceof Error) {
      throw rejection;
    }
    return 'refused';
  }
};

/** A store that counts in memory, one limiter per counter and limit, each key forgotten when its window ends. */
export const createMemoryStore = (): CounterStore => {
  const limiters = new Map<string, RateLimiterMemory>();
  const limiterFor = ({ counter, rule }: CountRequest): RateLimiterMemory => {
    const id = `${counter}:${rule.limit}`;
    const known = limiters.get(id);
    if (known !== undefined) {
      return known;
    }
    const limiter = new RateLimiterMemory({ points: rule.limit, duration: rule.windowSeconds, keyPrefix: counter });
    limiters.set(id, limiter);
    return limiter;
  };
  return {
    consume: (request) => outcomeOf(limiterFor(request).consume(request.key)),
    close: () => {
      limiters.clear();
      return Promise.resolve();
    },
  };
};
