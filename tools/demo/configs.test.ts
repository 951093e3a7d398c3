import { describe, expect, it } from 'vitest';

import { aliyunSmsConfigGuard } from '../../src/config/schema.js';
import { templateCodesOfEntry } from '../../src/templates/entry.js';
import { DEFAULT_GIFT_SIGNS, DEMO_ACCOUNT } from '../emulator/index.js';
import {
  currentGiftSign,
  describeTemplates,
  mainlandCodeOf,
  messageAuthConfig,
  misconfiguredConfig,
  perLanguageConfig,
  storedConfig,
  templateUnderReview,
} from './configs.js';

const endpoint = 'http://127.0.0.1:1/';

const statusOf = (code: string) => DEMO_ACCOUNT.templates.find((template) => template.code === code)?.status ?? 'approved';

const codesOf = (config: ReturnType<typeof storedConfig>): string[] =>
  config.templates.flatMap((entry) => templateCodesOfEntry(entry));

describe("the demo's configs", () => {
  it("are valid to the connector's own schema", () => {
    for (const config of [storedConfig(endpoint), messageAuthConfig(endpoint, '仿真赠送签名验证码'), perLanguageConfig(endpoint), misconfiguredConfig(endpoint)]) {
      const parsed = aliyunSmsConfigGuard.safeParse(config);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('name only approved templates of the demo account, except the misconfigured one', () => {
    for (const config of [storedConfig(endpoint), perLanguageConfig(endpoint)]) {
      for (const code of codesOf(config)) expect(statusOf(code), code).toBe('approved');
    }
    expect(codesOf(misconfiguredConfig(endpoint))).toEqual([templateUnderReview()]);
    expect(statusOf(templateUnderReview())).toBe('under-review');
  });

  it('give SignIn a Chinese and an English template, each in its language', () => {
    const signIn = perLanguageConfig(endpoint).templates.filter(({ usageType }) => usageType === 'SignIn');
    expect(signIn.map(({ locale }) => locale)).toEqual(['zh-CN', 'en']);
    for (const entry of signIn) {
      const template = DEMO_ACCOUNT.templates.find(({ code }) => code === mainlandCodeOf(entry.templateCode));
      expect(template?.language).toBe(entry.locale);
    }
  });

  it('send the SMS authentication service the gift sign given and gift template 100001', () => {
    const config = messageAuthConfig(endpoint, 'a gift sign');
    expect(config).toMatchObject({ service: 'dypns', signName: 'a gift sign' });
    expect(codesOf(config)).toEqual(['100001', '100001']);
  });
});

describe('the gift sign to use', () => {
  it('is a listed one before the July 2026 rotation, a new one after the old are withdrawn', () => {
    expect(currentGiftSign(DEFAULT_GIFT_SIGNS, new Date('2026-03-01T00:00:00Z'))?.name).toBe('云渚科技验证平台');
    expect(currentGiftSign(DEFAULT_GIFT_SIGNS, new Date('2026-09-01T00:00:00+08:00'))?.name).toBe('仿真赠送签名验证码');
  });

  it('is none when every sign is withdrawn or not yet valid', () => {
    const signs = [{ name: 'old', validUntil: new Date('2020-01-01T00:00:00Z') }, { name: 'new', validFrom: new Date('2030-01-01T00:00:00Z') }];
    expect(currentGiftSign(signs, new Date('2025-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('templates on one line', () => {
  it('shows locales and both region codes', () => {
    expect(
      describeTemplates({
        ...storedConfig(endpoint),
        templates: [
          { usageType: 'Generic', templateCode: { china: 'SMS_1', overseas: 'SMS_2' } },
          { usageType: 'SignIn', locale: 'en', templateCode: 'SMS_3' },
        ],
      })
    ).toBe('Generic → { china: SMS_1, overseas: SMS_2 }; SignIn en → SMS_3');
  });

  it("reads a plain code or an entry's china code for mainland numbers", () => {
    expect(mainlandCodeOf('SMS_3')).toBe('SMS_3');
    expect(mainlandCodeOf({ china: 'SMS_1', overseas: 'SMS_2' })).toBe('SMS_1');
  });
});
