// Counters shared by every Logto instance through Redis (rate-limiter-flexible's atomic Lua
// increment). Built as its own file under lib/, loaded only when a config names a Redis URL, so
// neither the Redis client nor this code costs anything to deployments without one. Redis down
// or slow never blocks a send: this process counts in memory until Redis answers again, and says
// so at most once a minute. No line names anything of the URL but its host, port and database.
import { Redis } from 'ioredis';
import RateLimiterRedis from 'rate-limiter-flexible/lib/RateLimiterRedis.js';

import { createMemoryStore, outcomeOf } from './memory-store.js';
import { logPrefix, type CountOutcome, type CountRequest, type RedisStoreFactory } from './store.js';

/** How often, at most, the store says that it counts in memory. */
export const fallbackWarningIntervalMs = 60_000;

/** The key prefix of every counter in Redis. */
export const redisKeyPrefix = 'connector-aliyun-dysms';

/** The URL as a log line may show it: scheme, host, port and database, no user or password. */
export const describeRedisUrl = (url: string): string => {
  const parsed = new URL(url);
  const port = parsed.port === '' ? '6379' : parsed.port;
  const database = /^\/\d+$/.test(parsed.pathname) ? parsed.pathname : '/0';
  return `${parsed.protocol}//${parsed.hostname}:${port}${database}`;
};

/**
 * Why Redis failed, in words that cannot carry a secret: a system error code (ECONNREFUSED), the
 * error word of a Redis reply (WRONGPASS, NOAUTH, READONLY) or a fixed phrase; never a message.
 */
export const failureReasonOf = (error: unknown): string => {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) {
    return code;
  }
  const message = error instanceof Error ? error.message : '';
  const word = /^([A-Z][A-Z]{2,20})\b/.exec(message)?.[1];
  if (word !== undefined && (error instanceof Error ? error.name : '') === 'ReplyError') {
    return word;
  }
  if (/timed out/i.test(message)) {
    return 'command timed out';
  }
  return 'not connected';
};

type Settled<T> = { done: true; value: T } | { done: false };

// Resolves with the value, or as not done once the bound has passed, whichever comes first.
const within = async <T>(promise: Promise<T>, boundMs: number): Promise<Settled<T>> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => {
      resolve({ done: false });
    }, Math.max(boundMs, 0));
  });
  try {
    return await Promise.race([promise.then((value): Settled<T> => ({ done: true, value })), expired]);
  } finally {
    clearTimeout(timer);
  }
};

/** A store whose counters live in Redis, with this process's memory standing in while Redis fails. */
export const createRedisStore: RedisStoreFactory = ({ url, warn, now = Date.now }) => {
  const where = describeRedisUrl(url);
  const client = new Redis(url, {
    // A command for a Redis that is not connected fails at once instead of queueing: the send
    // goes on counted in memory rather than waiting for a reconnection.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    commandTimeout: 1000,
    // Reconnect for ever, at most every two seconds: Redis coming back is noticed soon.
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
  });
  // Connected or failed: the first sends wait for this, bounded, so they are not counted in
  // memory only because the connection was still being made.
  const firstAttempt = new Promise<void>((resolve) => {
    client.once('ready', resolve);
    client.once('error', () => {
      resolve();
    });
    client.once('end', resolve);
  });
  const memory = createMemoryStore();
  const limiters = new Map<string, RateLimiterRedis>();
  let lastWarningAt: number | undefined;

  const fellBack = (reason: string): void => {
    const at = now();
    if (lastWarningAt === undefined || at - lastWarningAt >= fallbackWarningIntervalMs) {
      lastWarningAt = at;
      warn(
        `${logPrefix} the send-limit store ${where} is unreachable or slow (${reason}): this process counts sendLimits in its own memory until Redis answers again.`
      );
    }
  };
  // An error event without a listener would be printed by Node with its full detail.
  client.on('error', (error: unknown) => {
    fellBack(failureReasonOf(error));
  });

  const limiterFor = ({ counter, rule }: CountRequest): RateLimiterRedis => {
    const id = `${counter}:${rule.limit}`;
    const known = limiters.get(id);
    if (known !== undefined) {
      return known;
    }
    const limiter = new RateLimiterRedis({
      storeClient: client,
      points: rule.limit,
      duration: rule.windowSeconds,
      keyPrefix: `${redisKeyPrefix}:${counter}`,
      rejectIfRedisNotReady: true,
    });
    limiters.set(id, limiter);
    return limiter;
  };

  const consume = async (request: CountRequest): Promise<CountOutcome> => {
    const startedAt = now();
    await within(firstAttempt, request.boundMs);
    const counted = within(outcomeOf(limiterFor(request).consume(request.key)), request.boundMs - (now() - startedAt));
    try {
      const settled = await counted;
      if (settled.done) {
        return settled.value;
      }
      fellBack(`no answer within ${request.boundMs} ms`);
    } catch (error: unknown) {
      fellBack(failureReasonOf(error));
    }
    return memory.consume(request);
  };

  return {
    consume,
    close: async () => {
      client.disconnect();
      await memory.close();
    },
  };
};
