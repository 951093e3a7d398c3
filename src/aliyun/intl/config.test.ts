import { TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { validateConfig } from '../../config/parse.js';

const intlConfig = {
  accessKeyId: 'LTAI5tIntlKey',
  accessKeySecret: 'intl-secret',
  service: 'intl',
  templates: [{ usageType: TemplateType.Generic, message: 'Your Example code is {{code}}.' }],
};

const descriptionOf = (input: unknown): string => {
  try {
    validateConfig(input);
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the config was accepted');
};

describe('a config for the international site (service "intl")', () => {
  it('needs no sign name and defaults to Singapore', () => {
    const config = validateConfig(intlConfig);
    expect(config).toMatchObject({ service: 'intl', regionId: 'ap-southeast-1' });
    expect(config.signName).toBeUndefined();
  });

  it.each(['ap-southeast-1', 'ap-southeast-5', 'eu-central-1'])('takes the region %s', (regionId) => {
    expect(validateConfig({ ...intlConfig, regionId }).regionId).toBe(regionId);
  });

  it.each(['cn-hangzhou', 'cn-shanghai'])('refuses the region %s, naming the three it takes', (regionId) => {
    expect(descriptionOf({ ...intlConfig, regionId })).toContain(
      'regionId ("Region") must be one of "ap-southeast-1", "ap-southeast-5", "eu-central-1"'
    );
  });

  it('requires a message in every entry and says what it is', () => {
    const description = descriptionOf({ ...intlConfig, templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }] });
    expect(description).toContain('templates ("Templates") entry 1 (usageType "Generic") message is required for service "intl"');
  });

  it('validates the message at save', () => {
    expect(descriptionOf({ ...intlConfig, templates: [{ usageType: 'Generic', message: 'No code here.' }] })).toContain(
      'message must contain {{code}}'
    );
    expect(descriptionOf({ ...intlConfig, templates: [{ usageType: 'Generic', message: 'x'.repeat(500) + '{{code}}' }] })).toContain(
      'SMS parts long'
    );
  });

  it('keeps the shared template rules: a Generic entry or one per usage type, one per locale', () => {
    expect(descriptionOf({ ...intlConfig, templates: [{ usageType: 'SignIn', message: '{{code}}' }] })).toContain('have no template for');
    expect(
      descriptionOf({
        ...intlConfig,
        templates: [
          { usageType: 'Generic', message: '{{code}}' },
          { usageType: 'Generic', locale: 'de', message: 'Code {{code}}' },
          { usageType: 'Generic', locale: 'DE', message: 'Code: {{code}}' },
        ],
      })
    ).toContain('repeats the locale');
  });

  it('takes a mainland templateCode beside the message, with a sign name, where the region sends templates', () => {
    const templates = [{ usageType: 'Generic', message: 'Code {{code}}', templateCode: 'SMS_154950909' }];
    expect(validateConfig({ ...intlConfig, templates, signName: '阿里云短信测试' }).templates[0]?.templateCode).toBe('SMS_154950909');
    expect(descriptionOf({ ...intlConfig, templates })).toContain('signName ("Sign name") is required when an entry has a mainland templateCode');
    expect(descriptionOf({ ...intlConfig, templates, signName: 'S', regionId: 'ap-southeast-5' })).toContain(
      'regionId ("Region") is ap-southeast-5, which does not offer SendMessageWithTemplate'
    );
    expect(
      descriptionOf({ ...intlConfig, signName: 'S', templates: [{ ...templates[0], templateCode: { china: 'SMS_1', overseas: 'SMS_2' } }] })
    ).toContain('templateCode must be one approved mainland template code for service "intl"');
  });

  it('takes a sender ID Aliyun can accept and refuses others', () => {
    expect(validateConfig({ ...intlConfig, senderId: 'Example' }).senderId).toBe('Example');
    expect(validateConfig({ ...intlConfig, senderId: '123456789012345' }).senderId).toBe('123456789012345');
    expect(descriptionOf({ ...intlConfig, senderId: 'ExampleCompany' })).toContain('senderId ("Sender ID") must be up to 11 letters and digits');
  });
});

describe('the other services keep their rules', () => {
  const dysms = { accessKeyId: 'k', accessKeySecret: 's', signName: 'S', templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }] };

  it('still require a sign name and a template code in every entry, and take no message instead', () => {
    expect(descriptionOf({ ...dysms, signName: undefined })).toContain('signName ("Sign name") is required');
    expect(descriptionOf({ ...dysms, templates: [{ usageType: 'Generic', message: 'Code {{code}}' }] })).toContain(
      'templates ("Templates") entry 1 (usageType "Generic") templateCode is required'
    );
    expect(descriptionOf({ ...dysms, service: 'dypns', templates: [{ usageType: 'Generic', message: 'Code {{code}}' }] })).toContain(
      'templateCode is required'
    );
  });

  it('keep cn-hangzhou as the default region, and dypns its mainland-only rule', () => {
    expect(validateConfig(dysms).regionId).toBe('cn-hangzhou');
    expect(validateConfig({ ...dysms, service: 'dypns' }).regionId).toBe('cn-hangzhou');
    expect(descriptionOf({ ...dysms, service: 'dypns', regionId: 'ap-southeast-1' })).toContain('must be a mainland China region');
    expect(validateConfig({ ...dysms, regionId: 'eu-central-1' }).regionId).toBe('eu-central-1');
  });
});
