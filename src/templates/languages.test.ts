import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { matchRank, matchRanks, readLanguageTag, userLanguages, type LanguageTag } from './languages.js';

const tagOf = (text: string): LanguageTag => {
  const tag = readLanguageTag(text);
  if (!tag) {
    throw new Error(`test setup: ${text} is not a language tag`);
  }
  return tag;
};

describe('readLanguageTag', () => {
  it('spells the tag canonically and keys it case-insensitively', () => {
    expect(tagOf('ZH-hant-tw')).toMatchObject({ tag: 'zh-Hant-TW', key: 'zh-hant-tw' });
    expect(tagOf('en-us').key).toBe(tagOf('EN-US').key);
  });

  it.each(['', ' ', 'en_US', 'x', 'en--US', 'en-US ', 'i-klingon', 'x-private', '123', 'zh-yue'])(
    'refuses %j without throwing',
    (text) => {
      expect(readLanguageTag(text)).toBeUndefined();
    }
  );

  it.each([
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hans-TW', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-Hant-CN', 'zh-Hant'],
    ['en-GB', 'en-Latn'],
    ['sr', 'sr-Cyrl'],
    ['sr-Latn', 'sr-Latn'],
  ])('puts %s in the family %s', (text, family) => {
    expect(tagOf(text).family).toBe(family);
  });

  it('keeps "und" a language of its own, not the English maximize() makes of it', () => {
    expect(tagOf('und').family).not.toMatch(/^en/);
    expect(matchRank(tagOf('en'), tagOf('und'))).toBeUndefined();
  });

  it('puts a language without a known script in a family of its own name', () => {
    expect(tagOf('qaa').family).toBe('qaa');
  });

  it('reads a tag the same once many other tags have passed through its bounded memory', () => {
    for (let index = 0; index < 300; index += 1) {
      readLanguageTag(`en-x-fill${index}`);
    }
    expect(readLanguageTag('en')).toEqual({ tag: 'en', key: 'en', family: 'en-Latn', likely: 'en-Latn-US', regional: false });
    expect(readLanguageTag('zh-hk')).toEqual({ tag: 'zh-HK', key: 'zh-hk', family: 'zh-Hant', likely: 'zh-Hant-HK', regional: true });
  });

  it('says whether a tag names a region', () => {
    expect(tagOf('en-GB').regional).toBe(true);
    expect(tagOf('zh-Hant').regional).toBe(false);
    expect(tagOf('en').regional).toBe(false);
  });
});

describe('matchRank', () => {
  it.each([
    ['en-US', 'EN-us', matchRanks.exact],
    ['zh-Hant-TW', 'zh-hant-tw', matchRanks.exact],
    ['en', 'en-US', matchRanks.equivalent],
    ['en-US', 'en', matchRanks.equivalent],
    ['zh-CN', 'zh-Hans-CN', matchRanks.equivalent],
    ['zh-CN', 'zh', matchRanks.equivalent],
    ['zh-TW', 'zh-Hant', matchRanks.equivalent],
    ['en-GB', 'en', matchRanks.base],
    ['zh-HK', 'zh-Hant', matchRanks.base],
    ['zh-SG', 'zh-Hans', matchRanks.base],
    ['en', 'en-GB', matchRanks.sibling],
    ['en-AU', 'en-GB', matchRanks.sibling],
    ['zh-HK', 'zh-TW', matchRanks.sibling],
    ['zh-Hant', 'zh-HK', matchRanks.sibling],
  ])('ranks %s served by %s as %i', (user, entry, rank) => {
    expect(matchRank(tagOf(user), tagOf(entry))).toBe(rank);
  });

  it.each([
    ['zh-HK', 'zh-CN'],
    ['zh-HK', 'zh'],
    ['zh-TW', 'zh-Hans'],
    ['zh-CN', 'zh-TW'],
    ['zh', 'zh-Hant'],
    ['zh-Hans-TW', 'zh-TW'],
    ['zh-Hant-CN', 'zh-CN'],
    ['en', 'fr'],
    ['sr', 'sr-Latn'],
  ])('never lets %s be served by %s', (user, entry) => {
    expect(matchRank(tagOf(user), tagOf(entry))).toBeUndefined();
  });
});

