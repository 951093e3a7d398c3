import { ConnectorErrorCodes } from '@logto/connector-kit';
import { isKeyInObject } from '@silverhand/essentials';
import { describe, expect, it } from 'vitest';

import { thrownBy } from '../../test/support/rejection.js';

import { chooseTemplate } from './choose.js';
import type { TemplateEntry } from './entry.js';
import { userLanguages } from './languages.js';
import { sendSmsDefaultParams, sendSmsVerifyCodeDefaultParams } from './params.js';

const templates = [
  { usageType: 'SignIn', templateCode: 'SMS_SIGN_IN' },
  { usageType: 'Register', templateCode: { china: 'SMS_REG_CN', overseas: 'SMS_REG_INTL' } },
  { usageType: 'Generic', templateCode: { china: 'SMS_GEN_CN', overseas: 'SMS_GEN_INTL' } },
];

/** SignIn entries in the given locales (code `SMS_<locale>`), then one without a locale. */
const signInIn = (...locales: string[]): TemplateEntry[] => [
  ...locales.map((locale) => ({ usageType: 'SignIn', locale, templateCode: `SMS_${locale}` })),
  { usageType: 'SignIn', templateCode: 'SMS_DEFAULT' },
];

const descriptionOf = (error: { data: unknown }): string =>
  isKeyInObject(error.data, 'errorDescription') ? String(error.data.errorDescription) : '';

const codeFor = (entries: readonly TemplateEntry[], languages: readonly string[], usageType = 'SignIn'): string =>
  chooseTemplate(entries, usageType, 'mainland', languages).templateCode;

describe('chooseTemplate without locales (the official connector’s configs)', () => {
  it('uses the template of the exact usage type, with the default params', () => {
    expect(chooseTemplate(templates, 'SignIn', 'mainland')).toEqual({
      usageType: 'SignIn',
      templateCode: 'SMS_SIGN_IN',
      params: { code: '{{code}}' },
    });
  });

  it('uses a string template code for both regions', () => {
    expect(chooseTemplate(templates, 'SignIn', 'international').templateCode).toBe('SMS_SIGN_IN');
  });

  it('picks china or overseas by the recipient region', () => {
    expect(chooseTemplate(templates, 'Register', 'mainland').templateCode).toBe('SMS_REG_CN');
    expect(chooseTemplate(templates, 'Register', 'international').templateCode).toBe('SMS_REG_INTL');
  });

  it('falls back to Generic for a type without its own template', () => {
    expect(chooseTemplate(templates, 'MfaVerification', 'international')).toEqual({
      usageType: 'Generic',
      templateCode: 'SMS_GEN_INTL',
      params: sendSmsDefaultParams,
    });
  });

  it('uses the first entry when a usage type is listed twice, as the official connector does', () => {
    const duplicated = [
      { usageType: 'SignIn', templateCode: 'SMS_FIRST' },
      { usageType: 'SignIn', templateCode: 'SMS_SECOND' },
    ];
    expect(chooseTemplate(duplicated, 'SignIn', 'mainland').templateCode).toBe('SMS_FIRST');
  });

  it('matches usage types exactly as typed: "signin" and "SignIn " are not SignIn', () => {
    const typed = [...templates, { usageType: 'SignIn ', templateCode: 'SMS_SPACE' }];
    expect(chooseTemplate(typed, 'signin', 'mainland').usageType).toBe('Generic');
    expect(chooseTemplate(typed, 'SignIn', 'mainland').templateCode).toBe('SMS_SIGN_IN');
  });

  it('ignores the user’s languages when no entry has a locale', () => {
    expect(chooseTemplate(templates, 'SignIn', 'mainland', ['zh-CN', 'en']).templateCode).toBe('SMS_SIGN_IN');
  });

  it('throws template_not_found naming the usage type when neither it nor Generic exists', () => {
    const error = thrownBy(() => chooseTemplate(templates.slice(0, 1), 'BindMfa', 'mainland'));
    expect(error.code).toBe(ConnectorErrorCodes.TemplateNotFound);
    expect(descriptionOf(error)).toContain('usage type "BindMfa"');
    expect(descriptionOf(error)).toContain('there is no "Generic" template');
    expect(error.data).toMatchObject({ usageType: 'BindMfa', fields: ['templates'] });
    expect(error.message).not.toContain('SMS_SIGN_IN');
  });
});

