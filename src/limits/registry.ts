// Which store a config counts in, kept for the life of the process: Logto hands every send a
// fresh copy of the config, and counters must outlive it. Memory is one store for the process;
// each Redis URL gets one client, created on its first send.
import { createMemoryStore } from './memory-store.js';
import { logPrefix, type CounterStore, type RedisStoreFactory, type Warn } from './store.js';

/** Hands out the store for a config's `redisUrl` (memory when it has none). */
export type LimitStores = {
  storeFor: (redisUrl: string | undefined) => Promise<CounterStore>;
  /** Closes every store, for tests and shutdown. */
  closeAll: () => Promise<void>;
};

/** Loads the Redis store's own chunk: a separate file under lib/, read only when a config names Redis. */
export const loadRedisStoreFactory = async (): Promise<RedisStoreFactory> => {
  const chunk = await import('./redis-store.js');
  return chunk.createRedisStore;
};

// An admin who changes the URL leaves the old client behind; a few are kept, the oldest closed.
const redisStoreCount = 4;

/** A set of stores with their own memory and Redis clients. */
export const createLimitStores = (
  options: { warn?: Warn; loadRedisStore?: () => Promise<RedisStoreFactory> } = {}
): LimitStores => {
  const warn = options.warn ?? ((line: string) => {
    console.warn(line);
  });
  const loadRedisStore = options.loadRedisStore ?? loadRedisStoreFactory;
  const memory = createMemoryStore();
  const redis = new Map<string, Promise<CounterStore>>();

  const openRedis = async (url: string): Promise<CounterStore> => {
    try {
      const factory = await loadRedisStore();
      return factory({ url, warn });
    } catch (error: unknown) {
      // The error's name only: a message could quote the URL.
      const reason = error instanceof Error ? error.name : 'not an error';
      warn(`${logPrefix} the Redis client of sendLimits could not be loaded (${reason}): this process counts sendLimits in its own memory.`);
      return memory;
    }
  };

  return {
    storeFor: (redisUrl) => {
      if (redisUrl === undefined) {
        return Promise.resolve(memory);
      }
      const known = redis.get(redisUrl);
      if (known !== undefined) {
        return known;
      }
      const opened = openRedis(redisUrl);
      redis.set(redisUrl, opened);
      const [oldest] = redis.keys();
      if (redis.size > redisStoreCount && oldest !== undefined) {
        const evicted = redis.get(oldest);
        redis.delete(oldest);
        void evicted?.then((store) => store === memory ? undefined : store.close());
      }
      return opened;
    },
    closeAll: async () => {
      const stores = await Promise.all(redis.values());
      redis.clear();
      await Promise.all([...stores.filter((store) => store !== memory).map((store) => store.close()), memory.close()]);
    },
  };
};

/** The process's stores, shared by every connector instance Logto creates. */
export const processLimitStores: LimitStores = createLimitStores();
