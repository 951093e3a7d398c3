import { describe, expect, it } from 'vitest';

import { fillsSentence, sayToEndUser, sentenceLanguageFor } from './say.js';
import { endUserSentences } from './sentences.js';

describe('sentenceLanguageFor', () => {
  it.each([
    ['no language (the console’s Send)', [], 'en'],
    ['English', ['en'], 'en'],
    ['a region of English', ['en-GB'], 'en'],
    ['Simplified Chinese', ['zh-CN'], 'zh-CN'],
    ['bare Chinese, which is Simplified', ['zh'], 'zh-CN'],
    ['Singapore’s Simplified Chinese', ['zh-SG'], 'zh-CN'],
    ['Chinese written Hans', ['zh-Hans'], 'zh-CN'],
    ['Taiwan', ['zh-TW'], 'zh-TW'],
    ['Hong Kong, written Traditional', ['zh-HK'], 'zh-TW'],
    ['Macao, written Traditional', ['zh-MO'], 'zh-TW'],
    ['Chinese written Hant', ['zh-Hant'], 'zh-TW'],
    ['Hong Kong Chinese written Hans', ['zh-Hans-HK'], 'zh-CN'],
    ['German of Switzerland', ['de-CH'], 'de'],
    ['Japanese', ['ja-JP'], 'ja'],
    ['Korean', ['ko'], 'ko'],
    ['Canadian French', ['fr-CA'], 'fr'],
    ['Mexican Spanish', ['es-MX'], 'es'],
    ['bare Portuguese, which is Brazil’s', ['pt'], 'pt-BR'],
    ['Portuguese of Portugal, closer to Brazil’s than to English', ['pt-PT'], 'pt-BR'],
    ['a language without sentences', ['ru'], 'en'],
    ['text that is no language tag', ['not a tag!'], 'en'],
    ['the first served language of several', ['ru', 'fr', 'de'], 'fr'],
    ['the first language, even when a later one is English', ['ja', 'en'], 'ja'],
    ['letter case as users write it', ['ZH-hk'], 'zh-TW'],
  ])('%s', (_why, languages, expected) => {
    expect(sentenceLanguageFor(languages)).toBe(expected);
  });
});

describe('sayToEndUser', () => {
  it('says the sentence in the chosen language', () => {
    expect(sayToEndUser('not-confirmed', ['zh-CN'])).toBe(endUserSentences['not-confirmed']['zh-CN']);
    expect(sayToEndUser('not-confirmed', ['fr-FR'])).toBe(endUserSentences['not-confirmed'].fr);
    expect(sayToEndUser('not-confirmed', [])).toBe(endUserSentences['not-confirmed'].en);
  });

  it('fills placeholders with their values, and only them', () => {
    expect(sayToEndUser('country-not-allowed-named', ['de'], { country: 'US', other: 'x' })).toBe(
      'An Telefonnummern dieses Landes (US) können keine Bestätigungscodes gesendet werden.'
    );
    expect(sayToEndUser('country-not-allowed-named', ['ja'], { country: '+999' })).toBe(
      'この国（+999）の電話番号には認証コードを送信できません。'
    );
  });

  it('leaves a placeholder without a value as written, which fillsSentence lets callers avoid', () => {
    expect(sayToEndUser('country-not-allowed-named', ['en'])).toContain('({country})');
    expect(fillsSentence('country-not-allowed-named', {})).toBe(false);
    expect(fillsSentence('country-not-allowed-named', { country: 'US' })).toBe(true);
    expect(fillsSentence('not-sent', {})).toBe(true);
  });
});