describe('chooseTemplate by the user’s languages', () => {
  it('follows the order of the user’s languages, not the order of the entries', () => {
    const entries = signInIn('en', 'fr');
    expect(codeFor(entries, ['fr', 'en'])).toBe('SMS_fr');
    expect(codeFor(entries, ['en', 'fr'])).toBe('SMS_en');
  });

  it('takes uiLocales in order, then locale', () => {
    const entries = signInIn('en', 'de');
    expect(codeFor(entries, userLanguages({ uiLocales: 'de en', locale: 'en' }))).toBe('SMS_de');
    expect(codeFor(signInIn('en'), userLanguages({ uiLocales: 'fr-CA fr', locale: 'en' }))).toBe('SMS_en');
    expect(codeFor(entries, userLanguages({ locale: 'de' }))).toBe('SMS_de');
  });

  it('skips a preferred language without a template for the next one that has one', () => {
    expect(codeFor(signInIn('en'), ['ja', 'en'])).toBe('SMS_en');
  });

  it('uses the entry without a locale when none of the user’s languages has one', () => {
    expect(chooseTemplate(signInIn('en', 'de'), 'SignIn', 'mainland', ['ja', 'fr'])).toEqual({
      usageType: 'SignIn',
      templateCode: 'SMS_DEFAULT',
      params: sendSmsDefaultParams,
    });
  });

  it('leaves locale out for the entry without one', () => {
    expect(chooseTemplate(signInIn('en'), 'SignIn', 'mainland', ['fr'])).not.toHaveProperty('locale');
  });

  it('reports the chosen entry’s locale as configured', () => {
    expect(chooseTemplate(signInIn('EN-gb'), 'SignIn', 'mainland', ['en-GB']).locale).toBe('EN-gb');
  });

  it('compares tags case-insensitively', () => {
    expect(codeFor(signInIn('zh-tw'), ['ZH-TW'])).toBe('SMS_zh-tw');
  });

  it('prefers the exact tag over the base language listed before it', () => {
    expect(codeFor(signInIn('en', 'en-GB'), ['en-GB'])).toBe('SMS_en-GB');
  });

  it('falls back to the base language (en-US → en) before another region listed before it', () => {
    expect(codeFor(signInIn('en-GB', 'en'), ['en-US'])).toBe('SMS_en');
  });

  it('falls back to another tag of the same base language (en → en-GB)', () => {
    expect(codeFor(signInIn('fr', 'en-GB'), ['en'])).toBe('SMS_en-GB');
  });

  it('prefers the likely region among other tags (en → en-US, pt → pt-BR), else the first listed', () => {
    expect(codeFor(signInIn('en-GB', 'en-US'), ['en'])).toBe('SMS_en-US');
    expect(codeFor(signInIn('pt-PT', 'pt-BR'), ['pt'])).toBe('SMS_pt-BR');
    expect(codeFor(signInIn('en-GB', 'en-US'), ['en-AU'])).toBe('SMS_en-GB');
  });

  it('treats spellings of one language alike: zh-Hans-CN serves zh-CN before zh-SG', () => {
    expect(codeFor(signInIn('zh-SG', 'zh-Hans-CN'), ['zh-CN'])).toBe('SMS_zh-Hans-CN');
  });

  it('lets an earlier language’s distant match win over a later language’s exact one', () => {
    expect(codeFor(signInIn('en-GB', 'de'), ['en-US', 'de'])).toBe('SMS_en-GB');
  });

  it('ignores languages that are not valid tags', () => {
    expect(codeFor(signInIn('en'), ['not a tag', '', 'en_US', 'en'])).toBe('SMS_en');
  });

  it('skips an entry whose locale cannot be read (only an unvalidated config has one)', () => {
    const entries = [{ usageType: 'SignIn', locale: 'en_US', templateCode: 'SMS_BAD' }, ...signInIn('en')];
    expect(codeFor(entries, ['en-US'])).toBe('SMS_en');
  });

  it('picks the region’s code of the entry chosen by language', () => {
    const entries = [
      { usageType: 'SignIn', locale: 'en', templateCode: { china: 'SMS_EN_CN', overseas: 'SMS_EN_INTL' } },
      ...signInIn(),
    ];
    expect(chooseTemplate(entries, 'SignIn', 'mainland', ['en']).templateCode).toBe('SMS_EN_CN');
    expect(chooseTemplate(entries, 'SignIn', 'international', ['en']).templateCode).toBe('SMS_EN_INTL');
  });
});

