import { getConfigTemplateByType, TemplateType } from '@logto/connector-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Region } from '../phone.js';

import { chooseTemplate } from './choose.js';
import type { TemplateEntry } from './entry.js';
import { matchRank, readLanguageTag, type LanguageTag } from './languages.js';
import { sendSmsDefaultParams, templateParamFor } from './params.js';
import { templateSetIssues } from './rules.js';

const usageTypes: string[] = Object.values(TemplateType);
const generic: string = TemplateType.Generic;

const traditional = ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-HK', 'zh-Hant-CN', 'ZH-tw'];
const simplified = ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-TW', 'zh-Hans-HK', 'zh-cn'];
const otherLocales = ['en', 'en-US', 'en-GB', 'EN-au', 'fr', 'fr-CA', 'de', 'sr', 'sr-Latn', 'pt-BR', 'pt-PT', 'ja'];
const localePool = [...traditional.slice(0, 7), ...simplified.slice(0, 7), ...otherLocales];

/** What a user's payload may yield, and what an untrusted caller may pass anyway. */
const languagesArbitrary = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...localePool, ...traditional, ...simplified, 'en-NZ', 'ko', 'und') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }
  ),
  { maxLength: 4 }
);

const regionArbitrary = fc.constantFrom<Region>('mainland', 'international');

/** Gives every entry its own code, so the chosen one can be told from the others. */
const numbered = (entries: ReadonlyArray<Omit<TemplateEntry, 'templateCode'>>, regional: readonly boolean[]): TemplateEntry[] =>
  entries.map((entry, index) => ({
    ...entry,
    templateCode: regional[index] ? { china: `SMS_${index}_CN`, overseas: `SMS_${index}_INTL` } : `SMS_${index}`,
  }));

const shuffled = <T>(items: readonly T[]): fc.Arbitrary<T[]> =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

/** Template sets that pass every set rule: distinct locales per usage type, coverage by entries without locale. */
const soundSet = fc
  .record({
    genericDefault: fc.boolean(),
    perType: fc.tuple(
      ...usageTypes.map(() =>
        fc.record({
          locales: fc.uniqueArray(fc.constantFrom(...localePool), { selector: (locale) => locale.toLowerCase(), maxLength: 4 }),
          withDefault: fc.boolean(),
        })
      )
    ),
    typos: fc.uniqueArray(fc.constantFrom('SignIn ', 'signin', 'Bindmfa'), { maxLength: 2 }),
  })
  .chain(({ genericDefault, perType, typos }) => {
    const entries = usageTypes.flatMap((usageType, index) => {
      const { locales, withDefault } = perType[index] ?? { locales: [], withDefault: false };
      const hasDefault = usageType === generic ? genericDefault : withDefault || !genericDefault;
      return [...locales.map((locale) => ({ usageType, locale })), ...(hasDefault ? [{ usageType }] : [])];
    });
    const all = [...entries, ...typos.map((usageType) => ({ usageType }))];
    return fc.tuple(shuffled(all), fc.array(fc.boolean(), { minLength: all.length, maxLength: all.length }));
  })
  .map(([entries, regional]) => numbered(entries, regional));

const tagsOf = (languages: readonly string[]): LanguageTag[] =>
  languages.map((language) => readLanguageTag(language)).filter((tag) => tag !== undefined);

const rankOf = (language: LanguageTag, { locale }: TemplateEntry): number | undefined => {
  const tag = locale === undefined ? undefined : readLanguageTag(locale);
  return tag && matchRank(language, tag);
};

const entryWithCode = (entries: readonly TemplateEntry[], code: string, region: Region): TemplateEntry | undefined =>
  entries.find(({ templateCode }) =>
    typeof templateCode === 'object' ? (region === 'mainland' ? templateCode.china : templateCode.overseas) === code : templateCode === code
  );

