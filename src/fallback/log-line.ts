// The server log's line for a fallback send: what an operator needs to see that the main
// sender is failing (and why) while sign-ins still work. Codes, products and a masked number
// only: nothing of the config, no secret, no verification code.
import type { FallbackNotice } from './with-fallback.js';

/** One line for Logto's server log: the reason, Aliyun's code or the transport failure, both services, the masked number. */
export const fallbackLogLine = (notice: FallbackNotice, maskedPhoneNumber: string): string =>
  [
    `Aliyun SMS connector: the main sender (${notice.mainProduct}) failed without sending`,
    `(reason ${notice.reason}, ${notice.cause}), so the fallback sender (${notice.fallbackProduct})`,
    `${notice.outcome === 'sent' ? 'sent' : 'also failed to send'} the code to ${maskedPhoneNumber}.`,
  ].join(' ');