describe('chooseTemplate and Chinese scripts', () => {
  const traditional = ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-HK', 'zh-Hant-CN'];
  const simplified = ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-TW', 'zh-Hans-HK'];

  it.each(traditional)('never serves %s a Simplified template', (language) => {
    expect(codeFor(signInIn(...simplified), [language])).toBe('SMS_DEFAULT');
  });

  it.each(simplified)('never serves %s a Traditional template', (language) => {
    expect(codeFor(signInIn(...traditional), [language])).toBe('SMS_DEFAULT');
  });

  it.each([
    { language: 'zh-HK', locales: ['zh-CN', 'zh', 'zh-Hans', 'zh-TW'], expected: 'zh-TW' },
    { language: 'zh-HK', locales: ['zh-CN', 'zh-TW', 'zh-Hant'], expected: 'zh-Hant' },
    { language: 'zh-MO', locales: ['zh-CN', 'zh-HK'], expected: 'zh-HK' },
    { language: 'zh-Hant', locales: ['zh-HK', 'zh-TW'], expected: 'zh-TW' },
    { language: 'zh-Hant-TW', locales: ['zh-HK', 'zh-TW'], expected: 'zh-TW' },
    // zh-Hant and zh-TW both mean zh-Hant-TW once completed: the first listed wins.
    { language: 'zh-Hant-TW', locales: ['zh-Hant', 'zh-TW'], expected: 'zh-Hant' },
    { language: 'zh-TW', locales: ['zh-HK', 'zh-Hant'], expected: 'zh-Hant' },
    { language: 'zh-Hant-CN', locales: ['zh-CN', 'zh-TW'], expected: 'zh-TW' },
    { language: 'zh-SG', locales: ['zh-TW', 'zh-CN'], expected: 'zh-CN' },
    { language: 'zh-SG', locales: ['zh-CN', 'zh-Hans'], expected: 'zh-Hans' },
    { language: 'zh', locales: ['zh-TW', 'zh-SG', 'zh-CN'], expected: 'zh-CN' },
    { language: 'zh-CN', locales: ['zh-Hant', 'zh'], expected: 'zh' },
    { language: 'zh-Hans-TW', locales: ['zh-TW', 'zh-CN'], expected: 'zh-CN' },
    { language: 'zh-Hans-HK', locales: ['zh-HK', 'zh-Hans'], expected: 'zh-Hans' },
  ])('serves $language from $locales with $expected', ({ language, locales, expected }) => {
    expect(codeFor(signInIn(...locales), [language])).toBe(`SMS_${expected}`);
  });

  it('applies the same script rule to other languages written in two scripts (Serbian)', () => {
    expect(codeFor(signInIn('sr', 'sr-Latn'), ['sr-Latn-RS'])).toBe('SMS_sr-Latn');
    expect(codeFor(signInIn('sr-Latn'), ['sr'])).toBe('SMS_DEFAULT');
  });
});

