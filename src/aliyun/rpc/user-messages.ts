// What an anonymous end user reads when a send fails: what happened and whether to try again,
// with nothing of the configuration and no advice meant for administrators. The sentences
// themselves, in every language, are in src/end-user/sentences.ts; this names which one fits.
import type { SentenceId } from '../../end-user/sentences.js';

import type { CodeKind } from './codes/meaning.js';

/** The end user's sentence for each kind of Aliyun Code. */
export const userSentenceOfKind: Readonly<Record<CodeKind, SentenceId>> = {
  'per-number-limit': 'too-many-for-number',
  throttled: 'service-busy',
  quota: 'unavailable',
  recipient: 'number-cannot-receive',
  // Nothing the end user can fix: the same words whichever part of the site is wrong.
  config: 'site-problem',
  deployment: 'site-problem',
  'aliyun-fault': 'service-problem',
};

/** After a failure that may have delivered the SMS anyway. */
export const maybeSentUserSentence: SentenceId = 'not-confirmed';

/** After a failure that certainly sent nothing. */
export const notSentUserSentence: SentenceId = 'not-reached';