describe('chooseTemplate on template sets that pass the rules (property)', () => {
  it('the generated sets pass the rules', () => {
    fc.assert(
      fc.property(soundSet, (set) => {
        expect(templateSetIssues(set)).toEqual([]);
      })
    );
  });

  it('always yields a template for every usage type but Generic, whatever the languages', () => {
    fc.assert(
      fc.property(soundSet, languagesArbitrary, regionArbitrary, (set, languages, region) => {
        for (const usageType of usageTypes.filter((type) => type !== generic)) {
          expect(() => chooseTemplate(set, usageType, region, languages)).not.toThrow();
        }
        const genericDefault = set.some(({ usageType, locale }) => usageType === generic && locale === undefined);
        if (genericDefault) {
          expect(chooseTemplate(set, generic, region, []).locale).toBeUndefined();
        }
      }),
      { numRuns: 300 }
    );
  });

  it('serves the first language that has an entry, with its closest entry; else the entry without locale; else Generic', () => {
    fc.assert(
      fc.property(soundSet, languagesArbitrary, regionArbitrary, fc.constantFrom(...usageTypes), (set, languages, region, usageType) => {
        const tags = tagsOf(languages);
        // What the rules promise, stated without the search: who may serve, and how closely.
        const servingFrom = (type: string) => {
          const own = set.filter((candidate) => candidate.usageType === type);
          const deciding = tags.find((tag) => own.some((candidate) => rankOf(tag, candidate) !== undefined));
          const fallback = own.find(({ locale }) => locale === undefined);
          return deciding || fallback ? { type, own, deciding, fallback } : undefined;
        };
        const serving = servingFrom(usageType) ?? servingFrom(generic);
        if (!serving) {
          expect(() => chooseTemplate(set, usageType, region, languages)).toThrow();
          return;
        }
        const chosen = chooseTemplate(set, usageType, region, languages);
        const entry = entryWithCode(set, chosen.templateCode, region);
        expect(entry?.usageType).toBe(chosen.usageType);
        expect(entry?.locale).toBe(chosen.locale);
        expect(chosen.usageType).toBe(serving.type);
        const { deciding } = serving;
        if (deciding) {
          const ranks = serving.own.map((candidate) => rankOf(deciding, candidate)).filter((rank) => rank !== undefined);
          expect(entry && rankOf(deciding, entry)).toBe(Math.min(...ranks));
        } else {
          expect(entry).toBe(serving.fallback);
        }
      }),
      { numRuns: 400 }
    );
  });

  it('never crosses between Traditional and Simplified Chinese', () => {
    const crossing = [
      { languages: traditional, forbidden: simplified },
      { languages: simplified, forbidden: traditional },
    ];
    fc.assert(
      fc.property(soundSet, fc.constantFrom(...crossing), fc.nat(), fc.constantFrom(...usageTypes), (set, script, seed, usageType) => {
        const languages = [script.languages[seed % script.languages.length] ?? 'zh'];
        fc.pre(usageType !== generic || set.some((entry) => entry.usageType === generic && entry.locale === undefined));
        const { locale } = chooseTemplate(set, usageType, 'mainland', languages);
        const forbidden = new Set(script.forbidden.map((tag) => tag.toLowerCase()));
        expect(forbidden.has(locale?.toLowerCase() ?? '')).toBe(false);
      }),
      { numRuns: 300 }
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Configs written for the official connector: no locale, no params, duplicates and typos allowed.

const officialCode = fc.oneof(
  fc.constantFrom('SMS_154950909', 'SMS_465324787', 'SMS_1'),
  fc.record({ china: fc.constantFrom('SMS_CN_1', 'SMS_CN_2'), overseas: fc.constantFrom('SMS_INTL_1', 'SMS_INTL_2') })
);

const officialEntry = fc.record(
  {
    usageType: fc.oneof(fc.constantFrom(...usageTypes), fc.constantFrom('SignIn ', 'signin', 'Custom')),
    templateCode: officialCode,
    type: fc.constantFrom(0, 1, 2, 6, 7),
  },
  { requiredKeys: ['usageType', 'templateCode'] }
);

const officialSet = fc.array(officialEntry, { maxLength: 12 });

describe('chooseTemplate on official configs (property)', () => {
  it('chooses what connector-kit’s getConfigTemplateByType chooses, whatever the languages, and sends {"code":…}', () => {
    fc.assert(
      fc.property(officialSet, fc.constantFrom(...usageTypes), regionArbitrary, languagesArbitrary, (set, usageType, region, languages) => {
        const theirs = getConfigTemplateByType(usageType, { templates: set });
        if (!theirs) {
          expect(() => chooseTemplate(set, usageType, region, languages)).toThrow();
          return;
        }
        const { templateCode } = theirs;
        const chosen = chooseTemplate(set, usageType, region, languages);
        expect(chosen).toEqual({
          usageType: theirs.usageType,
          templateCode:
            typeof templateCode === 'string' ? templateCode : region === 'mainland' ? templateCode.china : templateCode.overseas,
          params: sendSmsDefaultParams,
        });
        expect(templateParamFor(chosen.params, '123456')).toBe('{"code":"123456"}');
      }),
      { numRuns: 500 }
    );
  });
});
