import { beforeEach, describe, expect, it, vi } from 'vitest';

import { endUserSentences, type SentenceId } from '../../end-user/sentences.js';

import type { CodeKind } from './codes/meaning.js';

const kinds: readonly CodeKind[] = ['per-number-limit', 'throttled', 'quota', 'recipient', 'config', 'deployment', 'aliyun-fault'];

/**
 * The choice is data, built when the module loads; loading it afresh inside each test lets
 * mutation testing see it checked here.
 */
const loadAfresh = async () => {
  vi.resetModules();
  return import('./user-messages.js');
};

const english = (id: SentenceId): string => endUserSentences[id].en;

describe('the end user’s sentence for each failure', () => {
  let messages: Awaited<ReturnType<typeof loadAfresh>>;

  beforeEach(async () => {
    messages = await loadAfresh();
  });

  it('is named for each kind of Aliyun Code, and no other', () => {
    expect(Object.keys(messages.userSentenceOfKind).sort()).toEqual([...kinds].sort());
  });

  it('tells the end user whether waiting, retrying, a new code or another number helps', () => {
    const { userSentenceOfKind, maybeSentUserSentence, notSentUserSentence } = messages;
    expect(english(userSentenceOfKind['per-number-limit'])).toMatch(/Too many verification codes .* this phone number.* wait/);
    expect(english(userSentenceOfKind.throttled)).toMatch(/busy\. Please try again in a moment/);
    expect(english(userSentenceOfKind.recipient)).toMatch(/phone number .* check the number/);
    // Nothing the end user can fix: the same words whichever part of the site is wrong.
    expect(userSentenceOfKind.config).toBe(userSentenceOfKind.deployment);
    expect(english(userSentenceOfKind.config)).toMatch(/problem on this site\. Please try again later/);
    expect(english(userSentenceOfKind.quota)).toMatch(/cannot be sent by SMS right now\. Please try again later/);
    expect(userSentenceOfKind.quota).not.toBe(userSentenceOfKind.config);
    // A code may still arrive: asking for another at once would mean two.
    for (const id of [userSentenceOfKind['aliyun-fault'], maybeSentUserSentence]) {
      expect(english(id)).toMatch(/If no code arrives within a minute, please request a new one\.$/);
    }
    expect(maybeSentUserSentence).not.toBe(userSentenceOfKind['aliyun-fault']);
    expect(english(notSentUserSentence)).toMatch(/could not be reached\. Please try again in a moment\.$/);
  });
});