describe('userLanguages', () => {
  it('lists uiLocales in order, then locale', () => {
    expect(userLanguages({ code: '123456', uiLocales: 'fr-CA fr', locale: 'en' })).toEqual(['fr-CA', 'fr', 'en']);
  });

  it('reads locale alone, as in sign-in flows without ui_locales', () => {
    expect(userLanguages({ code: '123456', locale: 'zh-CN' })).toEqual(['zh-CN']);
  });

  it('is empty for the console’s test button payload', () => {
    expect(userLanguages({ code: '000000' })).toEqual([]);
  });

  it('splits uiLocales on any whitespace and spells tags canonically', () => {
    expect(userLanguages({ uiLocales: '  zh-hant-tw\tEN\n ja  ' })).toEqual(['zh-Hant-TW', 'en', 'ja']);
  });

  it('drops repeats, whatever their case, keeping the first place', () => {
    expect(userLanguages({ uiLocales: 'en zh-CN EN', locale: 'zh-cn' })).toEqual(['en', 'zh-CN']);
  });

  it('skips invalid tags and keeps the valid ones around them', () => {
    expect(userLanguages({ uiLocales: 'en_US fr <script> de', locale: 'not a tag' })).toEqual(['fr', 'de']);
  });

  it.each([
    ['a non-object payload', 'en'],
    ['null', null],
    ['an array', ['en']],
    ['non-string values', { uiLocales: ['en'], locale: 7 }],
    ['a locale holding a list', { locale: 'en fr' }],
    // Intl would read an array of tags: only a string is taken as the locale.
    ['a locale that is an array of tags', { locale: ['fr-CA'] }],
    ['uiLocales that is an array of tags', { uiLocales: ['fr-CA', 'de'] }],
  ])('is empty for %s', (_name, payload) => {
    expect(userLanguages(payload)).toEqual([]);
  });

  it('reads only the first 16 words of uiLocales, and locale after them', () => {
    const many = Array.from({ length: 40 }, (_, index) => `en-var${String(index).padStart(2, '0')}`);
    const languages = userLanguages({ uiLocales: ['ja', ...many].join(' '), locale: 'en' });
    expect(languages).toHaveLength(17);
    expect(languages[0]).toBe('ja');
    expect(languages.at(-1)).toBe('en');
  });

  it('counts words, not the whitespace around them, toward that limit', () => {
    const sixteen = Array.from({ length: 16 }, (_, index) => `en-var${String(index).padStart(2, '0')}`);
    expect(userLanguages({ uiLocales: `  \t${sixteen.join('  \n ')}` })).toEqual(sixteen);
  });

  it('costs little for a huge uiLocales from an end user', () => {
    const huge = 'en-US '.repeat(200_000);
    const started = performance.now();
    expect(userLanguages({ uiLocales: huge })).toEqual(['en-US']);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('never throws and returns only canonical tags, for any JSON payload (property)', () => {
    const words = fc.constantFrom('en', 'zh-TW', 'ZH-hans', 'und', 'en_US', '', '{{code}}', 'x-private', 'fr-CA');
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          code: fc.string(),
          uiLocales: fc.oneof(fc.array(words).map((list) => list.join(' ')), fc.jsonValue()),
          locale: fc.oneof(words, fc.jsonValue()),
        },
        { requiredKeys: [] }
      )
    );
    fc.assert(
      fc.property(payload, (value) => {
        const languages = userLanguages(value);
        for (const language of languages) {
          expect(Intl.getCanonicalLocales(language)).toEqual([language]);
        }
        expect(new Set(languages.map((language) => language.toLowerCase())).size).toBe(languages.length);
      })
    );
  });
});

describe('readLanguageTag remembers what it read', () => {
  it('reads the same text once, and still reads every tag right after its bound is passed', () => {
    const first = readLanguageTag('zh-HK');
    expect(readLanguageTag('zh-HK')).toBe(first);
    for (let index = 0; index < 300; index += 1) {
      expect(readLanguageTag(`en-x-t${index}`)?.family).toBe('en-Latn');
    }
    expect(readLanguageTag('zh-HK')).toEqual(first);
    expect(readLanguageTag('not a tag!')).toBeUndefined();
    expect(readLanguageTag('not a tag!')).toBeUndefined();
  });
});
