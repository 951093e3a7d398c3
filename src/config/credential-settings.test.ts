import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { thrownBy } from '../../test/support/rejection.js';

import { credentialSettingsOf } from './credential-settings.js';
import { parseConfig } from './parse.js';
import type { AliyunSmsConfig } from './schema.js';

const keyless = parseConfig({
  credentialSource: 'environment',
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }],
});

const base: AliyunSmsConfig = {
  ...keyless,
  credentialSource: 'config',
  accessKeyId: 'LTAI5tExampleKeyId',
  accessKeySecret: 'example-secret',
};

describe('credentialSettingsOf', () => {
  it('passes the configured key pair on, without a token when none is configured', () => {
    const settings = credentialSettingsOf(base);
    expect(settings).toEqual({
      credentialSource: 'config',
      accessKeyId: 'LTAI5tExampleKeyId',
      accessKeySecret: 'example-secret',
    });
    expect('securityToken' in settings).toBe(false);
  });

  it('passes a configured STS token on with the key pair', () => {
    expect(credentialSettingsOf({ ...base, securityToken: 'CAIS-token' })).toEqual({
      credentialSource: 'config',
      accessKeyId: 'LTAI5tExampleKeyId',
      accessKeySecret: 'example-secret',
      securityToken: 'CAIS-token',
    });
  });

  it('hands the environment source over alone, ignoring any configured key pair', () => {
    expect(credentialSettingsOf({ ...base, credentialSource: 'environment' })).toEqual({
      credentialSource: 'environment',
    });
    expect(credentialSettingsOf(keyless)).toEqual({
      credentialSource: 'environment',
    });
  });

  it.each([
    ['the AccessKey ID', { accessKeySecret: 'example-secret' }],
    ['the AccessKey secret', { accessKeyId: 'LTAI5tExampleKeyId' }],
    ['either key', {}],
  ])('refuses a config source without %s as invalid_config naming both fields', (_name, keys) => {
    const incomplete: AliyunSmsConfig = { ...keyless, credentialSource: 'config', ...keys };
    const error = thrownBy(() => credentialSettingsOf(incomplete));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toEqual({
      errorDescription: 'accessKeyId and accessKeySecret are required unless credentialSource is "environment".',
      fields: ['accessKeyId', 'accessKeySecret'],
    });
  });
});
