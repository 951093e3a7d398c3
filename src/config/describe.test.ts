import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { describeIssue } from './describe.js';
import { aliyunSmsConfigGuard } from './schema.js';

const valid = {
  accessKeyId: 'LTAI5tExampleKeyId',
  accessKeySecret: 'example-secret',
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }],
};

/** Every sentence zod's issues become for this input. */
const sentencesFor = (schema: z.ZodType, input: unknown): string[] => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, input));
};

const configSentences = (input: unknown): string[] => sentencesFor(aliyunSmsConfigGuard, input);

describe('describeIssue', () => {
  it('says a missing key is required, the way a form would', () => {
    const withoutSignName = { accessKeyId: valid.accessKeyId, accessKeySecret: valid.accessKeySecret, templates: valid.templates };
    expect(configSentences(withoutSignName)).toEqual(['signName ("Sign name") is required']);
  });

  it('words a wrong type as what the field must be, without what was received', () => {
    expect(configSentences({ ...valid, signName: 42 })).toEqual(['signName ("Sign name") must be string']);
    expect(configSentences({ ...valid, strictPhoneRegionNumberCheck: 'yes' })).toEqual([
      'strictPhoneRegionNumberCheck ("Strict phone region check") must be boolean',
    ]);
  });

  it('names a template entry by position and usage type, and the key inside it', () => {
    expect(configSentences({ ...valid, templates: [{ usageType: 'SignIn', templateCode: 7 }] })).toEqual([
      'templates ("Templates") entry 1 (usageType "SignIn") templateCode must be a template code such as "SMS_123456789", or { "china": "…", "overseas": "…" }',
    ]);
  });

  it('names a template entry without a usage type by position alone', () => {
    expect(configSentences({ ...valid, templates: [{ templateCode: 'SMS_1' }] })).toEqual([
      'templates ("Templates") entry 1 usageType is required',
    ]);
  });

  it('names a template entry that is not an object without a trailing key', () => {
    expect(configSentences({ ...valid, templates: ['SMS_1'] })).toEqual([
      'templates ("Templates") entry 1 must be object',
    ]);
  });

  it('words a failed union the field has no sentence for as a wrong type', () => {
    const schema = z.object({ signName: z.union([z.string(), z.number()]) });
    expect(sentencesFor(schema, { signName: true })).toEqual(['signName ("Sign name") has the wrong type']);
  });

  it('says the whole configuration when the issue has no path', () => {
    expect(configSentences('text')).toEqual(['The configuration must be object']);
  });
});

describe('describeIssue for the fallback sender', () => {
  const fallback = { ...valid, signName: '备用签名' };
  const without = (object: Record<string, unknown>, key: string) =>
    Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));

  it('names the fallback’s key under "fallback.", with the same form label as the main key', () => {
    expect(configSentences({ ...valid, fallback: without(fallback, 'signName') })).toEqual(['fallback.signName ("Sign name") is required']);
  });

  it('applies the same per-sender rules to the fallback, and says which of the two they concern', () => {
    expect(configSentences({ ...valid, fallback: without(fallback, 'accessKeySecret') })).toEqual([
      'fallback.accessKeySecret ("AccessKey secret") is required (or set credentialSource to "environment")',
    ]);
    expect(configSentences({ ...valid, fallback: { ...fallback, service: 'dypns', regionId: 'ap-southeast-1' } })).toEqual([
      'fallback.regionId ("Region") must be a mainland China region: the SMS authentication service (dypns) exists only there',
    ]);
    expect(configSentences({ ...without(valid, 'accessKeySecret'), fallback })).toEqual([
      'accessKeySecret ("AccessKey secret") is required (or set credentialSource to "environment")',
    ]);
  });

  it('names the fallback’s template entries by the fallback’s own usage types', () => {
    expect(configSentences({ ...valid, fallback: { ...fallback, templates: [{ usageType: 'SignIn', templateCode: 7 }] } })).toEqual([
      'fallback.templates ("Templates") entry 1 (usageType "SignIn") templateCode must be a template code such as "SMS_123456789", or { "china": "…", "overseas": "…" }',
    ]);
  });

  it('refuses the main config’s keys inside the fallback instead of ignoring them', () => {
    expect(configSentences({ ...valid, fallback: { ...fallback, timeout: 9000 } })).toEqual([
      'fallback ("Fallback sender") has no key "timeout" (check its spelling; timeout, allowedCountries, strictPhoneRegionNumberCheck and sendLimits belong to the main config and apply to both senders)',
    ]);
  });

  it('words a fallback that is not an object as one', () => {
    expect(configSentences({ ...valid, fallback: 'dypns' })).toEqual(['fallback ("Fallback sender") must be object']);
  });

  it('takes {} and null as no fallback', () => {
    for (const none of [{}, null, undefined]) {
      const result = aliyunSmsConfigGuard.safeParse({ ...valid, fallback: none });
      expect(result.success && result.data.fallback).toBeUndefined();
    }
    const result = aliyunSmsConfigGuard.safeParse({ ...valid, fallback });
    expect(result.success && result.data.fallback).toMatchObject({ signName: '备用签名', service: 'dysms', credentialSource: 'config' });
  });
});
