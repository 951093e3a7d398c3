import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it, vi } from 'vitest';

import { rejectionOf } from '../../test/support/rejection.js';
import { resolveRecipient } from '../phone.js';

import { enforceSendLimits, maxStoreWaitMs, refusalLine, storeBoundOf } from './enforce.js';
import { createMemoryStore } from './memory-store.js';
import { createLimitStores, type LimitStores } from './registry.js';
import { sendLimitsGuard } from './schema.js';
import type { CounterStore, CountOutcome, CountRequest } from './store.js';

const british = resolveRecipient('447400123456');
const ip = '203.0.113.9';

/** A store that answers from a script and records every count it is asked for. */
const scriptedStores = (answer: (request: CountRequest) => CountOutcome = () => 'allowed') => {
  const counted: CountRequest[] = [];
  const store: CounterStore = {
    consume: (request) => {
      counted.push(request);
      return Promise.resolve(answer(request));
    },
    close: () => Promise.resolve(),
  };
  const urls: (string | undefined)[] = [];
  const stores: LimitStores = {
    storeFor: (url) => {
      urls.push(url);
      return Promise.resolve(store);
    },
    closeAll: () => Promise.resolve(),
  };
  return { stores, counted, urls };
};

const allLimits = sendLimitsGuard.parse({
  perIp: { limit: 2, windowSeconds: 60 },
  perRange: { limit: 3, windowSeconds: 60 },
  perCountry: { limit: 4, windowSeconds: 60 },
});

describe('enforceSendLimits', () => {
  it('asks no store at all without limits, with {} or with only a Redis URL', async () => {
    const { stores, urls } = scriptedStores();
    for (const limits of [undefined, {}, { redisUrl: 'redis://127.0.0.1:1/0' }]) {
      await enforceSendLimits(limits, { recipient: british, ip }, 10_000, { stores });
    }
    expect(urls).toEqual([]);
  });

  it('counts IP, range and country in that order, in the store the config names', async () => {
    const { stores, counted, urls } = scriptedStores();
    await enforceSendLimits({ ...allLimits, redisUrl: 'redis://cache:6379/0' }, { recipient: british, ip }, 10_000, { stores });
    expect(counted.map(({ counter, key }) => `${counter} ${key}`)).toEqual(['ip:60 203.0.113.9', 'range:60 +44740012', 'country:60 GB']);
    expect(urls).toEqual(['redis://cache:6379/0']);
  });

  it('does not count a send refused by one limit against the limits after it', async () => {
    const { stores, counted } = scriptedStores(({ counter }) => (counter.startsWith('range') ? 'refused' : 'allowed'));
    await rejectionOf(enforceSendLimits(allLimits, { recipient: british, ip }, 10_000, { stores, warn: () => undefined }));
    expect(counted.map(({ counter }) => counter)).toEqual(['ip:60', 'range:60']);
  });

  it('refuses with rate_limit_exceeded naming the send-limit sentence, saying which limit only to the admin', async () => {
    const { stores } = scriptedStores(({ counter }) => (counter.startsWith('country') ? 'refused' : 'allowed'));
    const warn = vi.fn<(line: string) => void>();
    const error = await rejectionOf(
      enforceSendLimits(allLimits, { recipient: british, ip }, 10_000, { stores, warn })
    );
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(error.data).toEqual({
      errorDescription: `The send to ${british.masked} was refused by sendLimits.perCountry (4 per 60 s); nothing was sent to Aliyun.`,
      maskedPhoneNumber: british.masked,
      userSentence: 'send-limit',
    });
    expect(warn.mock.calls).toEqual([
      [`connector-aliyun-dysms: refused an SMS send over sendLimits.perCountry (4 per 60 s): recipient ${british.masked}, IP 203.0.113.9.`],
    ]);
    expect(JSON.stringify([error.data, error.message, warn.mock.calls])).not.toContain('447400123456');
  });

  it('gives the store a bound within the send’s timeout, shrinking as the store spends it', async () => {
    let clock = 0;
    const { stores, counted } = scriptedStores(() => {
      clock += 40;
      return 'allowed';
    });
    await enforceSendLimits(allLimits, { recipient: british, ip }, 1000, { stores, now: () => clock });
    expect(counted.map(({ boundMs }) => boundMs)).toEqual([200, 160, 120]);
  });

  it('refuses the send over the limit with the real memory store, and only that one', async () => {
    const warn = vi.fn<(line: string) => void>();
    const stores = createLimitStores({ warn });
    const limits = sendLimitsGuard.parse({ perIp: { limit: 2, windowSeconds: 60 } });
    const outcomes: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      outcomes.push(
        await enforceSendLimits(limits, { recipient: british, ip }, 10_000, { stores, warn }).then(
          () => 'sent',
          () => 'refused'
        )
      );
    }
    // Another address is a fresh count.
    outcomes.push(await enforceSendLimits(limits, { recipient: british, ip: '203.0.113.10' }, 10_000, { stores, warn }).then(() => 'sent'));
    expect(outcomes).toEqual(['sent', 'sent', 'refused', 'sent']);
    expect(warn).toHaveBeenCalledTimes(1);
    await stores.closeAll();
  });
});

