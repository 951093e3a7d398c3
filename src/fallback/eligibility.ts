// When a failed send may be handed to the fallback sender. A verification SMS must never arrive
// twice, so only failures that prove Aliyun did not send it qualify, and only those a different
// sender (another account, sign name, template set or endpoint) could avoid. The number itself
// and the per-number frequency limit are the user's, not the sender's: no sender avoids them.
import type { ConnectorError } from '@logto/connector-kit';

import { classifyCode, type AliyunProduct } from '../aliyun/classify.js';
import type { CodeKind } from '../aliyun/rpc/codes/meaning.js';

/** Why the main sender was passed over, as the fallback's log line names it. */
export type FallbackReason =
  /** Balance, quota, day or month limit, suspension, product not opened. */
  | 'account'
  /** Sign name, template, filing, credentials, signature or permissions: the sender's identity. */
  | 'sender'
  /** The server's clock or address as Aliyun saw it, with this sender's account. */
  | 'deployment'
  /** Credentials could not be had for this sender. */
  | 'credentials'
  /** The endpoint could not be reached, and nothing was written to it. */
  | 'unreachable'
  /** The sender's service cannot reach the number's country; nothing was sent. */
  | 'service-reach';

const reasonOfKind: Readonly<Record<CodeKind, FallbackReason | undefined>> = {
  quota: 'account',
  config: 'sender',
  deployment: 'deployment',
  // The user's own limit, the number itself, the account's request rate (already retried) and
  // faults after which the SMS may be on its way: none of these may reach a second sender.
  'per-number-limit': undefined,
  recipient: undefined,
  throttled: undefined,
  'aliyun-fault': undefined,
};

// Transport failures before any byte of the request was written; a deadline that ran out
// leaves no time for a second sender anyway.
const unreachableFailures: ReadonlySet<string> = new Set([
  'connection-refused',
  'dns',
  'connect-timeout',
  'connect-failed',
  'tls',
]);

// Refusals before any request because the sender's service cannot serve this number: the SMS
// authentication service outside mainland China, the international site without a mainland
// template for a mainland number. Another service may serve it.
const reachRefusals: ReadonlySet<string> = new Set(['not_mainland', 'mainland_needs_template']);

const dataField = (error: ConnectorError, key: string): unknown => {
  const { data } = error;
  return typeof data === 'object' && data !== null ? Reflect.get(data, key) : undefined;
};

/** Why a failed send of `product` may go to the fallback, or undefined when it must not. */
export const fallbackReasonOf = (error: ConnectorError, product: AliyunProduct): FallbackReason | undefined => {
  const reason = dataField(error, 'reason');
  if (typeof reason === 'string' && reachRefusals.has(reason)) {
    return 'service-reach';
  }
  // Anything that does not say outright that no SMS left is treated as possibly sent.
  if (dataField(error, 'smsMayHaveBeenSent') !== false) {
    return dataField(error, 'credentialSource') === 'environment' && dataField(error, 'failure') === undefined
      ? 'credentials'
      : undefined;
  }
  const failure = dataField(error, 'failure');
  if (typeof failure === 'string') {
    return unreachableFailures.has(failure) ? 'unreachable' : undefined;
  }
  const code = dataField(error, 'Code');
  return typeof code === 'string' ? reasonOfKind[classifyCode(product, code).kind] : undefined;
};
