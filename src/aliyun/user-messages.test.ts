import { beforeEach, describe, expect, it, vi } from 'vitest';

import { aliyunSmsConfigGuard } from '../config/schema.js';
import { fieldLabels } from '../config/labels.js';

import type { CodeKind } from './codes/meaning.js';

const kinds: readonly CodeKind[] = ['per-number-limit', 'throttled', 'quota', 'recipient', 'config', 'deployment', 'aliyun-fault'];

/**
 * Words of the configuration and of Aliyun's console, none of which an anonymous end user may
 * read: the config keys (those that are no plain English word) and the form's labels.
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
  'console',
  'isv.',
];

/**
 * The sentences are data, built when the module loads; loading it afresh inside each test lets
 * mutation testing see them checked here.
 */
const loadAfresh = async () => {
  vi.resetModules();
  return import('./user-messages.js');
};

describe('the end user’s sentences', () => {
  let messages: Awaited<ReturnType<typeof loadAfresh>>;

  beforeEach(async () => {
    messages = await loadAfresh();
  });

  const everySentence = (): ReadonlyArray<readonly [string, string]> => [
    ...kinds.map((kind) => [kind, messages.userMessageOfKind[kind]] as const),
    ['maybe sent', messages.maybeSentUserMessage],
    ['not sent', messages.notSentUserMessage],
  ];

  it('has one for each kind of Aliyun Code, and no other', () => {
    expect(Object.keys(messages.userMessageOfKind).sort()).toEqual([...kinds].sort());
  });

  it('says what happened and what to do, in whole sentences', () => {
    for (const [name, sentence] of everySentence()) {
      expect(sentence, name).toMatch(/^[A-Z][^.]{10,}\. [A-Z][^.]{10,}\.$/);
    }
  });

  it('contains nothing of the configuration, Aliyun’s console or the administrator’s vocabulary', () => {
    for (const [name, sentence] of everySentence()) {
      for (const word of configVocabulary) {
        expect(sentence.toLowerCase(), `${name}: ${word}`).not.toContain(word.toLowerCase());
      }
      expect(sentence, name).not.toMatch(/\d/);
    }
  });

  it('tells the end user whether waiting, retrying, a new code or another number helps', () => {
    const { userMessageOfKind, maybeSentUserMessage, notSentUserMessage } = messages;
    expect(userMessageOfKind['per-number-limit']).toMatch(/Too many verification codes .* wait/);
    expect(userMessageOfKind.throttled).toMatch(/busy\. Please try again in a moment/);
    expect(userMessageOfKind.recipient).toMatch(/phone number .* check the number/);
    // Nothing the end user can fix: the same words whichever part of the site is wrong.
    expect(userMessageOfKind.config).toBe(userMessageOfKind.deployment);
    expect(userMessageOfKind.config).toMatch(/problem on this site\. Please try again later/);
    expect(userMessageOfKind.quota).toMatch(/cannot be sent by SMS right now\. Please try again later/);
    expect(userMessageOfKind.quota).not.toBe(userMessageOfKind.config);
    // A code may still arrive: asking for another at once would mean two.
    for (const sentence of [userMessageOfKind['aliyun-fault'], maybeSentUserMessage]) {
      expect(sentence).toMatch(/If no code arrives within a minute, please request a new one\.$/);
    }
    expect(maybeSentUserMessage).not.toBe(userMessageOfKind['aliyun-fault']);
    expect(notSentUserMessage).toMatch(/could not be reached\. Please try again in a moment\.$/);
  });
});
