import { describe, expect, it } from 'vitest';

import { aliyunSmsConfigGuard } from '../config/schema.js';
import { fieldLabels } from '../config/labels.js';
import { metadata } from '../metadata.js';

import { endUserSentences, isSentenceId, placeholdersOf, sentenceLanguages } from './sentences.js';

const entries = Object.entries(endUserSentences);

/**
 * Words of the configuration and of Aliyun's console, none of which an anonymous end user may
 * read: the config keys (those that are no plain word) and the form's labels.
 */
const configVocabulary: readonly string[] = [
  ...Object.keys(aliyunSmsConfigGuard.innerType().shape).filter((key) => /[A-Z]/.test(key)),
  ...Object.values(fieldLabels),
  'template',
  'endpoint',
  'timeout',
  'Aliyun',
  'AccessKey',
  'RAM',
  'RequestId',
  'isv.',
  '模板',
  '阿里云',
  '阿里雲',
];

/** Whether `text` holds `word`: as a whole word when it is written in Latin letters. */
const mentions = (text: string, word: string): boolean => {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return /^[\x20-\x7e]+$/.test(word)
    ? new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'iu').test(text)
    : text.includes(word);
};

describe('the end user’s sentences', () => {
  it('exist in exactly the languages of the connector’s metadata', () => {
    expect([...sentenceLanguages].sort()).toEqual(Object.keys(metadata.description).sort());
    for (const [id, sentence] of entries) {
      expect(Object.keys(sentence).sort(), id).toEqual([...sentenceLanguages].sort());
    }
  });

  it('are never empty and never padded', () => {
    for (const [id, sentence] of entries) {
      for (const [language, text] of Object.entries(sentence)) {
        expect(text.trim(), `${id} ${language}`).not.toBe('');
        expect(text, `${id} ${language}`).toBe(text.trim());
      }
    }
  });

  it('hold the same placeholders in every language, and braces only as placeholders', () => {
    for (const [id, sentence] of entries) {
      const english = placeholdersOf(sentence.en).sort();
      for (const [language, text] of Object.entries(sentence)) {
        expect(placeholdersOf(text).sort(), `${id} ${language}`).toEqual(english);
        expect(text.replace(/\{\w+\}/g, ''), `${id} ${language}`).not.toMatch(/[{}$]/);
      }
    }
  });

  it('differ between languages: none is left untranslated', () => {
    for (const [id, sentence] of entries) {
      const texts = Object.values(sentence);
      expect(new Set(texts).size, id).toBe(texts.length);
    }
  });

  it('end as sentences do in their script', () => {
    for (const [id, sentence] of entries) {
      for (const [language, text] of Object.entries(sentence)) {
        expect(text, `${id} ${language}`).toMatch(language.startsWith('zh') || language === 'ja' ? /。$/ : /\.$/);
      }
    }
  });

  it('contain nothing of the configuration, Aliyun’s console or a number longer than one digit', () => {
    for (const [id, sentence] of entries) {
      for (const [language, text] of Object.entries(sentence)) {
        for (const word of configVocabulary) {
          expect(mentions(text, word), `${id} ${language}: ${word}`).toBe(false);
        }
        expect(text, `${id} ${language}`).not.toMatch(/\d\d/);
      }
    }
  });

  it('are known by their ids and nothing else', () => {
    expect(isSentenceId('not-confirmed')).toBe(true);
    expect(isSentenceId('toString')).toBe(false);
    expect(isSentenceId('The SMS service is busy.')).toBe(false);
    expect(isSentenceId(7)).toBe(false);
  });

  it('check vocabulary by whole words', () => {
    expect(mentions('Check the signName field.', 'signName')).toBe(true);
    expect(mentions('Foram solicitados', 'RAM')).toBe(false);
    expect(mentions('请检查模板。', '模板')).toBe(true);
  });

  it('find placeholders by name', () => {
    expect(placeholdersOf('A {country} and {code}, not {} or { x }.')).toEqual(['country', 'code']);
  });
});
