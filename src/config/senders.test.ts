import { describe, expect, it } from 'vitest';

import { parseConfig } from './parse.js';
import { fallbackConfigOf, senderLabel, sendersOf } from './senders.js';

const main = {
  accessKeyId: 'LTAI5tMainKeyId',
  accessKeySecret: 'main-secret',
  signName: '主签名',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }],
  endpoint: 'http://127.0.0.1:9/',
  regionId: 'cn-shanghai',
  signatureVersion: 'v3',
  timeout: 4000,
  allowedCountries: ['CN', 'HK'],
  strictPhoneRegionNumberCheck: true,
} as const;

const fallback = {
  service: 'dypns',
  credentialSource: 'environment',
  signName: '速通互联验证码',
  templates: [{ usageType: 'Generic', templateCode: '100001', params: { code: '{{code}}', min: '5' } }],
} as const;

describe('fallbackConfigOf', () => {
  it('is undefined without a fallback, and for {}', () => {
    expect(fallbackConfigOf(parseConfig(main))).toBeUndefined();
    expect(fallbackConfigOf(parseConfig({ ...main, fallback: {} }))).toBeUndefined();
  });

  it('takes every sender key from the fallback, defaults included, and none from the main sender', () => {
    const config = fallbackConfigOf(parseConfig({ ...main, fallback }));
    expect(config).toEqual({
      ...fallback,
      signatureVersion: 'v1',
      timeout: 4000,
      allowedCountries: ['CN', 'HK'],
      strictPhoneRegionNumberCheck: true,
    });
    // The main sender's endpoint and key stay the main sender's.
    expect(config).not.toHaveProperty('endpoint');
    expect(config).not.toHaveProperty('accessKeyId');
  });
});

describe('sendersOf', () => {
  it('lists the main sender first, then the fallback, each with its label', () => {
    const senders = sendersOf(parseConfig({ ...main, fallback }));
    expect(senders.map(({ role, config }) => [senderLabel(role), config.service])).toEqual([
      ['main sender', 'dysms'],
      ['fallback sender', 'dypns'],
    ]);
    expect(sendersOf(parseConfig(main)).map(({ role }) => role)).toEqual(['main']);
  });
});
