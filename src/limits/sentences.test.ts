import { describe, expect, it } from 'vitest';

import { sendLimitSentenceFor, sendLimitSentences, sentenceLanguages } from './sentences.js';

describe('sendLimitSentences', () => {
  it('has a sentence, distinct and non-empty, for every language', () => {
    expect(Object.keys(sendLimitSentences).sort()).toEqual([...sentenceLanguages].sort());
    const sentences = Object.values(sendLimitSentences);
    expect(sentences.every((sentence) => sentence.trim().length > 10)).toBe(true);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('says nothing about which limit, counts or windows', () => {
    for (const sentence of Object.values(sendLimitSentences)) {
      expect(sentence).not.toMatch(/\d|IP|range|country|Redis/i);
    }
  });
});

describe('sendLimitSentenceFor', () => {
  it.each([
    [['fr-CA', 'en'], 'fr'],
    [['de'], 'de'],
    [['zh-HK'], 'zh-TW'],
    [['zh-Hant'], 'zh-TW'],
    [['zh'], 'zh-CN'],
    [['zh-SG'], 'zh-CN'],
    [['pt-PT'], 'pt-BR'],
    [['ko-KR'], 'ko'],
    [['ja'], 'ja'],
    [['es-MX'], 'es'],
    [['it', 'es'], 'es'],
    [['it'], 'en'],
    [[], 'en'],
    [['not a tag!'], 'en'],
  ] as const)('answers %j in %s', (languages, expected) => {
    expect(sendLimitSentenceFor(languages)).toBe(sendLimitSentences[expected]);
  });
});
