import { describe, expect, it } from 'vitest';

import { aliyunSmsConfigGuard } from '../config/schema.js';
import { validateConfig } from '../config/parse.js';
import { thrownBy } from '../../test/support/rejection.js';

import { sendLimitsGuard } from './schema.js';

const baseConfig = {
  accessKeyId: 'LTAI5tExampleKeyId',
  accessKeySecret: 'limits-test-secret',
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }],
};

const issuesOf = (input: unknown): { path: string; message: string }[] => {
  const result = sendLimitsGuard.safeParse(input);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path: path.join('.'), message }));
};

describe('sendLimits in the config', () => {
  it('is optional: a config without it parses as before, with no limits', () => {
    expect(aliyunSmsConfigGuard.parse(baseConfig).sendLimits).toBeUndefined();
  });

  it('accepts {}, what the console gives back for a stored config without the key, as no limits', () => {
    expect(aliyunSmsConfigGuard.parse({ ...baseConfig, sendLimits: {} }).sendLimits).toBeUndefined();
  });

  it('accepts the example of the issue and the guide, countries upper-cased, windows defaulted to an hour', () => {
    expect(
      sendLimitsGuard.parse({
        perIp: { limit: 10 },
        perRange: { limit: 20, windowSeconds: 600 },
        perCountry: { limit: 200, windowSeconds: 3600, countries: { cn: { limit: 5000, windowSeconds: 3600 } } },
        redisUrl: ' redis://:password@redis.internal:6379/0 ',
      })
    ).toEqual({
      perIp: { limit: 10, windowSeconds: 3600 },
      perRange: { limit: 20, windowSeconds: 600, hiddenDigits: 4 },
      perCountry: { limit: 200, windowSeconds: 3600, countries: { CN: { limit: 5000, windowSeconds: 3600 } } },
      redisUrl: 'redis://:password@redis.internal:6379/0',
    });
  });

  it.each([
    [{ perIp: { limit: 0 } }, 'perIp.limit', 'must be at least 1 (sends per window)'],
    [{ perIp: { limit: 1.5 } }, 'perIp.limit', 'must be a whole number (sends per window)'],
    [{ perIp: { limit: '10' } }, 'perIp.limit', 'must be a number (sends per window)'],
    [{ perIp: { limit: 1_000_001 } }, 'perIp.limit', 'must be at most 1000000 (sends per window)'],
    [{ perIp: {} }, 'perIp.limit', 'Required'],
    [{ perRange: { limit: 5, windowSeconds: 0 } }, 'perRange.windowSeconds', 'must be at least 1 (seconds)'],
    [{ perRange: { limit: 5, windowSeconds: 86_401 } }, 'perRange.windowSeconds', 'must be at most 86400 (seconds)'],
    [{ perRange: { limit: 5, hiddenDigits: 0 } }, 'perRange.hiddenDigits', 'must be at least 1 (digits)'],
    [{ perRange: { limit: 5, hiddenDigits: 9 } }, 'perRange.hiddenDigits', 'must be at most 8 (digits)'],
    [{ perCountry: { limit: 5, countries: { XX: { limit: 1 } } } }, 'perCountry.countries.XX', 'must be an ISO 3166-1 alpha-2 country code with phone numbers, such as "CN" or "GB"'],
    [{ perCountry: { limit: 5, countries: { CN: { limit: 1 }, cn: { limit: 2 } } } }, 'perCountry.countries.cn', 'names a country already listed'],
    [{ perCountry: { limit: 5, countries: { CN: { limit: -1 } } } }, 'perCountry.countries.CN.limit', 'must be at least 1 (sends per window)'],
    [{ redisUrl: 'http://redis.internal:6379' }, 'redisUrl', 'must start with redis:// (or rediss:// for TLS)'],
    [{ redisUrl: 'redis.internal:6379' }, 'redisUrl', 'must start with redis:// (or rediss:// for TLS)'],
    [{ redisUrl: 'not a url' }, 'redisUrl', 'must be a URL such as redis://:password@redis.internal:6379/0'],
    [{ redisUrl: 'redis://:pw@redis.internal:6379/zero' }, 'redisUrl', 'may end only with a database number, such as /0'],
    [{ redisUrl: 6379 }, 'redisUrl', 'must be a redis:// or rediss:// URL'],
  ])('refuses %j, naming %s', (input, path, message) => {
    expect(issuesOf(input)).toEqual([{ path, message }]);
  });

  it('refuses a misspelt key instead of ignoring the limit it meant', () => {
    expect(issuesOf({ perIP: { limit: 10 } })).toEqual([{ path: '', message: "Unrecognized key(s) in object: 'perIP'" }]);
    expect(issuesOf({ perRange: { limit: 10, hidden: 3 } })).toEqual([{ path: 'perRange', message: "Unrecognized key(s) in object: 'hidden'" }]);
  });

  it.each([[[]], ['{}'], [null], [10]])('refuses %j, which is not an object of limits', (input) => {
    expect(issuesOf(input).map(({ path }) => path)).toEqual(['']);
  });

  it('accepts rediss:// and a URL without port or database', () => {
    expect(issuesOf({ redisUrl: 'rediss://default:pw@cache.example.com' })).toEqual([]);
    expect(issuesOf({ redisUrl: 'redis://127.0.0.1' })).toEqual([]);
  });

  it('names the field in the config error and never echoes the Redis password', () => {
    const error = thrownBy(() => validateConfig({ ...baseConfig, sendLimits: { redisUrl: 'http://:hunter22secret@redis.internal/0' } }));
    expect(error.data).toMatchObject({ fields: ['sendLimits.redisUrl'] });
    expect(error.message).toBe('Invalid Aliyun SMS configuration: sendLimits ("Send limits") redisUrl must start with redis:// (or rediss:// for TLS).');
    expect(JSON.stringify(error.data)).not.toContain('hunter22secret');
    expect(error.message).not.toContain('hunter22secret');
  });

  it('names the path inside sendLimits, and a misspelt key, in the config error', () => {
    expect(thrownBy(() => validateConfig({ ...baseConfig, sendLimits: { perRange: { limit: 0 } } })).message).toBe(
      'Invalid Aliyun SMS configuration: sendLimits ("Send limits") perRange.limit must be at least 1 (sends per window).'
    );
    expect(thrownBy(() => validateConfig({ ...baseConfig, sendLimits: { perIP: { limit: 10 } } })).message).toBe(
      'Invalid Aliyun SMS configuration: sendLimits ("Send limits") has no key "perIP" (check its spelling).'
    );
  });
});
