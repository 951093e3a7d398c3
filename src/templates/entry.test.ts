import { describe, expect, it } from 'vitest';

import { templateEntryGuard } from './entry.js';

/** The issues zod reports for one entry, as `path: message`. */
const problemsOf = (entry: unknown): string[] => {
  const result = templateEntryGuard.safeParse(entry);
  return result.success ? [] : result.error.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);
};

describe('templateEntryGuard', () => {
  it('accepts the official connector’s entries unchanged, legacy type included', () => {
    const official = [
      { usageType: 'SignIn', templateCode: 'SMS_1', type: 2 },
      { usageType: 'Generic', templateCode: { china: 'SMS_2', overseas: 'SMS_3' } },
      { usageType: 'Register', templateCode: 'SMS_4', type: 'VerificationCode' },
    ];
    for (const entry of official) {
      expect(templateEntryGuard.parse(entry)).toEqual(entry);
    }
  });

  it('keeps a usage type as typed, stray spaces included, and trims template codes', () => {
    expect(templateEntryGuard.parse({ usageType: 'SignIn ', templateCode: ' SMS_1 ' })).toEqual({
      usageType: 'SignIn ',
      templateCode: 'SMS_1',
    });
  });

  it('drops keys it does not know, as the official guard does', () => {
    expect(templateEntryGuard.parse({ usageType: 'SignIn', templateCode: 'SMS_1', note: 'x' })).toEqual({
      usageType: 'SignIn',
      templateCode: 'SMS_1',
    });
  });

  it.each(['en', 'zh-CN', 'zh-TW', 'zh-Hant', 'zh-Hant-TW', 'EN-gb', 'sr-Latn'])('accepts the locale %s as typed', (locale) => {
    expect(templateEntryGuard.parse({ usageType: 'SignIn', templateCode: 'SMS_1', locale }).locale).toBe(locale);
  });

  it('trims a locale', () => {
    expect(templateEntryGuard.parse({ usageType: 'SignIn', templateCode: 'SMS_1', locale: ' en ' }).locale).toBe('en');
  });

  it('keeps params', () => {
    const params = { number: '{{code}}', min: '10' };
    expect(templateEntryGuard.parse({ usageType: 'SignIn', templateCode: 'SMS_1', params }).params).toEqual(params);
  });

  it.each([
    ['a blank usage type', { usageType: ' ', templateCode: 'SMS_1' }, 'usageType: must not be empty'],
    ['a blank template code', { usageType: 'SignIn', templateCode: '\t' }, 'templateCode: '],
    [
      'a blank regional code',
      { usageType: 'SignIn', templateCode: { china: 'SMS_1', overseas: '' } },
      'templateCode.overseas: must not be empty',
    ],
    ['an invalid locale', { usageType: 'SignIn', templateCode: 'SMS_1', locale: 'en_US' }, 'locale: must be a language tag'],
    ['an empty locale', { usageType: 'SignIn', templateCode: 'SMS_1', locale: '' }, 'locale: must be a language tag'],
    ['a locale list', { usageType: 'SignIn', templateCode: 'SMS_1', locale: 'en zh-CN' }, 'locale: must be a language tag'],
    ['a locale that is not text', { usageType: 'SignIn', templateCode: 'SMS_1', locale: ['en'] }, 'locale: Expected string'],
    [
      'params without {{code}}',
      { usageType: 'SignIn', templateCode: 'SMS_1', params: { min: '10' } },
      'params: must put {{code}} in at least one value',
    ],
    [
      'a params value with {{link}}',
      { usageType: 'SignIn', templateCode: 'SMS_1', params: { code: '{{code}}', url: '{{link}}' } },
      'params.url: may contain {{code}} and plain text only',
    ],
  ])('refuses %s, naming the field', (_name, entry, expected) => {
    expect(problemsOf(entry).join('\n')).toContain(expected);
  });
});
