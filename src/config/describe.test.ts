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
