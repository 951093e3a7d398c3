import { TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import type { TemplateEntry } from './entry.js';
import { placeholderTemplateCode, templateSetIssues } from './rules.js';

const usageTypes: string[] = Object.values(TemplateType);
const eightTypes = usageTypes.filter((type) => type !== 'Generic');

const entry = (usageType: string, locale?: string, templateCode: TemplateEntry['templateCode'] = 'SMS_SECRETISH_1'): TemplateEntry => ({
  usageType,
  templateCode,
  ...(locale === undefined ? {} : { locale }),
});

const generic = entry('Generic');

describe('templateSetIssues: one entry per usage type and locale', () => {
  it('accepts several entries of one usage type with distinct locales and one without', () => {
    expect(templateSetIssues([entry('SignIn', 'en'), entry('SignIn', 'zh-CN'), entry('SignIn', 'zh-TW'), entry('SignIn'), generic])).toEqual([]);
  });

  it('accepts the same locale under different usage types', () => {
    expect(templateSetIssues([entry('SignIn', 'en'), entry('Register', 'en'), generic])).toEqual([]);
  });

  it('accepts usage types that differ only by a stray space, as they are different types', () => {
    expect(templateSetIssues([entry('SignIn'), entry('SignIn '), generic])).toEqual([]);
  });

  it('accepts a usage type listed twice in a config without locales, as the official connector does', () => {
    expect(templateSetIssues([generic, entry('SignIn'), entry('Register'), entry('SignIn')])).toEqual([]);
  });

  it('refuses a second entry without a locale once the config uses locales, naming the usage type and both entries', () => {
    expect(templateSetIssues([generic, entry('SignIn'), entry('Register', 'en'), entry('SignIn')])).toEqual([
      {
        path: [3],
        message:
          'is a second usageType "SignIn" template without a "locale" (entry 2 is the first): keep one, or give each its own "locale"',
      },
    ]);
  });

  it('refuses a repeated locale, case-insensitively, at the later entry’s locale', () => {
    expect(templateSetIssues([entry('SignIn', 'zh-TW'), generic, entry('SignIn', 'ZH-tw')])).toEqual([
      {
        path: [2, 'locale'],
        message: '"ZH-tw" repeats the locale of entry 1 for usageType "SignIn": give each locale of a usage type one entry',
      },
    ]);
  });

  it('compares locales in their canonical spelling (iw is he)', () => {
    expect(templateSetIssues([entry('SignIn', 'he'), entry('SignIn', 'iw'), generic]).map(({ path }) => path)).toEqual([
      [1, 'locale'],
    ]);
  });

  it('keeps different tags of one language apart: zh-TW and zh-Hant may both be listed', () => {
    expect(templateSetIssues([entry('SignIn', 'zh-TW'), entry('SignIn', 'zh-Hant'), generic])).toEqual([]);
  });

  it('compares invalid locales (left by a failed refinement) by their text, without throwing', () => {
    expect(templateSetIssues([entry('SignIn', 'en_US'), entry('SignIn', ' EN_us '), generic]).map(({ path }) => path)).toEqual([
      [1, 'locale'],
    ]);
  });

  it('reports every repeat, each against the first entry', () => {
    const issues = templateSetIssues([generic, entry('Generic'), entry('Generic'), entry('SignIn', 'en')]);
    expect(issues.map(({ path }) => path)).toEqual([[1], [2]]);
    expect(issues.every(({ message }) => message.includes('(entry 1 is the first)'))).toBe(true);
  });
});

describe('templateSetIssues: every usage type served in every language', () => {
  it('accepts a Generic entry without a locale alone', () => {
    expect(templateSetIssues([generic])).toEqual([]);
  });

  it('accepts an entry without a locale for each of the eight types instead of Generic', () => {
    expect(templateSetIssues(eightTypes.map((type) => entry(type)))).toEqual([]);
  });

  it('names the types left without a template when Generic is missing', () => {
    expect(templateSetIssues([entry('SignIn'), entry('Register')])).toEqual([
      {
        path: [],
        message: `have no template for ${eightTypes.filter((type) => type !== 'SignIn' && type !== 'Register').join(', ')}: add a "Generic" template (used for every type without its own) or one for each`,
      },
    ]);
  });

  it('does not count a Generic entry with a locale', () => {
    const issues = templateSetIssues([entry('Generic', 'en'), ...eightTypes.slice(1).map((type) => entry(type))]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(new RegExp(`^have no template for ${eightTypes[0] ?? ''}:`));
  });

  it('does not count a usage type’s entries with a locale, and says why', () => {
    const issues = templateSetIssues([
      entry('BindMfa', 'en'),
      entry('BindMfa', 'zh-CN'),
      ...eightTypes.filter((type) => type !== 'BindMfa').map((type) => entry(type)),
    ]);
    expect(issues).toEqual([
      {
        path: [],
        message:
          'have no template for BindMfa: add a "Generic" template (used for every type without its own) or one for each; entries with a "locale" do not count, as they serve only their language',
      },
    ]);
  });

  it('explains entries with a locale whenever one of the uncovered types has them', () => {
    const issues = templateSetIssues([entry('BindMfa', 'en'), ...eightTypes.slice(2).filter((type) => type !== 'BindMfa').map((type) => entry(type))]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('entries with a "locale" do not count');
  });

  it('asks nothing of Generic when the eight types are covered', () => {
    expect(templateSetIssues([entry('Generic', 'en'), ...eightTypes.map((type) => entry(type))])).toEqual([]);
  });

  it('does not count a misspelt usage type', () => {
    const issues = templateSetIssues([entry('SignIn '), ...eightTypes.filter((type) => type !== 'SignIn').map((type) => entry(type))]);
    expect(issues.map(({ message }) => message)).toEqual([expect.stringMatching(/^have no template for SignIn:/)]);
  });
});

describe('templateSetIssues: the form’s placeholder code', () => {
  it('refuses the untouched default templates, naming every usage type', () => {
    const defaults = usageTypes.map((usageType) => entry(usageType, undefined, placeholderTemplateCode));
    expect(templateSetIssues(defaults)).toEqual([
      {
        path: [],
        message: `still hold the form's placeholder template code SMS_000000000 for ${usageTypes.join(', ')}: replace it with an approved template code from the SMS console (Templates)`,
      },
    ]);
  });

  it('names only the usage types still holding it, with their locale, in either region', () => {
    const issues = templateSetIssues([
      generic,
      entry('SignIn', undefined, { china: 'SMS_1', overseas: placeholderTemplateCode }),
      entry('Register', 'zh-CN', { china: placeholderTemplateCode, overseas: 'SMS_2' }),
      entry('BindMfa', undefined, 'SMS_3'),
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('SMS_000000000 for SignIn, Register (zh-CN):');
  });

  it('is not fooled by spaces around the placeholder', () => {
    expect(templateSetIssues([entry('Generic', undefined, ` ${placeholderTemplateCode} `)])).toHaveLength(1);
  });

  it('accepts other codes, such as Aliyun’s test template', () => {
    expect(templateSetIssues([entry('Generic', undefined, 'SMS_154950909'), entry('SignIn', undefined, 'SMS_000000001')])).toEqual([]);
  });
});

describe('templateSetIssues messages', () => {
  it('report every rule at once, never echoing a template code other than the placeholder', () => {
    const messages = templateSetIssues([
      entry('SignIn', undefined, 'SMS_SECRETISH_1'),
      entry('SignIn', undefined, { china: 'SMS_SECRETISH_2', overseas: placeholderTemplateCode }),
      entry('SignIn', 'en', 'SMS_SECRETISH_3'),
      entry('SignIn', 'EN', 'SMS_SECRETISH_4'),
    ]).map(({ message }) => message);
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message).not.toContain('SECRETISH');
    }
  });
});