describe('chooseTemplate and Generic', () => {
  const generic = [
    { usageType: 'Generic', locale: 'en', templateCode: 'SMS_GEN_EN' },
    { usageType: 'Generic', locale: 'zh-CN', templateCode: 'SMS_GEN_ZH' },
    { usageType: 'Generic', templateCode: 'SMS_GEN' },
  ];

  it('searches the Generic entries by language for a usage type without entries', () => {
    expect(codeFor(generic, ['zh-CN'], 'BindMfa')).toBe('SMS_GEN_ZH');
    expect(codeFor(generic, ['en-GB'], 'BindMfa')).toBe('SMS_GEN_EN');
    expect(codeFor(generic, ['fr'], 'BindMfa')).toBe('SMS_GEN');
  });

  it('prefers the usage type’s own entry without a locale to a Generic one in the user’s language', () => {
    const entries = [...generic, { usageType: 'SignIn', templateCode: 'SMS_SIGN_IN' }];
    expect(codeFor(entries, ['en'])).toBe('SMS_SIGN_IN');
  });

  it('searches Generic when the usage type has entries only for other languages', () => {
    const entries = [{ usageType: 'SignIn', locale: 'de', templateCode: 'SMS_SIGN_IN_DE' }, ...generic];
    expect(codeFor(entries, ['de'])).toBe('SMS_SIGN_IN_DE');
    expect(codeFor(entries, ['en'])).toBe('SMS_GEN_EN');
    expect(codeFor(entries, ['ja'])).toBe('SMS_GEN');
  });

  it('gives the console’s test button (Generic, no languages) the Generic entry without a locale', () => {
    expect(chooseTemplate(generic, 'Generic', 'international', userLanguages({ code: '000000' }))).toEqual({
      usageType: 'Generic',
      templateCode: 'SMS_GEN',
      params: sendSmsDefaultParams,
    });
  });

  it('names the usage type when only entries for other languages exist', () => {
    const entries = [
      { usageType: 'SignIn', locale: 'de', templateCode: 'SMS_SIGN_IN_DE' },
      { usageType: 'Generic', locale: 'en', templateCode: 'SMS_GEN_EN' },
    ];
    const error = thrownBy(() => chooseTemplate(entries, 'SignIn', 'mainland', ['fr']));
    expect(error.code).toBe(ConnectorErrorCodes.TemplateNotFound);
    expect(descriptionOf(error)).toContain('usage type "SignIn" serves the user\'s languages');
    expect(descriptionOf(error)).toContain('without a "locale"');
    expect(error.data).toMatchObject({ usageType: 'SignIn', fields: ['templates'] });
    expect(error.message).not.toMatch(/SMS_/);
  });

  it.each([
    ['the usage type has entries only for other languages', [{ usageType: 'SignIn', locale: 'de', templateCode: 'SMS_DE' }]],
    ['Generic has entries only for other languages', [{ usageType: 'Generic', locale: 'de', templateCode: 'SMS_DE' }]],
  ])('says no entry serves the user’s languages when %s', (_name, entries) => {
    expect(descriptionOf(thrownBy(() => chooseTemplate(entries, 'SignIn', 'mainland', ['fr'])))).toContain(
      'serves the user\'s languages'
    );
  });

  it('refuses the test button when Generic has entries only with a locale', () => {
    const error = thrownBy(() => chooseTemplate(generic.slice(0, 2), 'Generic', 'mainland'));
    expect(error.code).toBe(ConnectorErrorCodes.TemplateNotFound);
    expect(error.data).toMatchObject({ usageType: 'Generic' });
  });
});

describe('chooseTemplate params', () => {
  const withParams = [
    { usageType: 'Generic', templateCode: 'SMS_GEN', params: { number: '{{code}}', min: '5' } },
    { usageType: 'SignIn', templateCode: 'SMS_SIGN_IN' },
  ];

  it('returns the chosen entry’s own params', () => {
    expect(chooseTemplate(withParams, 'Register', 'mainland').params).toEqual({ number: '{{code}}', min: '5' });
  });

  it('returns the service’s default params for an entry without them', () => {
    expect(chooseTemplate(withParams, 'SignIn', 'mainland').params).toEqual(sendSmsDefaultParams);
    expect(chooseTemplate(withParams, 'SignIn', 'mainland', [], sendSmsVerifyCodeDefaultParams).params).toEqual({
      code: '{{code}}',
      min: '10',
    });
  });

  it('keeps an entry’s own params over the service’s default', () => {
    expect(chooseTemplate(withParams, 'Generic', 'mainland', [], sendSmsVerifyCodeDefaultParams).params).toEqual({
      number: '{{code}}',
      min: '5',
    });
  });
});
