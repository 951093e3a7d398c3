import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { trySafe } from '@silverhand/essentials';

import { regionIdOf } from './derived.js';
import { describeIssue } from './describe.js';
import { aliyunSmsConfigGuard, type AliyunSmsConfig } from './schema.js';

/** Validates a raw config; throws ConnectorError(invalid_config) naming each bad field, never echoing values. */
export const validateConfig = (input: unknown): AliyunSmsConfig => {
  const result = aliyunSmsConfigGuard.safeParse(input);
  if (result.success) {
    // The region's default depends on the service, which the guard sees only as a whole.
    return { ...result.data, regionId: regionIdOf(result.data) };
  }
  const problems = result.error.issues.map((issue) => describeIssue(issue, input));
  const errorDescription = `Invalid Aliyun SMS configuration: ${problems.join('; ')}.`;
  const error = new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
    errorDescription,
    fields: [...new Set(result.error.issues.map(({ path }) => path.join('.') || '(config)'))],
  });
  error.message = errorDescription;
  throw error;
};

// Logto hands every send a fresh copy of the same stored config, so identity cannot key the
// cache: the canonical JSON (keys sorted) of the raw input does. Few distinct configs exist at
// once (the stored one, the one being tested in the console), so a handful of entries suffice.
// Each config may sit under two keys (as given and canonical).
const cacheSize = 16;
const cache = new Map<string, AliyunSmsConfig>();

const sortKeys = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)))
    : value;

/** The canonical JSON of a config, or undefined when it has none (cycles, BigInt). */
export const canonicalJson = (input: unknown): string | undefined =>
  trySafe((): string | undefined => JSON.stringify(input, sortKeys));

const remember = (key: string, config: AliyunSmsConfig): void => {
  // Re-inserted so the map's order is least recently used first.
  cache.delete(key);
  cache.set(key, config);
  const oldest = cache.keys().next();
  if (cache.size > cacheSize && oldest.done !== true) {
    cache.delete(oldest.value);
  }
};

/** Validates a config once per distinct content; only valid configs are remembered, in memory only. */
export const parseConfig = (input: unknown): AliyunSmsConfig => {
  // The JSON as given comes first: Logto reads the same stored config, keys in the same order,
  // for every send, and writing it plainly costs a fraction of sorting its keys.
  const plainKey = trySafe((): string | undefined => JSON.stringify(input));
  const hit = plainKey === undefined ? undefined : cache.get(plainKey);
  if (plainKey !== undefined && hit !== undefined) {
    remember(plainKey, hit);
    return hit;
  }
  const key = canonicalJson(input);
  const cached = key === undefined ? undefined : cache.get(key);
  const config = cached ?? validateConfig(input);
  if (key !== undefined) {
    remember(key, config);
  }
  if (plainKey !== undefined && plainKey !== key) {
    remember(plainKey, config);
  }
  return config;
};