describe('storeBoundOf', () => {
  it('is a fifth of the timeout, at most half a second', () => {
    expect(storeBoundOf(1000)).toBe(200);
    expect(storeBoundOf(2499)).toBe(499);
    expect(storeBoundOf(10_000)).toBe(maxStoreWaitMs);
  });
});

describe('refusalLine', () => {
  const check = { kind: 'perIp', counter: 'ip:60', key: ip, rule: { limit: 2, windowSeconds: 60 } } as const;

  it.each([[undefined], ['not an address\nforged line'], [42]])('says "none given" for an IP that is no address: %j', (given) => {
    expect(refusalLine(check, british, given)).toMatch(/IP none given\.$/);
  });
});

describe('createLimitStores', () => {
  const fakeRedis = () => {
    const opened: string[] = [];
    const closed: string[] = [];
    const load = vi.fn(() =>
      Promise.resolve(({ url }: { url: string }): CounterStore => {
        opened.push(url);
        return { ...createMemoryStore(), close: () => { closed.push(url); return Promise.resolve(); } };
      })
    );
    return { opened, closed, load };
  };

  it('hands out one memory store without a URL and never loads the Redis file', async () => {
    const { load } = fakeRedis();
    const stores = createLimitStores({ loadRedisStore: load });
    expect(await stores.storeFor(undefined)).toBe(await stores.storeFor(undefined));
    expect(load).not.toHaveBeenCalled();
  });

  it('opens one Redis store per URL, and closes the oldest beyond four', async () => {
    const { opened, closed, load } = fakeRedis();
    const stores = createLimitStores({ loadRedisStore: load });
    const first = await stores.storeFor('redis://a/0');
    expect(await stores.storeFor('redis://a/0')).toBe(first);
    for (const host of ['b', 'c', 'd', 'e']) {
      await stores.storeFor(`redis://${host}/0`);
    }
    await Promise.resolve();
    expect(opened).toEqual(['redis://a/0', 'redis://b/0', 'redis://c/0', 'redis://d/0', 'redis://e/0']);
    expect(closed).toEqual(['redis://a/0']);
    await stores.closeAll();
    expect(closed.sort()).toEqual(['redis://a/0', 'redis://b/0', 'redis://c/0', 'redis://d/0', 'redis://e/0']);
  });

  it('counts in memory, and says so once, when the Redis file cannot be loaded', async () => {
    const warn = vi.fn<(line: string) => void>();
    const stores = createLimitStores({ warn, loadRedisStore: () => Promise.reject(new Error('missing chunk at redis://:pw@a/0')) });
    expect(await stores.storeFor('redis://:pw@a/0')).toBe(await stores.storeFor(undefined));
    expect(warn.mock.calls).toEqual([
      ['connector-aliyun-dysms: the Redis client of sendLimits could not be loaded (Error): this process counts sendLimits in its own memory.'],
    ]);
  });
});
