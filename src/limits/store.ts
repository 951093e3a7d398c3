// The seam between counting and where counts live: the memory store in lib/index.js, the Redis
// store in its own chunk. Only plain data crosses it, never a class, as each bundle has its own
// copy of the limiter library.
import type { LimitRule } from './schema.js';

/** One send counted under one key, with the time the store may take before the send goes on without it. */
export type CountRequest = { counter: string; key: string; rule: LimitRule; boundMs: number };

/** Whether the send is within the limit (it has been counted either way). */
export type CountOutcome = 'allowed' | 'refused';

/** Where counters live. */
export type CounterStore = {
  /** Counts one send; resolves 'refused' once the count is over the rule's limit in its window. */
  consume: (request: CountRequest) => Promise<CountOutcome>;
  /** Lets go of connections and timers. */
  close: () => Promise<void>;
};

/** A line for the server's log, as a warning. */
export type Warn = (line: string) => void;

/** What the Redis chunk exports (it is loaded by path, so its type is written here). */
export type RedisStoreFactory = (options: { url: string; warn: Warn; now?: () => number }) => CounterStore;

/** The prefix of every log line of the send limits. */
export const logPrefix = 'connector-aliyun-dysms:';
