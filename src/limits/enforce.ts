// Holds an end user's send to `sendLimits` before anything is asked of Aliyun: a refused send
// costs nothing. Limits are checked in order (per IP, per range, per country) and a send refused
// by one is not counted by the ones after it, so one noisy address cannot spend a country's
// allowance.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { Recipient } from '../phone.js';

import { ipKeyOf, limitChecksOf, type LimitCheck } from './keys.js';
import { processLimitStores, type LimitStores } from './registry.js';
import type { SendLimits } from './schema.js';
import { logPrefix, type Warn } from './store.js';

/** Seams for tests: the stores counters live in, the log and the clock. */
export type LimitRuntime = { stores?: LimitStores; warn?: Warn; now?: () => number };

/** What of a send the limits look at. */
export type LimitedSend = { recipient: Recipient; ip: unknown };

/** The most a send waits for the counter store before it goes on counted in memory. */
export const maxStoreWaitMs = 500;

/** How long the store may take for one send: a fifth of its timeout, at most {@link maxStoreWaitMs}. */
export const storeBoundOf = (timeoutMs: number): number => Math.min(maxStoreWaitMs, Math.floor(timeoutMs / 5));

/** The admin's log line for a refused send: which limit, the masked number and the IP, never the full number. */
export const refusalLine = (check: LimitCheck, recipient: Recipient, ip: unknown): string => {
  const address = ipKeyOf(ip) === undefined || typeof ip !== 'string' ? 'none given' : ip.trim();
  return `${logPrefix} refused an SMS send over sendLimits.${check.kind} (${check.rule.limit} per ${check.rule.windowSeconds} s): recipient ${recipient.masked}, IP ${address}.`;
};

const refusal = (check: LimitCheck, recipient: Recipient): ConnectorError => {
  const errorDescription = `The send to ${recipient.masked} was refused by sendLimits.${check.kind} (${check.rule.limit} per ${check.rule.windowSeconds} s); nothing was sent to Aliyun.`;
  const error = new ConnectorError(ConnectorErrorCodes.RateLimitExceeded, {
    errorDescription,
    maskedPhoneNumber: recipient.masked,
    // Said in the user's language where the error is shaped for its reader (src/audience.ts).
    userSentence: 'send-limit',
  });
  error.message = errorDescription;
  return error;
};

/** Counts an end user's send against every limit that applies; throws rate_limit_exceeded over one. */
export const enforceSendLimits = async (
  limits: SendLimits | undefined,
  send: LimitedSend,
  timeoutMs: number,
  runtime: LimitRuntime = {}
): Promise<void> => {
  if (limits === undefined) {
    return;
  }
  const checks = limitChecksOf(limits, send.recipient, send.ip);
  if (checks.length === 0) {
    return;
  }
  const now = runtime.now ?? Date.now;
  const deadline = now() + storeBoundOf(timeoutMs);
  const store = await (runtime.stores ?? processLimitStores).storeFor(limits.redisUrl);
  for (const check of checks) {
    const outcome = await store.consume({ counter: check.counter, key: check.key, rule: check.rule, boundMs: deadline - now() });
    if (outcome === 'refused') {
      (runtime.warn ?? console.warn)(refusalLine(check, send.recipient, send.ip));
      throw refusal(check, send.recipient);
    }
  }
};
