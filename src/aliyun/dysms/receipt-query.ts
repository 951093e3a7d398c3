// The QuerySendDetails call for one message, through the connector's one call path (signing,
// transport, timeouts, retries of what never reached Aliyun), and what its outcome means.
import { ConnectorError } from '@logto/connector-kit';

import { callAliyun, type CallRuntime } from '../rpc/call.js';
import type { RpcCallSpec } from '../rpc/rpc-request.js';

import { readReceipt, type Receipt } from './receipt.js';

/** The message to follow: where and how to ask, and which message it is. */
export type ReceiptTarget = Pick<RpcCallSpec, 'endpoint' | 'credentials' | 'signatureVersion' | 'regionId'> & {
  /** The number exactly as SendSms was given it (mainland: 11 digits; else country code and number). */
  phoneNumber: string;
  bizId: string;
  /** The number as errors may show it, e.g. "138******00". */
  maskedPhoneNumber: string;
};

/** One lookup: the receipt, or why there is none to read. */
export type Lookup =
  | Receipt
  | { state: 'denied' }
  | { state: 'unavailable'; detail: string };

/** The RAM action QuerySendDetails needs. */
export const queryPermission = 'dysms:QuerySendDetails';

const ramDenials = new Set(['Forbidden.RAM', 'isp.RAM_PERMISSION_DENY']);

const dataText = (error: ConnectorError, key: string): string | undefined => {
  const value: unknown = typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, key) : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** Asks Aliyun once (retries included) for the message's receipt filed under `sendDate`. */
export const lookUpReceipt = async (
  target: ReceiptTarget,
  sendDate: string,
  timeoutMs: number,
  runtime: Partial<CallRuntime> = {}
): Promise<Lookup> => {
  try {
    const { result } = await callAliyun(
      {
        endpoint: target.endpoint,
        action: 'QuerySendDetails',
        version: '2017-05-25',
        parameters: { PhoneNumber: target.phoneNumber, BizId: target.bizId, SendDate: sendDate, PageSize: '10', CurrentPage: '1' },
        credentials: target.credentials,
        signatureVersion: target.signatureVersion,
        regionId: target.regionId,
        timeoutMs,
        accept: (_answer, body) => readReceipt(body),
        context: { product: 'dysms', sensitive: [target.phoneNumber], maskedPhoneNumber: target.maskedPhoneNumber },
      },
      runtime
    );
    return result;
  } catch (error: unknown) {
    if (!(error instanceof ConnectorError)) {
      return { state: 'unavailable', detail: 'the receipt query failed unexpectedly' };
    }
    const code = dataText(error, 'Code');
    if (code !== undefined && ramDenials.has(code)) {
      return { state: 'denied' };
    }
    return { state: 'unavailable', detail: dataText(error, 'errorDescription') ?? error.message };
  }
};
