// What every product's receipt reader gives, so the console's Send and the doctor can follow
// a message without knowing which product sent it: the product definition names its reader.
import { ConnectorError } from '@logto/connector-kit';

import type { CallRuntime } from './rpc/call.js';
import type { RpcCallSpec } from './rpc/rpc-request.js';

/** One message's receipt: final (delivered, failed), still waiting, or not (yet) on record. */
export type Receipt =
  | { state: 'delivered'; code: string; receivedAt: string | undefined }
  | { state: 'failed'; code: string; receivedAt: string | undefined }
  | { state: 'pending' }
  | { state: 'not-found' };

/** One lookup: the receipt, or why there is none to read. */
export type Lookup = Receipt | { state: 'denied' } | { state: 'unavailable'; detail: string };

/** The message to follow: where and how to ask, and which message it is. */
export type ReceiptTarget = Pick<RpcCallSpec, 'endpoint' | 'credentials' | 'signatureVersion' | 'regionId'> & {
  /** The number exactly as the send was given it. */
  phoneNumber: string;
  /** The accepted message's id: Dysmsapi 2017's BizId, or the international site's MessageId. */
  bizId: string;
  /** The number as errors may show it, e.g. "138******00". */
  maskedPhoneNumber: string;
};

/** How one product reads the receipt of a message it accepted. */
export type ReceiptQuery = {
  /** Asks once (retries included) for the receipt, filed under `sendDate` where the product files by date. */
  lookUp: (target: ReceiptTarget, sendDate: string, timeoutMs: number, runtime?: Partial<CallRuntime>) => Promise<Lookup>;
  /** The dates to ask for a message sent at `sentAt`, as seen at `now` (one placeholder when the query has no date). */
  sendDates: (sentAt: Date, now: Date) => string[];
  /** Whether the query asks for a send date (the doctor's --date then picks it). */
  filedByDate: boolean;
  /** What the product calls a message's id in its answers. */
  idName: 'BizId' | 'MessageId';
  /** The RAM action the query needs, and the read-only policy that grants it. */
  permission: string;
};

// Dysmsapi 2017 and the gateway say it one way, the international site's answers another.
const ramDenials = new Set(['Forbidden.RAM', 'isp.RAM_PERMISSION_DENY', 'RAM_PERMISSION_DENY']);

const dataText = (error: ConnectorError, key: string): string | undefined => {
  const value: unknown = typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, key) : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** What a failed receipt call means for the wait: no permission, or no answer to read this time. */
export const lookupOfFailure = (error: unknown): Lookup => {
  if (!(error instanceof ConnectorError)) {
    return { state: 'unavailable', detail: 'the receipt query failed unexpectedly' };
  }
  const code = dataText(error, 'Code');
  if (code !== undefined && ramDenials.has(code)) {
    return { state: 'denied' };
  }
  return { state: 'unavailable', detail: dataText(error, 'errorDescription') ?? error.message };
};
