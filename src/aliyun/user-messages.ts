// What an anonymous end user reads when a send fails: what happened and whether to try again,
// in one sentence, with nothing of the configuration and no advice meant for administrators.
import type { CodeKind } from './codes/meaning.js';

/** The end user's sentence for each kind of Aliyun Code. */
export const userMessageOfKind: Readonly<Record<CodeKind, string>> = {
  'per-number-limit':
    'Too many verification codes were requested for this phone number. Please wait a few minutes before requesting another one.',
  throttled: 'The SMS service is busy. Please try again in a moment.',
  quota: 'Verification codes cannot be sent by SMS right now. Please try again later.',
  recipient: 'This phone number cannot receive a verification code by SMS. Please check the number.',
  config: 'Verification codes cannot be sent by SMS right now because of a problem on this site. Please try again later.',
  deployment:
    'Verification codes cannot be sent by SMS right now because of a problem on this site. Please try again later.',
  'aliyun-fault':
    'The SMS service reported a problem. If no code arrives within a minute, please request a new one.',
};

/** After a failure that may have delivered the SMS anyway. */
export const maybeSentUserMessage =
  'The SMS service did not confirm the message. If no code arrives within a minute, please request a new one.';

/** After a failure that certainly sent nothing. */
export const notSentUserMessage = 'The SMS service could not be reached. Please try again in a moment.';
